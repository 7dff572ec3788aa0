"""A policy's answers as stored (Policy.answers, JSON) and back: encoded and decoded by its
product's answers schema, under the schema's version (Policy.answers_version), so that a
policy sold before its product's questions changed still reads. Nothing is guessed from
how a value looks: an answer is a date because its question is a date.

A product that declares `answers` (products/answers.py) is read by it. A product that
still brings its own form and quote serializer is read by a schema taken from that
serializer's fields. Either way the facts every sale may keep (its dates) are added."""

from functools import cache
from typing import Any

from rest_framework import serializers

from products.answers import Answers, Question
from products.registry import product_definition

from .api.quotes import quote_request_of

# What a sale or a renewal keeps beside the product's own answers.
SALE_FACTS = {
    name: Question("date", required=False)
    for name in ("sale_date", "delivery_date", "first_registration", "first_sale_date",
                 "cover_start")
}  # fmt: skip


def _question(field: serializers.Field) -> Question | None:
    """A serializer field's kind of answer (for reading stored answers only)."""
    kinds = ((serializers.BooleanField, "bool"), (serializers.IntegerField, "int"),
             (serializers.DecimalField, "money"), (serializers.DateField, "date"))  # fmt: skip
    for cls, kind in kinds:
        if isinstance(field, cls):
            return Question(kind, required=False)
    return None  # text, choices and lists read as stored


@cache
def _schema_of(code: str, answers: type[Answers] | None) -> type[Answers]:
    if answers is None:
        fields = quote_request_of(code)().fields
        own = {n: q for n, f in fields.items() if n != "product" and (q := _question(f))}
        answers = type(f"{code}-stored", (Answers,), own)
    extra = {n: q for n, q in SALE_FACTS.items() if n not in answers.questions}
    return type(f"{answers.__name__}Stored", (answers,), extra)


def stored_schema(code: str) -> type[Answers]:
    """The schema a policy of the product of `code` is stored and read by."""
    return _schema_of(code, product_definition(code).answers)


def answers_encoded(code: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers as stored (JSON) by the product's schema."""
    return stored_schema(code).encode(answers)


def answers_decoded(
    code: str, stored: dict[str, Any], version: int | None = None
) -> dict[str, Any]:
    """Stored answers of `version` (Policy.answers_version; None: the current one) read
    back to Python values by the product's schema, upgraded to its current version."""
    return stored_schema(code).decode(stored, version)
