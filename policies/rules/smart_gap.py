"""GAP Insurance by smart: Combined GAP and Lease GAP, UK (PRODUCTS.md §6, seed 004).

The benefits follow API.md gap-benefit exactly. The seed's further claim limits (claim
limit the purchase price, approved accessories, Road Fund Licence contribution) are not
in the API contract, so they apply only when `SmartGapExtras` is passed: without it the
answer is the API's, to the penny.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dealers.money import round_money

from .asset_protector import GapBenefit, Payee
from .common import ZERO, Refusal, floor_zero, more_than_years_old, refusal
from .messages import register, text

register(
    "smart_gap_vehicle_too_old",
    "GAP Insurance by smart covers vehicles up to {years} years old.",
)
register(
    "smart_gap_invoice_too_high",
    "GAP Insurance by smart covers {what} with an invoice price up to £{limit:,}.",
)
register(
    "smart_gap_combined",
    "The shortfall between the insurer's settlement and the greater of the invoice price "
    "and the finance settlement (£{shortfall:,}), plus the motor excess (£{excess:,}).",
)
register(
    "smart_gap_lease",
    "The shortfall between the insurer's settlement and the lease settlement "
    "(£{shortfall:,}), plus the motor excess (£{excess:,}) and the new lease "
    "contribution (£{contribution:,}).",
)
register(
    "smart_gap_extras",
    "Accessories £{accessories:,} and Road Fund Licence £{road_fund_licence:,} added; "
    "the claim is limited to the purchase price (£{limit:,}).",
)


class InvalidGapRequest(ValueError):
    """A claim that cannot be calculated (the API answers 400)."""


@dataclass(frozen=True)
class SmartGapParams:
    motor_excess_limit: Decimal = Decimal("250")
    lease_rentals: int = 3
    lease_contribution_limit: Decimal = Decimal("2500")
    max_vehicle_age_years: int = 10
    max_invoice_price: Decimal = Decimal("75000")
    max_invoice_price_hire_and_reward: Decimal = Decimal("125000")
    accessories_limit: Decimal = Decimal("1500")
    road_fund_licence_limit: Decimal = Decimal("200")


DEFAULT_PARAMS = SmartGapParams()


@dataclass(frozen=True)
class SmartGapClaim:
    invoice_price: Decimal  # the original purchase invoice price
    insurer_settlement: Decimal
    finance_settlement: Decimal | None = None  # Lease GAP: the lease settlement
    motor_excess: Decimal = ZERO
    monthly_rental: Decimal = ZERO  # Lease GAP: rental of the new lease
    new_lease: bool = False


@dataclass(frozen=True)
class SmartGapExtras:
    """Claim items the API contract does not carry; both default to nothing."""

    accessories: Decimal = ZERO  # manufacturer-approved accessories
    road_fund_licence: Decimal = ZERO


@dataclass(frozen=True)
class SmartGapSale:
    invoice_price: Decimal
    sale_date: date
    first_registration: date | None = None  # None: a new vehicle not yet registered
    hire_and_reward: bool = False


def smart_gap_sale_refusals(
    sale: SmartGapSale, params: SmartGapParams = DEFAULT_PARAMS
) -> list[Refusal]:
    """Every limit the sale breaks, each checked on its own (empty: it can be sold)."""
    refusals = []
    registered = sale.first_registration
    years = params.max_vehicle_age_years
    if registered is not None and more_than_years_old(registered, sale.sale_date, years):
        refusals.append(refusal("smart_gap_vehicle_too_old", years=years))
    if sale.hire_and_reward:
        limit, what = params.max_invoice_price_hire_and_reward, "Hire and Reward vehicles"
    else:
        limit, what = params.max_invoice_price, "cars"
    if sale.invoice_price > limit:
        refusals.append(refusal("smart_gap_invoice_too_high", what=what, limit=limit))
    return refusals


def combined_gap_benefit(
    claim: SmartGapClaim,
    params: SmartGapParams = DEFAULT_PARAMS,
    extras: SmartGapExtras | None = None,
) -> GapBenefit:
    settlement = claim.finance_settlement
    base = max(claim.invoice_price, settlement or ZERO)
    shortfall = floor_zero(base - claim.insurer_settlement)
    excess = min(claim.motor_excess, params.motor_excess_limit)
    to_finance = settlement is not None and settlement > claim.invoice_price
    payee = Payee.FINANCE_COMPANY if to_finance else Payee.CUSTOMER
    reason = text(
        "smart_gap_combined", shortfall=round_money(shortfall), excess=round_money(excess)
    )
    return _with_extras(shortfall + excess, payee, reason, claim, params, extras)


def lease_gap_benefit(
    claim: SmartGapClaim,
    params: SmartGapParams = DEFAULT_PARAMS,
    extras: SmartGapExtras | None = None,
) -> GapBenefit:
    if claim.finance_settlement is None:
        raise InvalidGapRequest("Lease GAP needs the lease settlement (finance_settlement)")
    shortfall = floor_zero(claim.finance_settlement - claim.insurer_settlement)
    excess = min(claim.motor_excess, params.motor_excess_limit)
    contribution = lease_contribution(claim, params)
    reason = text(
        "smart_gap_lease",
        shortfall=round_money(shortfall),
        excess=round_money(excess),
        contribution=round_money(contribution),
    )
    total = shortfall + excess + contribution
    return _with_extras(total, Payee.FINANCE_COMPANY, reason, claim, params, extras)


def lease_contribution(claim: SmartGapClaim, params: SmartGapParams = DEFAULT_PARAMS) -> Decimal:
    """Towards a replacement smart on a new lease: up to 3 rentals, at most £2,500."""
    if not claim.new_lease:
        return ZERO
    return min(params.lease_rentals * claim.monthly_rental, params.lease_contribution_limit)


def _with_extras(
    total: Decimal,
    payee: Payee,
    reason: str,
    claim: SmartGapClaim,
    params: SmartGapParams,
    extras: SmartGapExtras | None,
) -> GapBenefit:
    if extras is None:
        return GapBenefit(True, round_money(total), payee, reason)
    accessories = min(extras.accessories, params.accessories_limit)
    licence = min(extras.road_fund_licence, params.road_fund_licence_limit)
    capped = min(total + accessories + licence, claim.invoice_price)
    added = text(
        "smart_gap_extras",
        accessories=round_money(accessories),
        road_fund_licence=round_money(licence),
        limit=round_money(claim.invoice_price),
    )
    return GapBenefit(True, round_money(capped), payee, f"{reason} {added}")
