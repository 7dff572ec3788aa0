"""A policy's answers as stored (Policy.answers, JSON) and back: encoded and decoded by its
product's answers schema, under the schema's version (Policy.answers_version), so that a
policy sold before its product's questions changed still reads. Nothing is guessed from
how a value looks: an answer is a date because its question is a date.

The product's `answers` (products/answers.py) reads them, with the facts every sale may
keep beside them (its dates)."""

from functools import cache
from typing import Any

from products.answers import Answers, Question
from products.registry import product_definition

# What a sale or a renewal keeps beside the product's own answers.
SALE_FACTS = {
    name: Question("date", required=False)
    for name in ("sale_date", "delivery_date", "first_registration", "first_sale_date",
                 "cover_start")
}  # fmt: skip


@cache
def _schema_of(answers: type[Answers]) -> type[Answers]:
    extra = {n: q for n, q in SALE_FACTS.items() if n not in answers.questions}
    return type(f"{answers.__name__}Stored", (answers,), extra)


def stored_schema(code: str) -> type[Answers]:
    """The schema a policy of the product of `code` is stored and read by."""
    return _schema_of(product_definition(code).answers)


def answers_encoded(code: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers as stored (JSON) by the product's schema."""
    return stored_schema(code).encode(answers)


def answers_decoded(
    code: str, stored: dict[str, Any], version: int | None = None
) -> dict[str, Any]:
    """Stored answers of `version` (Policy.answers_version; None: the current one) read
    back to Python values by the product's schema, upgraded to its current version."""
    return stored_schema(code).decode(stored, version)
