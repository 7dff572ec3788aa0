"""Lexus Motor Insurance, private car, UK (PRODUCTS.md §3, seed 002).

No Claim Discount (section 12, API.md ncd), cancellation (s.14.6, API.md
cancellation-refund motor-uk), car changes, new car replacement and Key Protect (the
key cover included as standard). The NCD scale is data (`NCD_SCALE`), read, not branched.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from .common import ZERO, Refusal, money, more_than_years_old, refusal
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
                threshold=money(threshold),
            )
        )
    return refusals


# --- Key Protect ------------------------------------------------------------------------

register(
    "key_protect_reported_late",
    "The key claim was reported more than {days} days after it was discovered.",
)
register(
    "key_protect_police_late",
    "A lost or stolen key must be reported to the police within {hours} hours of discovery, "
    "with an incident number.",
)
register(
    "key_protect_found_in_waiting_period",
    "The key was found within the {hours}-hour waiting period, so no costs are paid.",
)
register(
    "key_protect_transport_or_hire",
    "Onward transport and vehicle hire cannot both be claimed; the larger one is paid.",
)
register("key_protect_locksmith_limit", "Up to £{limit:,} for a key broken inside a lock.")
register("key_protect_keys_per_lock", "Up to {limit} replacement keys per lock per claim.")
register("key_protect_daily_limit", "Up to £{limit:,} a day for {what}.")
register("key_protect_days_limit", "{what} is paid for up to {limit} days.")
register("key_protect_accommodation_limit", "Accommodation is paid up to £{limit:,} an event.")
register(
    "key_protect_cover_limit",
    "The cover limit of £{limit:,} a period is reached (£{left:,} was left).",
)


class KeyEvent(StrEnum):
    LOST = "lost"
    STOLEN = "stolen"
    DAMAGED = "damaged"
    LOCKED_IN = "locked_in"


class KeyCost(StrEnum):
    LOCKSMITH = "locksmith"
    NEW_LOCKS = "new_locks"
    REPLACEMENT_KEYS = "replacement_keys"
    ONWARD_TRANSPORT = "onward_transport"
    VEHICLE_HIRE = "vehicle_hire"
    ACCOMMODATION = "accommodation"


@dataclass(frozen=True)
class KeyProtectParams:
    cover_limit: Decimal = Decimal("1500")  # a period of insurance
    locksmith_broken_key_limit: Decimal = Decimal("50")
    keys_per_lock: int = 2
    onward_transport_daily: Decimal = Decimal("75")
    vehicle_hire_daily: Decimal = Decimal("40")
    max_days: int = 3  # onward transport or vehicle hire
    accommodation_per_event: Decimal = Decimal("120")
    report_within_days: int = 30
    police_within_hours: int = 48
    waiting_period_hours: int = 48  # from when the loss is first reported


DEFAULT_KEY_PARAMS = KeyProtectParams()


@dataclass(frozen=True)
class KeyProtectItem:
    """One receipted cost. `amount` is per unit: a day of onward transport or hire, one
    replacement key (one item per lock), one locksmith call-out (a key broken inside a
    lock is one call-out); otherwise the whole cost with `units` 1."""

    cost: KeyCost
    amount: Decimal
    units: int = 1
    key_broken_in_lock: bool = False  # locksmith only


@dataclass(frozen=True)
class KeyProtectClaim:
    """One insured event. There is no excess on Key Protect."""

    event: KeyEvent
    discovered_at: datetime
    reported_at: datetime  # to the claims handler
    items: tuple[KeyProtectItem, ...]
    police_reported_at: datetime | None = None
    key_found_at: datetime | None = None
    paid_in_period: Decimal = ZERO  # already paid by Key Protect in this period


@dataclass(frozen=True)
class KeyProtectLine:
    item: KeyProtectItem
    claimed: Decimal
    payable: Decimal
    refusals: tuple[Refusal, ...]  # why less than claimed is paid


@dataclass(frozen=True)
class KeyProtectAssessment:
    """`refusals` are the claim's own (nothing is paid); each line has its limits."""

    lines: tuple[KeyProtectLine, ...]
    total: Decimal
    refusals: tuple[Refusal, ...]


@dataclass
class _Allowance:
    """What is left of the limits while the items are assessed in order."""

    cover: Decimal
    accommodation: Decimal
    days: dict[KeyCost, int]


def assess_key_protect(
    claim: KeyProtectClaim, params: KeyProtectParams = DEFAULT_KEY_PARAMS
) -> KeyProtectAssessment:
    if claim.reported_at < claim.discovered_at:
        raise ValueError("a key claim cannot be reported before it is discovered")
    refusals = _key_claim_refusals(claim, params)
    if refusals:
        lines = tuple(KeyProtectLine(i, _claimed(i), ZERO, ()) for i in claim.items)
        return KeyProtectAssessment(lines, ZERO, refusals)
    left = money(max(params.cover_limit - claim.paid_in_period, ZERO))
    days = {KeyCost.ONWARD_TRANSPORT: params.max_days, KeyCost.VEHICLE_HIRE: params.max_days}
    allowance = _Allowance(left, params.accommodation_per_event, days)
    excluded = _excluded_transport(claim.items, params)
    lines = tuple(_line(item, excluded, allowance, params) for item in claim.items)
    return KeyProtectAssessment(lines, sum((line.payable for line in lines), ZERO), ())


def _key_claim_refusals(claim: KeyProtectClaim, params: KeyProtectParams) -> tuple[Refusal, ...]:
    refusals = []
    if claim.reported_at - claim.discovered_at > timedelta(days=params.report_within_days):
        refusals.append(refusal("key_protect_reported_late", days=params.report_within_days))
    police_by = claim.discovered_at + timedelta(hours=params.police_within_hours)
    police = claim.police_reported_at
    if claim.event in (KeyEvent.LOST, KeyEvent.STOLEN) and (police is None or police > police_by):
        refusals.append(refusal("key_protect_police_late", hours=params.police_within_hours))
    waiting_end = claim.reported_at + timedelta(hours=params.waiting_period_hours)
    if claim.key_found_at is not None and claim.key_found_at <= waiting_end:
        refusals.append(
            refusal("key_protect_found_in_waiting_period", hours=params.waiting_period_hours)
        )
    return tuple(refusals)


def _claimed(item: KeyProtectItem) -> Decimal:
    return money(item.amount * item.units)


def _excluded_transport(
    items: tuple[KeyProtectItem, ...], params: KeyProtectParams
) -> KeyCost | None:
    """Onward transport or vehicle hire, not both: the one paying less is excluded
    (the customer gets the better of the two; a tie keeps onward transport)."""
    kinds = (KeyCost.ONWARD_TRANSPORT, KeyCost.VEHICLE_HIRE)
    if not all(any(i.cost is kind for i in items) for kind in kinds):
        return None
    transport, hire = (_transport_alone(items, kind, params) for kind in kinds)
    return KeyCost.ONWARD_TRANSPORT if hire > transport else KeyCost.VEHICLE_HIRE


def _transport_alone(
    items: tuple[KeyProtectItem, ...], kind: KeyCost, params: KeyProtectParams
) -> Decimal:
    allowance = _Allowance(params.cover_limit, ZERO, {kind: params.max_days})
    return sum((_days_limited(i, allowance, params)[0] for i in items if i.cost is kind), ZERO)


def _line(
    item: KeyProtectItem, excluded: KeyCost | None, allowance: _Allowance, params: KeyProtectParams
) -> KeyProtectLine:
    claimed = _claimed(item)
    if item.cost is excluded:
        return KeyProtectLine(item, claimed, ZERO, (refusal("key_protect_transport_or_hire"),))
    payable, refusals = _ITEM_LIMITS[item.cost](item, allowance, params)
    within = min(money(payable), allowance.cover)
    if within < payable:
        limit_refusal = refusal(
            "key_protect_cover_limit", limit=params.cover_limit, left=money(allowance.cover)
        )
        refusals = (*refusals, limit_refusal)
    allowance.cover -= within
    return KeyProtectLine(item, claimed, within, refusals)


_Limited = tuple[Decimal, tuple[Refusal, ...]]


def _whole_cost(item: KeyProtectItem, allowance: _Allowance, params: KeyProtectParams) -> _Limited:
    return item.amount * item.units, ()


def _locksmith(item: KeyProtectItem, allowance: _Allowance, params: KeyProtectParams) -> _Limited:
    limit = params.locksmith_broken_key_limit
    if item.key_broken_in_lock and item.amount > limit:
        return limit * item.units, (refusal("key_protect_locksmith_limit", limit=limit),)
    return item.amount * item.units, ()


def _keys(item: KeyProtectItem, allowance: _Allowance, params: KeyProtectParams) -> _Limited:
    if item.units > params.keys_per_lock:
        refused = refusal("key_protect_keys_per_lock", limit=params.keys_per_lock)
        return item.amount * params.keys_per_lock, (refused,)
    return item.amount * item.units, ()


def _days_limited(
    item: KeyProtectItem, allowance: _Allowance, params: KeyProtectParams
) -> _Limited:
    transport = item.cost is KeyCost.ONWARD_TRANSPORT
    daily = params.onward_transport_daily if transport else params.vehicle_hire_daily
    what = "onward transport" if transport else "vehicle hire"
    days = min(item.units, allowance.days[item.cost])
    allowance.days[item.cost] -= days
    refusals = []
    if item.amount > daily:
        refusals.append(refusal("key_protect_daily_limit", limit=daily, what=what))
    if days < item.units:
        refusals.append(
            refusal("key_protect_days_limit", what=what.capitalize(), limit=params.max_days)
        )
    return min(item.amount, daily) * days, tuple(refusals)


def _accommodation(
    item: KeyProtectItem, allowance: _Allowance, params: KeyProtectParams
) -> _Limited:
    claimed = item.amount * item.units
    paid = min(claimed, allowance.accommodation)
    allowance.accommodation -= paid
    if paid < claimed:
        limit = params.accommodation_per_event
        return paid, (refusal("key_protect_accommodation_limit", limit=limit),)
    return paid, ()


_ITEM_LIMITS: dict[KeyCost, Callable[[KeyProtectItem, _Allowance, KeyProtectParams], _Limited]] = {
    KeyCost.LOCKSMITH: _locksmith,
    KeyCost.NEW_LOCKS: _whole_cost,
    KeyCost.REPLACEMENT_KEYS: _keys,
    KeyCost.ONWARD_TRANSPORT: _days_limited,
    KeyCost.VEHICLE_HIRE: _days_limited,
    KeyCost.ACCOMMODATION: _accommodation,
}
