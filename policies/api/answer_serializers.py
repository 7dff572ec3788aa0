"""The quote API's request serializer of a product, derived from its answers schema
(products/answers.py): the same types, ranges and choices as the menu's form
(policies/answer_forms.py), so that the API, its OpenAPI schema and the menu cannot
drift. Only the priced answers are taken: the price does not depend on the others."""

from collections.abc import Callable
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from products.answers import NO_DEFAULT, Answers, Question, money_floor

from .fields import Money, PlausibleDate, Text


class OneProduct(serializers.ChoiceField):
    """The one product a derived serializer serves."""

    def __init__(self, code: str, **kwargs: Any) -> None:
        super().__init__([code], **kwargs)


class OneProductSchema(OpenApiSerializerFieldExtension):
    """As quotes.ProductOfSchema: each variant of QuoteRequest lists only its own product,
    so that a body matches exactly one variant (oneOf)."""

    target_class = OneProduct

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "enum": list(self.target.choices)}


def _int(q: Question, **kw: Any) -> serializers.Field:
    return serializers.IntegerField(min_value=q.min, max_value=q.max, **kw)


def _money(q: Question, **kw: Any) -> serializers.Field:
    return Money(min_value=money_floor(q), max_value=q.max, **kw)


def _bool(q: Question, **kw: Any) -> serializers.Field:
    return serializers.BooleanField(**kw)


def _date(q: Question, **kw: Any) -> serializers.Field:
    return PlausibleDate(q.when, **kw)


def _choice(q: Question, **kw: Any) -> serializers.Field:
    return serializers.ChoiceField(q.values, **kw)


def _choices(q: Question, **kw: Any) -> serializers.Field:
    # required: at least one, as the form's required MultipleChoiceField
    return serializers.ListField(
        child=serializers.ChoiceField(q.values), allow_empty=not q.required, **kw
    )


def _text(q: Question, **kw: Any) -> serializers.Field:
    return Text(max_length=q.max_length, allow_blank=not q.required, **kw)


FIELDS: dict[str, Callable[..., serializers.Field]] = {
    "int": _int, "money": _money, "bool": _bool, "date": _date, "choice": _choice,
    "choices": _choices, "text": _text,
}  # fmt: skip


def serializer_field(q: Question) -> serializers.Field:
    """The serializer field of one question. Not required: left out when not sent, or
    its default (False for a bool, [] for choices) as the form has it."""
    kw: dict[str, Any] = {}
    if q.label:
        kw["label"] = q.label
    if q.help_text:
        kw["help_text"] = q.help_text
    default = q.default_value()
    if default is not NO_DEFAULT:
        kw["default"] = list if default == [] and q.kind == "choices" else default
    elif not q.required:
        kw["required"] = False
    return FIELDS[q.kind](q, **kw)


def camel(code: str) -> str:
    """ "motor-uk" -> "MotorUk": the serializer's name, and so its OpenAPI component's."""
    return "".join(part.capitalize() for part in code.replace("_", "-").split("-"))


def quote_request_for(code: str, answers: type[Answers], base: type) -> type:
    """The quote request serializer of the product of `code`: a subclass of `base`
    (quotes.QuoteBase) taking `code` as its product and a field for each priced question
    of `answers`, whose validate() refuses the schema's problems between answers."""

    def validate(self, data):
        data = super(serializer, self).validate(data)
        if problems := answers.check(data):
            raise serializers.ValidationError({k: [v] for k, v in problems.items()})
        return data

    fields = {name: serializer_field(q) for name, q in answers.questions.items() if q.priced}
    attrs: dict[str, Any] = {
        "product": OneProduct(code),
        **fields,
        "validate": validate,
        "__module__": __name__,
        "__doc__": f"A quote of {code}: the priced answers of {answers.__qualname__}.",
    }
    serializer = type(base)(f"{camel(code)}Quote", (base,), attrs)
    return serializer
