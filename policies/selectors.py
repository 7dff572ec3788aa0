"""Reads of the head-office data in force on a date: rate cards, taxes, fees, readings."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from .models import Fee, Product, ProductSetting, RateCard, TaxRate
from .rules.pricing import FeeSpec, TaxSpec


class NotConfigured(Exception):
    """Head office has not set up what a calculation needs (no rate card in force...)."""


def product_get(code: str) -> Product:
    try:
        return Product.objects.get(code=code)
    except Product.DoesNotExist as e:
        raise NotConfigured(f"Product {code!r} is not set up.") from e


def rate_card_in_force(product: Product, on: date) -> RateCard:
    card = (
        RateCard.objects.filter(product=product, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if card is None:
        raise NotConfigured(f"No rate card for {product.code} in force on {on:%Y-%m-%d}.")
    return card


def rates_of(card: RateCard) -> dict[str, Decimal]:
    return dict(card.entries.values_list("key", "value"))


def taxes_in_force(product: Product, on: date, region: str = "") -> list[TaxSpec]:
    """The product's taxes on a date; a regional tax (AU stamp duty) only for `region`."""
    rows = (
        TaxRate.objects.filter(product=product, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .filter(Q(region="") | Q(region=region))
        .order_by("position", "code")
    )
    return [TaxSpec(t.code, t.label, t.rate, t.tax_class, t.on_taxes) for t in rows]


def fee_in_force(product: Product, code: str, on: date) -> FeeSpec:
    fee = (
        Fee.objects.filter(product=product, code=code, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if fee is None:
        raise NotConfigured(f"No {code} fee for {product.code} in force on {on:%Y-%m-%d}.")
    return FeeSpec(fee.code, fee.label, fee.amount)


def settings_of(product: Product) -> dict[str, Any]:
    return dict(ProductSetting.objects.filter(product=product).values_list("key", "value"))
