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

from . import eligibility
from .models import ProductCode, RateCard, UnknownProduct
from .models import product_code as known_product
from .rules import premiums
from .rules.common import ZERO, Refusal
from .rules.pricing import Breakdown, Component, PaymentOption, itemise, split_total
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


# Priced by term and invoice price (premiums.gap_components), each named here: a product
# no branch prices is an error, never priced as GAP.
TERM_PRICED = (ProductCode.ASSET_PROTECTOR, ProductCode.SMART_COVER,
               ProductCode.SMART_COMBINED_GAP, ProductCode.SMART_LEASE_GAP)  # fmt: skip


def _components(
    code: str, i: dict[str, Any], rates, lang: str, discount: Decimal
) -> list[Component]:
    label = ProductCode(code).label
    match code:
        case ProductCode.MOTOR_UK:
            return premiums.motor_components(rates, premiums.MotorInputs(**i["motor"]), lang)
        case ProductCode.FURTO_DANNI:
            return premiums.furto_danni_components(
                rates, premiums.FurtoDanniInputs(**i["furto"]), lang
            )
        case ProductCode.AU_COMPREHENSIVE:
            inputs = premiums.AuInputs(**i["au"])
            return premiums.au_components(rates, inputs, payment_discount=discount, lang=lang)
        case _ if code in TERM_PRICED:
            return premiums.gap_components(
                rates, term_months=i["term_months"], invoice_price=i["invoice_price"],
                label=str(label), lang=lang,
            )  # fmt: skip
    raise UnknownProduct(f"No pricing for product {code!r}.")


def inputs_from_answers(d: dict[str, Any]) -> dict[str, Any]:
    """The quote service's inputs for the product, from the flat answers (the validated
    fields of a quote request, or the answers staff give at the point of sale)."""
    code = known_product(d["product"])
    match code:
        case ProductCode.MOTOR_UK:
            keys = ["vehicle_value", "area", "driver_age", "ncd_years", "ncd_protected",
                    "voluntary_excess", "options"]  # fmt: skip
            return {"motor": {k: d[k] for k in keys},
                    "fault_claims_past_two_years": d["fault_claims_past_two_years"]}  # fmt: skip
        case ProductCode.FURTO_DANNI:
            furto = {k: d[k] for k in ["package", "duration_years", "options"]}
            keys = ["vehicle_type", "first_registration", "sale_date", "invoice_price",
                    "market_value", "financed_by_lfs", "first_sale_date"]  # fmt: skip
            facts = {k: d.get(k) for k in keys}
            return {"furto": {**furto, "insured_value": None}, "eligibility": facts}
        case ProductCode.AU_COMPREHENSIVE:
            keys = ["state", "agreed_value", "youngest_driver_age", "business_use",
                    "lifetime_rating_1", "voluntary_excess", "excess_free_glass"]  # fmt: skip
            return {"au": {k: d[k] for k in keys}}
    if code not in TERM_PRICED:
        raise UnknownProduct(f"No quote inputs for product {code!r}.")
    return {k: d.get(k) for k in ["term_months", "invoice_price", "sale_date", "delivery_date",
                                  "first_registration", "hire_and_reward", "finance_agreement",
                                  "finance_term_months"]}  # fmt: skip


def term_months(d: dict[str, Any]) -> int:
    """The cover term the answers ask for: GAP and SMART choose one; Italy in years; motor
    and Australia a year."""
    if "term_months" in d:
        return d["term_months"]
    if "duration_years" in d:
        return 12 * d["duration_years"]
    return 12


def _instalment_count(code: str, plan: str, inputs: dict[str, Any]) -> int:
    if plan != "monthly":
        return 1
    if code == ProductCode.FURTO_DANNI:
        return 12 * inputs["furto"]["duration_years"]
    return 12


def quote_calculate(
    *, product_code: str, inputs: dict[str, Any], on: date, region: str = "", lang: str = "en"
) -> QuoteResult:
    """Price `product_code` for `inputs` on date `on`. `region` picks regional taxes
    (AU stamp duty by state). Raises selectors.NotConfigured when head office has not set
    the product up, models.UnknownProduct for a code no product has."""
    product = product_get(known_product(product_code))
    config = settings_of(product)
    refusals, details = eligibility.check(product_code, inputs, config, on, lang)
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
            components = _components(product_code, inputs, rates, lang, discount)
            priced[discount] = itemise(components, taxes)
        return priced[discount]

    try:
        plans = tuple(
            _plan(product_code, plan, inputs, config, breakdown)
            for plan in config.get("payment_plans", ["single"])
        )
    except premiums.NoRate as e:
        return QuoteResult(**base, eligible=False, refusals=(e.refusal,), rate_card=card)
    return QuoteResult(**base, eligible=True, rate_card=card, plans=plans)


def _plan(code, plan, inputs, config, breakdown: Callable[[Decimal], Breakdown]) -> PlanQuote:
    discount = Decimal(str(config.get("annual_discount", "0"))) if plan == "annual" else ZERO
    priced = breakdown(discount)
    instalments = split_total(priced.total, _instalment_count(code, plan, inputs))
    saving = breakdown(ZERO).total - priced.total
    return PlanQuote(PaymentOption(plan, instalments, priced.total, saving), priced)
