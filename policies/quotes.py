"""The quote service: a product and its inputs -> the premium itemised and the ways to pay.

Reads the rate card, taxes and readings in force on the quote date, asks the product's
rules whether it can be sold, and prices it. A refusal is an answer (eligible False, with
the reasons), not an error.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from products.registry import product_definition

from . import eligibility
from .models import RateCard
from .rules import premiums
from .rules.common import ZERO, Refusal
from .rules.pricing import Breakdown, PaymentOption, itemise, split_total
from .selectors import product_get, rate_card_in_force, rates_of, settings_of, taxes_in_force


@dataclass(frozen=True)
class PlanQuote:
    option: PaymentOption
    breakdown: Breakdown


@dataclass(frozen=True)
class QuoteResult:
    product: str
    currency: str
    quote_date: date
    eligible: bool
    refusals: tuple[Refusal, ...] = ()
    rate_card: RateCard | None = None
    plans: tuple[PlanQuote, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def breakdown(self) -> Breakdown | None:
        return self.plans[0].breakdown if self.plans else None


def inputs_from_answers(d: dict[str, Any]) -> dict[str, Any]:
    """The quote service's inputs for the product, from the flat answers (the validated
    fields of a quote request, or the answers staff give at the point of sale)."""
    return product_definition(d["product"]).quote_inputs(d)


def term_months(d: dict[str, Any]) -> int:
    """The cover term the answers ask for: GAP and SMART choose one; Italy in years; motor
    and Australia a year."""
    if "term_months" in d:
        return d["term_months"]
    if "duration_years" in d:
        return 12 * d["duration_years"]
    return 12


def quote_calculate(
    *, product_code: str, inputs: dict[str, Any], on: date, region: str = "", lang: str = "en"
) -> QuoteResult:
    """Price `product_code` for `inputs` on date `on`. `region` picks regional taxes
    (AU stamp duty by state). Raises selectors.NotConfigured when head office has not set
    the product up, products.registry.UnknownProduct for a code no product has."""
    definition = product_definition(product_code)
    product = product_get(product_code)
    config = settings_of(product)
    refusals, details = eligibility.check(definition, inputs, config, on, lang)
    base = {"product": product_code, "currency": product.currency, "quote_date": on,
            "details": details}  # fmt: skip
    if refusals:
        return QuoteResult(**base, eligible=False, refusals=tuple(refusals))
    card = rate_card_in_force(product, on)
    rates = rates_of(card)
    taxes = taxes_in_force(product, on, region)
    priced: dict[Decimal, Breakdown] = {}  # by discount: plans without one share a price

    def breakdown(discount: Decimal) -> Breakdown:
        if discount not in priced:
            components = definition.components(inputs, rates, lang, discount)
            priced[discount] = itemise(components, taxes)
        return priced[discount]

    try:
        plans = tuple(
            _plan(definition, plan, inputs, config, breakdown)
            for plan in config.get("payment_plans", ["single"])
        )
    except premiums.NoRate as e:
        return QuoteResult(**base, eligible=False, refusals=(e.refusal,), rate_card=card)
    return QuoteResult(**base, eligible=True, rate_card=card, plans=plans)


def _plan(definition, plan, inputs, config, breakdown: Callable[[Decimal], Breakdown]) -> PlanQuote:
    discount = Decimal(str(config.get("annual_discount", "0"))) if plan == "annual" else ZERO
    priced = breakdown(discount)
    count = definition.instalments(inputs) if plan == "monthly" else 1
    instalments = split_total(priced.total, count)
    saving = breakdown(ZERO).total - priced.total
    return PlanQuote(PaymentOption(plan, instalments, priced.total, saving), priced)
