"""The statements the customer signed at the desk, each a PDF: the words signed, the
drawn signature, who signed and when, and who saw it signed; made by the workers once the
sale commits (policies.events.statements_signed), kept with the deal's policies."""

import base64
import hashlib

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from policies.models import SignedStatement

from .context import intermediary
from .rendering import html_to_pdf


def statement_pdf(statement: SignedStatement) -> bytes:
    deal = statement.deal
    context = {
        "statement": statement, "deal": deal, "dealer": deal.dealer, "customer": deal.customer,
        "vehicle": deal.vehicle, "brand": deal.dealer.brand, "language": statement.language,
        "intermediary": intermediary(deal.dealer),
        "signature": "data:image/png;base64," + base64.b64encode(
            bytes(statement.signature)).decode(),
    }  # fmt: skip
    with translation.override(statement.language):
        return html_to_pdf(render_to_string("documents/signed_statement.html", context))


def statement_store(statement: SignedStatement) -> SignedStatement:
    """Its PDF made and kept, once (made again only if it has none)."""
    if statement.file:
        return statement
    pdf = statement_pdf(statement)
    statement.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    statement.file.save(f"{statement.kind}-{statement.pk}.pdf", ContentFile(pdf), save=False)
    statement.save(update_fields=["file", "pdf_sha256"])
    return statement


@shared_task(name="documents.tasks.render_statements_task", ignore_result=True)
def render_statements_task(ids: list[int]) -> None:
    for statement in SignedStatement.objects.filter(pk__in=ids).select_related(
        "deal__dealer", "deal__customer", "deal__vehicle", "product", "witnessed_by"
    ):
        statement_store(statement)


def statements_render_queue(statements: list[SignedStatement]) -> None:
    ids = [s.pk for s in statements]
    transaction.on_commit(lambda: render_statements_task.delay(ids))
