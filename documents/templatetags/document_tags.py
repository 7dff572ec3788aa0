"""Filters for the PDF templates: dates as the documents print them, rates, CSS strings;
and the policy page's list of documents (policies' templates ask documents, below it in
no way: docs/architecture.md)."""

from datetime import date

from django import template
from django.utils.safestring import SafeString, mark_safe

from documents.content.common import percent as percent_text
from documents.services import latest_documents
from policies.signatures import statements_of_policy

register = template.Library()


@register.simple_tag
def latest_documents_of(policy) -> list:
    """The newest version of each kind of document the policy has."""
    return latest_documents(policy)


@register.simple_tag
def signed_statements_of(policy) -> list:
    """What the customer signed at the desk for the policy, each a PDF."""
    return statements_of_policy(policy)


@register.filter
def day(value: date | None) -> str:
    """22/11/2026: the day first, as in all three markets."""
    return value.strftime("%d/%m/%Y") if value else ""


@register.filter
def percent(rate) -> str:
    return percent_text(rate) if rate not in (None, "") else ""


@register.filter
def css_string(value) -> SafeString:
    """Text for a CSS `content: "..."` string (page headers and footers): escaped for CSS,
    not for HTML, since a <style> element's text is not HTML."""
    text = " ".join(str(value).split())
    for char in '\\"<>&':
        text = text.replace(char, f"\\{ord(char):x} ")
    return mark_safe(text)  # noqa: S308 # nosec B308 B703 # all that could end the string is escaped
