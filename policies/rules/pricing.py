"""From premium components to what the customer pays: taxes, fees, total, instalments.

Pure: the rates, taxes and fees arrive as data from the rate card and tax tables.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dealers.money import round_money, split_evenly

from .common import ZERO


@dataclass(frozen=True)
class Component:
    """Part of the net premium. `tax_class` picks the taxes that apply to it."""

    code: str
    label: str
    amount: Decimal
    tax_class: str = "standard"


@dataclass(frozen=True)
class TaxSpec:
    code: str
    label: str
    rate: Decimal
    tax_class: str = ""  # blank: every component
    on_taxes: bool = False  # the base includes the taxes charged before this one


@dataclass(frozen=True)
class FeeSpec:
    code: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class TaxLine:
    code: str
    label: str
    rate: Decimal
    base: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Breakdown:
    components: tuple[Component, ...]
    net: Decimal
    taxes: tuple[TaxLine, ...]
    fees: tuple[FeeSpec, ...]
    total: Decimal

    @property
    def tax_total(self) -> Decimal:
        return sum((t.amount for t in self.taxes), ZERO)


def itemise(
    components: Sequence[Component], taxes: Sequence[TaxSpec], fees: Sequence[FeeSpec] = ()
) -> Breakdown:
    """Round each component to the cent, then charge each tax on the rounded figures so
    that net + taxes + fees = total exactly, as shown to the customer."""
    rounded = tuple(
        Component(c.code, c.label, round_money(c.amount), c.tax_class) for c in components
    )
    net = sum((c.amount for c in rounded), ZERO)
    lines: list[TaxLine] = []
    for tax in taxes:
        base = sum((c.amount for c in rounded if tax.tax_class in ("", c.tax_class)), ZERO)
        if tax.on_taxes:
            base += sum((line.amount for line in lines), ZERO)
        lines.append(TaxLine(tax.code, tax.label, tax.rate, base, round_money(base * tax.rate)))
    fee_total = sum((f.amount for f in fees), ZERO)
    total = net + sum((line.amount for line in lines), ZERO) + fee_total
    return Breakdown(rounded, net, tuple(lines), tuple(fees), total)


def split_total(total: Decimal, parts: int) -> tuple[Decimal, ...]:
    """`parts` instalments that add back to `total` exactly (see dealers.money)."""
    return tuple(split_evenly(total, parts))


@dataclass(frozen=True)
class PaymentOption:
    plan: str  # "single" | "monthly" | "annual"
    instalments: tuple[Decimal, ...]
    total: Decimal
    discount: Decimal = ZERO

    @property
    def first(self) -> Decimal:
        return self.instalments[0]
