"""Lexus Insurance Comprehensive Motor Vehicle, Australia (PRODUCTS.md §5, seed 003).

- `au_excess`: the excesses payable on a claim (API.md au-excess).
- `payment_options`: annual and monthly figures for a standard premium (API.md
  payment-options).
- `compose_premium`: the itemised premium before government charges, for quotes.

GST and stamp duty are the generic tax code's business, not this module's.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from dealers.money import round_money, split_evenly

from .common import ZERO, InvalidInput

CURRENCY = "AUD"


class State(StrEnum):
    ACT = "ACT"
    NSW = "NSW"
    NT = "NT"
    QLD = "QLD"
    SA = "SA"
    TAS = "TAS"
    VIC = "VIC"
    WA = "WA"


class ClaimType(StrEnum):
    ACCIDENT = "accident"
    THEFT = "theft"
    FIRE = "fire"
    FLOOD = "flood"
    HAIL = "hail"
    STORM = "storm"
    MALICIOUS = "malicious"
    PARKED = "parked"
    GLASS = "glass"


class LicenceType(StrEnum):
    FULL = "full"
    OVERSEAS = "overseas"
    PROBATIONARY = "probationary"
    PROVISIONAL = "provisional"
    LEARNER = "learner"


class ExcessType(StrEnum):
    """In the order the items are listed (API.md au-excess)."""

    BASIC = "basic"
    VOLUNTARY = "voluntary"
    AGE = "age"
    LICENCE = "licence"
    SPECIAL = "special"
    UNDISCLOSED_DRIVER = "undisclosed_driver"


class VoluntaryExcessTooHigh(InvalidInput):
    def __init__(self, maximum: Decimal) -> None:
        super().__init__("voluntary_excess", f"The voluntary excess is at most {maximum}.")


BASIC_EXCESS: Mapping[State, Decimal] = {
    State.ACT: Decimal("700"),
    State.NSW: Decimal("750"),
    State.NT: Decimal("550"),
    State.QLD: Decimal("750"),
    State.SA: Decimal("500"),
    State.TAS: Decimal("500"),
    State.VIC: Decimal("775"),
    State.WA: Decimal("550"),
}

_ALL_EXCESSES = tuple(ExcessType)
# Theft, fire, flood, hail, storm, malicious damage and damage while parked ("events").
EVENT_CLAIMS = tuple(t for t in ClaimType if t not in (ClaimType.ACCIDENT, ClaimType.GLASS))


@dataclass(frozen=True)
class AuParams:
    """The excess tables and the payment discount of PRODUCTS.md §5; defaults are the
    guide's figures and the digest's readings."""

    basic_excess: Mapping[State, Decimal] = field(default_factory=lambda: BASIC_EXCESS)
    voluntary_excess_max: Decimal = Decimal("2000")
    age_excess: Decimal = Decimal("700")
    age_excess_under: int = 25
    licence_excess: Decimal = Decimal("700")
    licence_min_years: Decimal = Decimal("2")
    restricted_licences: tuple[LicenceType, ...] = (
        LicenceType.OVERSEAS,
        LicenceType.PROBATIONARY,
        LicenceType.PROVISIONAL,
        LicenceType.LEARNER,
    )
    undisclosed_driver_excess: Decimal = Decimal("1000")
    undisclosed_driver_under: int = 25
    # Which excesses a claim attracts when the cost cannot be recovered from someone.
    accident_excesses: tuple[ExcessType, ...] = _ALL_EXCESSES
    event_claims: tuple[ClaimType, ...] = EVENT_CLAIMS
    event_excesses: tuple[ExcessType, ...] = (
        ExcessType.BASIC,
        ExcessType.VOLUNTARY,
        ExcessType.SPECIAL,
    )
    glass_excesses: tuple[ExcessType, ...] = (ExcessType.BASIC, ExcessType.VOLUNTARY)
    # Reading: the special excess goes with accident and theft-type claims, not glass.
    special_excess_on_glass: bool = False
    annual_discount: Decimal = Decimal("0.10")
    # The guide is silent on how several discounts combine: each applies to what is left.
    compound_discounts: bool = True


DEFAULT_PARAMS = AuParams()


@dataclass(frozen=True)
class ExcessClaim:
    """The facts of a claim that decide the excesses (the au-excess request)."""

    state: State
    claim_type: ClaimType
    at_fault: bool
    other_party_identified: bool
    driver_age: int
    licence_years: Decimal
    licence_type: LicenceType
    driver_named: bool
    voluntary_excess: Decimal = ZERO
    special_excess: Decimal = ZERO
    excess_free_glass: bool = False


@dataclass(frozen=True)
class ExcessItem:
    type: ExcessType
    amount: Decimal


@dataclass(frozen=True)
class ClaimExcess:
    items: tuple[ExcessItem, ...]  # in ExcessType order, only amounts above zero
    total: Decimal
    currency: str = CURRENCY


def au_excess(claim: ExcessClaim, params: AuParams = DEFAULT_PARAMS) -> ClaimExcess:
    """The excesses the customer pays on this claim, added together; raises InvalidInput
    (a ValueError) for a voluntary excess above the maximum or a negative figure."""
    _check(claim, params)
    applicable = applicable_excesses(claim, params)
    amounts = excess_amounts(claim, params)
    items = tuple(
        ExcessItem(kind, amounts[kind])
        for kind in ExcessType
        if kind in applicable and amounts[kind] > 0
    )
    return ClaimExcess(items, sum((item.amount for item in items), ZERO))


def applicable_excesses(
    claim: ExcessClaim, params: AuParams = DEFAULT_PARAMS
) -> tuple[ExcessType, ...]:
    """Which excesses this kind of claim attracts: none when the insurer can recover the
    cost from an identified party (no fault, no excess)."""
    if claim.claim_type == ClaimType.GLASS:
        if claim.excess_free_glass:
            return ()
        special = (ExcessType.SPECIAL,) if params.special_excess_on_glass else ()
        return params.glass_excesses + special
    if claim.claim_type == ClaimType.ACCIDENT:
        recoverable = claim.other_party_identified and not claim.at_fault
        return () if recoverable else params.accident_excesses
    if claim.claim_type in params.event_claims:
        return () if claim.other_party_identified else params.event_excesses
    raise InvalidInput("claim_type", f"Unknown claim type {claim.claim_type}.")


def excess_amounts(
    claim: ExcessClaim, params: AuParams = DEFAULT_PARAMS
) -> dict[ExcessType, Decimal]:
    """Each excess as it would be if the claim attracted it (zero when it does not apply
    to this driver)."""
    young = claim.driver_age < params.age_excess_under
    new_licence = (
        claim.licence_years < params.licence_min_years
        or claim.licence_type in params.restricted_licences
    )
    undisclosed = claim.driver_age < params.undisclosed_driver_under and not claim.driver_named
    return {
        ExcessType.BASIC: round_money(params.basic_excess[claim.state]),
        ExcessType.VOLUNTARY: round_money(claim.voluntary_excess),
        ExcessType.AGE: round_money(params.age_excess) if young else ZERO,
        # The licence excess never comes on top of the age excess.
        ExcessType.LICENCE: round_money(params.licence_excess)
        if new_licence and not young
        else ZERO,
        ExcessType.SPECIAL: round_money(claim.special_excess),
        ExcessType.UNDISCLOSED_DRIVER: round_money(params.undisclosed_driver_excess)
        if undisclosed
        else ZERO,
    }


def _check(claim: ExcessClaim, params: AuParams) -> None:
    if claim.voluntary_excess < 0:
        raise InvalidInput("voluntary_excess", "The voluntary excess cannot be negative.")
    if claim.voluntary_excess > params.voluntary_excess_max:
        raise VoluntaryExcessTooHigh(params.voluntary_excess_max)
    if claim.special_excess < 0:
        raise InvalidInput("special_excess", "The special excess cannot be negative.")
    if claim.driver_age < 0:
        raise InvalidInput("driver_age", "The driver's age cannot be negative.")
    if claim.licence_years < 0:
        raise InvalidInput("licence_years", "The years of licence cannot be negative.")


@dataclass(frozen=True)
class PaymentOptions:
    standard_premium: Decimal
    annual_discount: Decimal
    annual_premium: Decimal  # standard_premium - annual_discount, exactly
    monthly_instalment: Decimal  # standard_premium / 12, as the guide says
    # Twelve instalments that add back to the standard premium exactly (the cents left
    # over by the division go to the first ones), for a schedule that must balance.
    instalments: tuple[Decimal, ...]
    currency: str = CURRENCY


def payment_options(standard_premium: Decimal, params: AuParams = DEFAULT_PARAMS) -> PaymentOptions:
    """Annual (with the payment method discount) and monthly figures; seed: 594.00 gives
    534.60 a year (discount 59.40) or 49.50 a month."""
    if standard_premium < 0:
        raise InvalidInput("standard_premium", "The premium cannot be negative.")
    standard = round_money(standard_premium)
    discount = round_money(standard * params.annual_discount)
    return PaymentOptions(
        standard_premium=standard,
        annual_discount=discount,
        annual_premium=standard - discount,
        monthly_instalment=round_money(standard / 12),
        instalments=tuple(split_evenly(standard, 12)),
    )


@dataclass(frozen=True)
class Discount:
    name: str  # e.g. "lifetime_rating_1", "voluntary_excess", "payment_method"
    rate: Decimal  # 0.15 for 15%


@dataclass(frozen=True)
class OptionPremium:
    name: str  # e.g. "excess_free_glass"
    premium: Decimal


@dataclass(frozen=True)
class PremiumLine:
    name: str
    amount: Decimal  # discounts as the positive amount taken off


@dataclass(frozen=True)
class ComposedPremium:
    standard_base: Decimal
    discounts: tuple[PremiumLine, ...]
    discounted_base: Decimal  # standard_base - the discounts, exactly
    options: tuple[PremiumLine, ...]
    premium: Decimal  # discounted_base + the options, before government charges
    currency: str = CURRENCY


def compose_premium(
    standard_base: Decimal,
    discounts: Sequence[Discount],
    options: Sequence[OptionPremium],
    params: AuParams = DEFAULT_PARAMS,
) -> ComposedPremium:
    """The itemised premium before GST and stamp duty. Discounts (Lifetime Rating 1,
    voluntary excess, payment method) apply to the base before options are added, as the
    guide says; each line is rounded to the cent so the lines add up exactly."""
    _check_premium(standard_base, discounts, options)
    base = round_money(standard_base)
    remaining, lines = base, []
    for discount in discounts:
        on = remaining if params.compound_discounts else base
        amount = min(round_money(on * discount.rate), remaining)  # never below zero
        lines.append(PremiumLine(discount.name, amount))
        remaining -= amount
    option_lines = tuple(PremiumLine(o.name, round_money(o.premium)) for o in options)
    total = remaining + sum((line.amount for line in option_lines), ZERO)
    return ComposedPremium(base, tuple(lines), remaining, option_lines, total)


def _check_premium(
    standard_base: Decimal, discounts: Sequence[Discount], options: Sequence[OptionPremium]
) -> None:
    if standard_base < 0:
        raise InvalidInput("standard_base", "The premium cannot be negative.")
    if any(not 0 <= d.rate <= 1 for d in discounts):
        raise InvalidInput("discounts", "A discount rate is between 0 and 1.")
    if any(o.premium < 0 for o in options):
        raise InvalidInput("options", "An option premium cannot be negative.")
