"""Errors in the shape API.md fixes: 400 with {"errors": {"<field>": ["<message>", ...]}}."""

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = {field: _messages(value, field) for field, value in detail.items()}
        return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ParseError):
        return Response({"errors": {"body": [str(exc.detail)]}}, status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)


def _messages(detail, field: str, path: str = "") -> list[str]:
    """A field's errors as plain messages. DRF nests the errors of a list's items and of
    nested objects ({1: {"kind": [...]}}); the contract wants strings, so a nested
    message says where it is: 'claims[1].kind: "x" is not a valid choice.'"""
    if isinstance(detail, dict):
        parts = list(detail.items())
    elif isinstance(detail, list) and any(isinstance(d, dict | list) for d in detail):
        parts = list(enumerate(detail))
    else:
        leaves = detail if isinstance(detail, list) else [detail]
        return [f"{field}{path}: {m}" if path else str(m) for m in leaves]
    out = []
    for key, value in parts:
        if key == api_settings.NON_FIELD_ERRORS_KEY:
            out += _messages(value, field, path)
        else:
            step = f"[{key}]" if str(key).isdigit() else f".{key}"
            out += _messages(value, field, path + step)
    return out
