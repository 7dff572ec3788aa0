"""Lexus Motor Insurance, private car, UK (PRODUCTS.md §3, seed 002).

No Claim Discount (section 12, API.md ncd), cancellation (s.14.6, API.md
cancellation-refund motor-uk), car changes and new car replacement. The NCD scale is data
(`NCD_SCALE`), read, not branched. Key Protect, the key cover included as standard, is in
motor_key_protect.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from dealers.money import round_money

from .common import ZERO, Refusal, more_than_years_old, refusal
from .messages import register, text
from .smart_cover import (
    Cancellation,
    CancellationRefund,
    check_cancellation,
    pro_rata_less_fee,
)

register(
    "motor_ncd_protection_years",
    "NCD protection needs at least {years} years of No Claim Discount.",
)
register(
    "motor_ncd_protection_fault_claims",
    "NCD protection is not available with two or more fault claims in the past two years.",
)
register(
    "motor_refund_claim",
    "A claim was made in the current period: the full annual premium is due, no refund.",
)
register(
    "motor_too_many_car_changes",
    "The car can be changed at most {limit} times in a period of cover.",
)
register(
    "motor_new_car_too_old",
    "New car replacement applies only within {period} of registration as new in the "
    "customer's name.",
)
register(
    "motor_new_car_damage_too_small",
    "New car replacement needs repairs above {share}% of the list price (£{threshold:,}), "
    "or the car stolen and not recovered.",
)


class InvalidNcdRequest(ValueError):
    """An NCD question the scale cannot answer (the API answers 400)."""


@dataclass(frozen=True)
class MotorUkParams:
    max_car_changes: int = 3  # in a period of cover
    ncd_protection_min_years: int = 2
    ncd_protection_max_fault_claims: int = 1  # in the past two years; two or more: refused
    new_car_replacement_years: int = 1
    new_car_replacement_repair_share: Decimal = Decimal("0.60")  # of the list price


DEFAULT_PARAMS = MotorUkParams()


# --- No Claim Discount ------------------------------------------------------------------


class ClaimKind(StrEnum):
    AT_FAULT = "at_fault"
    NOT_AT_FAULT_UNRECOVERED = "not_at_fault_unrecovered"
    NOT_AT_FAULT_RECOVERED = "not_at_fault_recovered"
    UNINSURED_DRIVER = "uninsured_driver"
    GLASS = "glass"
    EMERGENCY_TREATMENT = "emergency_treatment"
    VANDALISM_CRIME_REFERENCE = "vandalism_crime_reference"


COUNTED_KINDS = frozenset({ClaimKind.AT_FAULT, ClaimKind.NOT_AT_FAULT_UNRECOVERED})

UNAFFECTED: Literal["unaffected"] = "unaffected"
NcdCell = int | Literal["unaffected"]
NcdTable = Literal["A", "B"]

# Section 12. Key: (table, protected). Row: NCD years held, 6 meaning "6 years +". Cells:
# NCD years at next renewal after 1, 2 and 3 counted claims. Table A: new business and
# renewals without a claim in the past two periods; table B: renewals with one.
_UNPROTECTED: dict[int, tuple[NcdCell, NcdCell, NcdCell]] = {
    1: (0, 0, 0),
    2: (1, 0, 0),
    3: (2, 1, 0),
    4: (3, 2, 0),
    5: (4, 3, 0),
    6: (4, 4, 0),
}
NCD_SCALE: dict[tuple[NcdTable, bool], dict[int, tuple[NcdCell, NcdCell, NcdCell]]] = {
    ("A", False): _UNPROTECTED,
    ("B", False): _UNPROTECTED,
    ("A", True): {years: (UNAFFECTED, UNAFFECTED, 0) for years in range(2, 7)},
    ("B", True): {
        2: (UNAFFECTED, 1, 0),
        3: (UNAFFECTED, 2, 0),
        4: (UNAFFECTED, 3, 0),
        5: (UNAFFECTED, 4, 0),
        6: (UNAFFECTED, 4, 0),
    },
}
TOP_ROW = 6  # "6 years +"
MOST_CLAIMS = 3  # the scale's last column; more claims read as 3 (nil years anyway)


@dataclass(frozen=True)
class NcdRequest:
    years_held: int  # at purchase / renewal
    protected: bool
    claim_in_past_two_periods: bool  # table B
    claims: tuple[ClaimKind, ...] = ()  # in the period


@dataclass(frozen=True)
class NcdResult:
    years_next_renewal: int
    counted_claims: int


def counted_claims(claims: Iterable[ClaimKind]) -> int:
    return sum(1 for kind in claims if ClaimKind(kind) in COUNTED_KINDS)


def ncd_next_renewal(request: NcdRequest) -> NcdResult:
    """NCD years at next renewal. No cap: the wording has none, so years keep counting
    past 6; above 6 only the reduction reads the "6 years +" row."""
    if request.years_held < 0:
        raise InvalidNcdRequest("years_held cannot be negative")
    table: NcdTable = "B" if request.claim_in_past_two_periods else "A"
    scale = NCD_SCALE[(table, request.protected)]
    row = min(request.years_held, TOP_ROW)
    if request.protected and row not in scale:
        raise InvalidNcdRequest(f"NCD protection needs at least {min(scale)} years held")
    claims = counted_claims(request.claims)
    if claims == 0:
        return NcdResult(request.years_held + 1, 0)
    if row == 0:
        return NcdResult(0, claims)  # nothing held, nothing to reduce
    cell = scale[row][min(claims, MOST_CLAIMS) - 1]
    years = request.years_held if cell == UNAFFECTED else cell
    return NcdResult(years, claims)


def ncd_protection_refusals(
    years_held: int, fault_claims_past_two_years: int, params: MotorUkParams = DEFAULT_PARAMS
) -> list[Refusal]:
    """Why NCD protection cannot be sold, each rule on its own (empty: it can)."""
    refusals = []
    if years_held < params.ncd_protection_min_years:
        refusals.append(
            refusal("motor_ncd_protection_years", years=params.ncd_protection_min_years)
        )
    if fault_claims_past_two_years > params.ncd_protection_max_fault_claims:
        refusals.append(refusal("motor_ncd_protection_fault_claims"))
    return refusals


# --- Cancellation, extras, car changes, new car replacement ----------------------------


class MotorExtra(StrEnum):
    ENHANCED_COURTESY_CAR = "enhanced_courtesy_car"
    LEGAL_EXPENSES = "legal_expenses"
    ROAD_RESCUE = "road_rescue"
    MOTOR_EXCESS_PROTECTION = "motor_excess_protection"
    INCREASED_PERSONAL_ACCIDENT = "increased_personal_accident"


MOTOR_EXTRA_LABELS: dict[str, str] = {
    MotorExtra.ENHANCED_COURTESY_CAR: "Enhanced courtesy car",
    MotorExtra.LEGAL_EXPENSES: "Legal expenses",
    MotorExtra.ROAD_RESCUE: "Road rescue",
    MotorExtra.MOTOR_EXCESS_PROTECTION: "Motor excess protection",
    MotorExtra.INCREASED_PERSONAL_ACCIDENT: "Increased personal accident cover",
}


def motor_refund(cancellation: Cancellation, *, admin_fee: Decimal) -> CancellationRefund:
    """s.14.6: no cooling-off full refund (the wording charges pro rata and the fee even
    within 14 days); a claim in the period means no refund and no fee."""
    if cancellation.claim_made:
        check_cancellation(cancellation)
        return CancellationRefund(ZERO, ZERO, text("motor_refund_claim"))
    return pro_rata_less_fee(cancellation, admin_fee)


def extras_to_cancel(held: Iterable[MotorExtra | str]) -> tuple[MotorExtra, ...]:
    """Cancelling the motor policy cancels every optional extra it holds, in catalogue
    order. Key Protect, included as standard, ends with the policy too (no refund)."""
    kinds = {MotorExtra(extra) for extra in held}
    return tuple(extra for extra in MotorExtra if extra in kinds)


def car_change_refusals(
    changes_this_period: int, params: MotorUkParams = DEFAULT_PARAMS
) -> list[Refusal]:
    """`changes_this_period`: car changes already made; one more must stay within the limit."""
    if changes_this_period >= params.max_car_changes:
        return [refusal("motor_too_many_car_changes", limit=params.max_car_changes)]
    return []


@dataclass(frozen=True)
class NewCarReplacementClaim:
    registered_new_on: date  # registered as new in the customer's name
    loss_date: date
    list_price: Decimal  # manufacturer's list price, factory extras and taxes included
    repair_cost: Decimal = ZERO
    stolen_not_recovered: bool = False


def new_car_replacement_refusals(
    claim: NewCarReplacementClaim, params: MotorUkParams = DEFAULT_PARAMS
) -> list[Refusal]:
    """Empty when the car is replaced with a new one. "Within one year" includes the
    first anniversary; "more than 60%" is strict."""
    refusals = []
    years = params.new_car_replacement_years
    if more_than_years_old(claim.registered_new_on, claim.loss_date, years):
        period = "one year" if years == 1 else f"{years} years"
        refusals.append(refusal("motor_new_car_too_old", period=period))
    threshold = claim.list_price * params.new_car_replacement_repair_share
    if not claim.stolen_not_recovered and claim.repair_cost <= threshold:
        share = params.new_car_replacement_repair_share * 100
        refusals.append(
            refusal(
                "motor_new_car_damage_too_small",
                share=f"{share.normalize():f}",
                threshold=round_money(threshold),
            )
        )
    return refusals
