"""Field types of the calculation API (API.md): money as strings with two decimals."""

from decimal import Decimal

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from dealers.money import round_money
from dealers.plausibility import WINDOWS, date_problem_now


class Money(serializers.DecimalField):
    """Money in: a number or a string, at most two decimals, never negative.

    `more_than_zero` only tells the schema that the serializer refuses zero too (with
    its own message, in its validate_<field>)."""

    def __init__(self, *, more_than_zero: bool = False, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        self.more_than_zero = more_than_zero
        super().__init__(max_digits=12, decimal_places=2, **kwargs)


class MoneySchema(OpenApiSerializerFieldExtension):
    """Money in as API.md fixes it: a string with at most two decimals ("9000.00"),
    within the field's bounds. drf-spectacular's own pattern let through "", "-5" and
    amounts over a maximum, all of which the API refuses with a 400. (A JSON number is
    read too, but the contract is the string.)"""

    target_class = Money

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        whole = field.max_digits - field.decimal_places
        if field.more_than_zero:
            pattern = rf"^(?:[1-9][0-9]{{0,{whole - 1}}}{_CENTS}|0\.(?:0[1-9]|[1-9][0-9]?))$"
        elif field.max_value is not None:
            pattern = _up_to_pattern(int(field.max_value))
        else:
            pattern = rf"^[0-9]{{1,{whole}}}{_CENTS}$"
        return {"type": "string", "format": "decimal", "pattern": pattern, "example": "9000.00"}


_CENTS = r"(?:\.[0-9]{1,2})?"


def _up_to_pattern(top: int) -> str:
    """A pattern for amounts from 0 to `top` (a whole number), cents included: shorter
    numbers, then each digit of `top` lowered in turn, then `top` itself."""
    digits = str(top)
    under = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for i, digit in enumerate(digits):
        low = 1 if i == 0 and len(digits) > 1 else 0
        if int(digit) > low:
            rest = len(digits) - i - 1
            under.append(
                f"{digits[:i]}[{low}-{int(digit) - 1}]" + (f"[0-9]{{{rest}}}" * bool(rest))
            )
    return rf"^(?:(?:{'|'.join(under)}){_CENTS}|{digits}(?:\.0{{1,2}})?)$"


class Number(serializers.DecimalField):
    """A plain number of any precision (API.md's "number"), read exactly as a Decimal."""

    def __init__(self, **kwargs):
        # written back out (tests) as a JSON number, as it came in
        super().__init__(max_digits=None, decimal_places=None, coerce_to_string=False, **kwargs)


class NumberSchema(OpenApiSerializerFieldExtension):
    """A JSON number within the field's bounds (drf-spectacular describes any decimal
    field as a string)."""

    target_class = Number

    def map_serializer_field(self, auto_schema, direction):
        schema = {"type": "number"}
        if self.target.min_value is not None:
            schema["minimum"] = self.target.min_value
        if self.target.max_value is not None:
            schema["maximum"] = self.target.max_value
        return schema


class Text(serializers.CharField):
    """Text in: trimmed, and refused when blank or when it holds a NUL character."""


class TextSchema(OpenApiSerializerFieldExtension):
    """What Text refuses, in the schema too (drf-spectacular's lets "", "  " and "\\u0000"
    through, each a 400)."""

    target_class = Text

    def map_serializer_field(self, auto_schema, direction):
        schema = {"type": "string", "pattern": r"^[^\x00]*[^\s\x00][^\x00]*$"}
        if self.target.max_length is not None:
            schema["maxLength"] = self.target.max_length
        return schema


class PlausibleDate(serializers.DateField):
    """A date ("YYYY-MM-DD") within the window of its kind (dealers/plausibility.py: birth,
    first_registration, deal, delivery, loss, any): year 1, year 9999 or a loss next year
    is a 400 saying which dates are allowed, never a figure worked out from it.
    policies/api/fast.py checks the same window through `plausible_kind`."""

    def __init__(self, kind: str, **kwargs):
        WINDOWS[kind]  # an unknown kind fails at import
        self.plausible_kind = kind
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if problem := date_problem_now(day, self.plausible_kind, iso=True):
            raise serializers.ValidationError(problem, code="implausible")
        return day


class MoneyOut(serializers.DecimalField):
    """Money out: a string with two decimals, rounded half-up."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, coerce_to_string=True, **kwargs)


def fmt(amount: Decimal) -> str:
    return str(round_money(amount))  # quantized to the cent: always two decimals, never 1E+3


def request_language(request) -> str:
    """Refusals read in the caller's language: a dealer's staff get their dealer's
    language; other callers Italian when they send Accept-Language: it."""
    user = request.user
    if user is not None and getattr(user, "dealer_id", None):
        return user.language
    return "it" if request.META.get("HTTP_ACCEPT_LANGUAGE", "").startswith("it") else "en"
