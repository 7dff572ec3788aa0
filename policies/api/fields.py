"""Field types of the calculation API (API.md): money as strings with two decimals."""

from decimal import Decimal

from rest_framework import serializers

from policies.rules.common import money


class Money(serializers.DecimalField):
    """Money in: a number or a string, at most two decimals, never negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(max_digits=12, decimal_places=2, **kwargs)


class MoneyOut(serializers.DecimalField):
    """Money out: a string with two decimals, rounded half-up."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, coerce_to_string=True, **kwargs)


def fmt(amount: Decimal) -> str:
    return str(money(amount))  # quantized to the cent: always two decimals, never 1E+3


def request_language(request) -> str:
    """Refusals read in the caller's language: a dealer's staff get their dealer's
    language; other callers Italian when they send Accept-Language: it."""
    user = request.user
    if user is not None and getattr(user, "dealer_id", None):
        return user.language
    return "it" if request.META.get("HTTP_ACCEPT_LANGUAGE", "").startswith("it") else "en"
