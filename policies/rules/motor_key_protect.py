"""Key Protect, the key cover included as standard with Lexus Motor Insurance, UK
(PRODUCTS.md §3, seed 002): a claim for a key lost, stolen, damaged or locked in, assessed
item by item against the cover's limits (per lock, per day, per event, per period)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from dealers.money import round_money

from .common import ZERO, Refusal, refusal
from .messages import register

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
    left = round_money(max(params.cover_limit - claim.paid_in_period, ZERO))
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
    return round_money(item.amount * item.units)


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
    within = min(round_money(payable), allowance.cover)
    if within < payable:
        limit_refusal = refusal(
            "key_protect_cover_limit", limit=params.cover_limit, left=round_money(allowance.cover)
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
