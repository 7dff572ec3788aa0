"""Lexus Asset Protector: GAP insurance, UK (PRODUCTS.md §1, seed 000; API.md gap-benefit).

Cover runs 36 months from delivery, plus "limited cover" in months 37 to 48 when the
vehicle is on a finance agreement longer than 36 months. The benefit is a shortfall
against the market value, the greater of the insurer's valuation and Glass's Guide.

`GapBenefit` and `Payee` are also the result of the smart GAP products (smart_gap.py):
the API answers all three with the same shape.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dealers.money import round_money

from .common import ZERO, Refusal, add_months, floor_zero, refusal
from .messages import register, text

register(
    "asset_protector_standard",
    "Month {month}, standard cover: the greater of the net invoice price and the finance "
    "settlement (£{base:,}) less the market value (£{market_value:,}).",
)
register(
    "asset_protector_limited",
    "Month {month}, limited cover: the finance settlement (£{base:,}) less the market "
    "value (£{market_value:,}), paid to the finance company.",
)
register(
    "asset_protector_outside_cover",
    "Month {month} is outside the cover: Asset Protector covers months 1 to "
    "{standard_months}, and up to month {limited_months} only with a finance agreement "
    "longer than {standard_months} months.",
)
register(
    "asset_protector_term_needs_finance",
    "A {term}-month term needs a finance agreement longer than {standard_months} months: "
    "months {first_limited} to {limited_months} cover only the shortfall on a finance "
    "settlement. {situation} Choose a term of {standard_months} months or less.",
)
register("asset_protector_cash_buyer", "This customer has no finance agreement.")
register(
    "asset_protector_short_finance",
    "This customer's finance agreement runs {finance_term_months} months.",
)
register(
    "asset_protector_finance_term_unknown",
    "The finance agreement's term is not given.",
)
register(
    "asset_protector_limited_needs_settlement",
    "Month {month} falls in the limited cover, which pays only the shortfall on a finance "
    "settlement, and there is no finance settlement.",
)


class Payee(StrEnum):
    CUSTOMER = "customer"
    FINANCE_COMPANY = "finance_company"


class CoverPeriod(StrEnum):
    STANDARD = "standard"
    LIMITED = "limited"
    NONE = "none"


@dataclass(frozen=True)
class GapBenefit:
    """The API's gap-benefit answer. `benefit` is rounded to the cent, 0.00 when not
    covered; `reason` is a sentence for staff and customer."""

    covered: bool
    benefit: Decimal
    payee: Payee
    reason: str


@dataclass(frozen=True)
class AssetProtectorParams:
    standard_months: int = 36
    limited_months: int = 48


DEFAULT_PARAMS = AssetProtectorParams()


@dataclass(frozen=True)
class AssetProtectorClaim:
    invoice_price: Decimal  # the Net Invoice Price (NIP)
    insurer_settlement: Decimal
    months_since_delivery: int  # 1 = the first month after delivery
    glass_guide_value: Decimal | None = None
    finance_settlement: Decimal | None = None
    finance_term_months: int | None = None


@dataclass(frozen=True)
class CoverDates:
    """`end` is the day cover stops (the same day `n` months after delivery, as an annual
    policy from 1 May ends on 1 May); `limited` says the last 12 months are limited."""

    standard_end: date
    end: date
    limited: bool


def has_limited_cover(finance_term_months: int | None, params: AssetProtectorParams) -> bool:
    return finance_term_months is not None and finance_term_months > params.standard_months


def cover_dates(
    delivery: date,
    finance_term_months: int | None,
    params: AssetProtectorParams = DEFAULT_PARAMS,
) -> CoverDates:
    standard_end = add_months(delivery, params.standard_months)
    if has_limited_cover(finance_term_months, params):
        return CoverDates(standard_end, add_months(delivery, params.limited_months), True)
    return CoverDates(standard_end, standard_end, False)


def month_of_loss(delivery: date, loss: date) -> int:
    """Month of the loss counted from delivery: month n runs from the same day n - 1
    months after delivery up to the day before the same day n months after."""
    if loss < delivery:
        raise ValueError("the loss cannot be before delivery")
    month = (loss.year - delivery.year) * 12 + loss.month - delivery.month
    # add_months clamps to the month's end, so compare with it rather than the day number.
    return month if loss < add_months(delivery, month) else month + 1


def term_refusals(
    term_months: int,
    finance_agreement: str | None,
    finance_term_months: int | None,
    params: AssetProtectorParams = DEFAULT_PARAMS,
    lang: str = "en",
) -> list[Refusal]:
    """A term beyond the standard months is sold only where months 37-48 would be covered
    (seed 000: "limited cover" with a finance agreement longer than 36 months), so the
    customer never pays for months the schedule would then say do not apply."""
    if term_months <= params.standard_months:
        return []
    if not finance_agreement or finance_agreement == "cash":
        situation = text("asset_protector_cash_buyer", lang)
    elif finance_term_months is None:
        situation = text("asset_protector_finance_term_unknown", lang)
    elif finance_term_months <= params.standard_months:
        situation = text(
            "asset_protector_short_finance", lang, finance_term_months=finance_term_months
        )
    else:
        return []
    return [
        refusal(
            "asset_protector_term_needs_finance", lang, term=term_months,
            standard_months=params.standard_months, first_limited=params.standard_months + 1,
            limited_months=params.limited_months, situation=situation,
        )
    ]  # fmt: skip


def cover_period(
    month: int,
    finance_term_months: int | None,
    params: AssetProtectorParams = DEFAULT_PARAMS,
) -> CoverPeriod:
    if month < 1:
        raise ValueError("months since delivery start at 1")
    if month <= params.standard_months:
        return CoverPeriod.STANDARD
    if month <= params.limited_months and has_limited_cover(finance_term_months, params):
        return CoverPeriod.LIMITED
    return CoverPeriod.NONE


def market_value(claim: AssetProtectorClaim) -> Decimal:
    if claim.glass_guide_value is None:
        return claim.insurer_settlement
    return max(claim.insurer_settlement, claim.glass_guide_value)


def asset_protector_benefit(
    claim: AssetProtectorClaim, params: AssetProtectorParams = DEFAULT_PARAMS
) -> GapBenefit:
    period = cover_period(claim.months_since_delivery, claim.finance_term_months, params)
    if period is CoverPeriod.STANDARD:
        return _standard_benefit(claim)
    if period is CoverPeriod.LIMITED and claim.finance_settlement is not None:
        return _limited_benefit(claim, claim.finance_settlement)
    if period is CoverPeriod.LIMITED:
        reason = text("asset_protector_limited_needs_settlement", month=claim.months_since_delivery)
    else:
        reason = text(
            "asset_protector_outside_cover",
            month=claim.months_since_delivery,
            standard_months=params.standard_months,
            limited_months=params.limited_months,
        )
    # Nothing is paid, so nobody is owed it: the customer is named as the default payee.
    return GapBenefit(False, ZERO, Payee.CUSTOMER, reason)


def _standard_benefit(claim: AssetProtectorClaim) -> GapBenefit:
    settlement = claim.finance_settlement
    base = max(claim.invoice_price, settlement or ZERO)
    value = market_value(claim)
    to_finance = settlement is not None and settlement > claim.invoice_price
    reason = text(
        "asset_protector_standard",
        month=claim.months_since_delivery,
        base=round_money(base),
        market_value=round_money(value),
    )
    payee = Payee.FINANCE_COMPANY if to_finance else Payee.CUSTOMER
    return GapBenefit(True, round_money(floor_zero(base - value)), payee, reason)


def _limited_benefit(claim: AssetProtectorClaim, settlement: Decimal) -> GapBenefit:
    value = market_value(claim)
    reason = text(
        "asset_protector_limited",
        month=claim.months_since_delivery,
        base=round_money(settlement),
        market_value=round_money(value),
    )
    return GapBenefit(
        True, round_money(floor_zero(settlement - value)), Payee.FINANCE_COMPANY, reason
    )
