"""JSON read with bounds on its size and nesting, wherever it comes from outside.

Python's json module parses nested arrays and objects by recursion: a few kilobytes of
"[[[[…" raise RecursionError, which nothing expects, so the request ended in a 500. Every
JSON the application reads from a request (the API's bodies, the JSON fields of the admin)
is checked here first, and refused with a sentence when it is too large or too deep. The
limits are far above anything the API or a product setting needs: the deepest API body
(an NCD request's claims) is three levels, the largest a few hundred bytes."""

import re

from django import forms
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext as _

from .limits import size_text

MAX_DEPTH = 10
MAX_BYTES = 64 * 1024

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')  # brackets inside a string do not nest
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str, max_depth: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects in `text` nest deeper than `max_depth`."""
    if text.count("[") + text.count("{") <= max_depth:  # the usual body: no scan needed
        return False
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False


def json_problem(text: str | bytes, max_bytes: int = MAX_BYTES) -> str | None:
    """The sentence refusing `text` before it is parsed, or None when it may be parsed."""
    if len(text) > max_bytes:
        return _("The JSON is larger than %(limit)s.") % {"limit": size_text(max_bytes)}
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if too_deep(text):
        return _("The JSON is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}
    return None


class BoundedJSONFormField(forms.JSONField):
    """forms.JSONField that refuses JSON too large or too deep to parse safely, with a
    message on the field instead of a 500 (it parses in to_python and bound_data)."""

    def to_python(self, value):
        if isinstance(value, str) and (problem := json_problem(value)):
            raise forms.ValidationError(problem, code="invalid")
        return super().to_python(value)

    def bound_data(self, data, initial):
        if isinstance(data, str) and json_problem(data):
            return InvalidJSONInput(data)
        return super().bound_data(data, initial)
