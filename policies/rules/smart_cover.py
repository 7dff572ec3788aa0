"""Lexus SMART Cover: cosmetic repair, UK (PRODUCTS.md §2, seed 000).

Sale: only when the vehicle is ordered, so the sale must be dated strictly before
delivery (a sale on the delivery day is already "after you've taken delivery"); the term
is one of the rate card's terms. Claims: size limits by kind of damage and a 30-day
reporting limit. Cancellation: API.md cancellation-refund, smart-cover.

`Cancellation`, `CancellationRefund` and `pro_rata` serve motor_uk.py as well: the API
answers both products with the same shape.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dealers.money import round_money

from .common import ZERO, Refusal, floor_zero, refusal
from .messages import register, text

SMART_COVER_ADMIN_FEE = Decimal("29.99")

register(
    "smart_cover_after_delivery",
    "SMART Cover must be bought before delivery: the sale on {sale_date} is not before "
    "the delivery on {delivery_date}.",
)
register(
    "smart_cover_term_not_offered",
    "SMART Cover is sold for {terms} months, not {term} months.",
)
register(
    "smart_cover_too_wide",
    "The {kind} is {size} mm across; SMART Cover repairs {kinds} up to {limit} mm in diameter.",
)
register(
    "smart_cover_too_deep",
    "The {kind} is {size} mm deep; SMART Cover repairs {kinds} up to {limit} mm deep.",
)
register(
    "smart_cover_reported_late",
    "The damage was reported {days} days after the customer became aware of it; it must be "
    "reported within {limit} days.",
)
register("smart_cover_refund_claim", "A claim was made in the period, so there is no refund.")
register(
    "smart_cover_refund_cooling_off",
    "Cancelled within {days} days of the start with no claim: the full premium is refunded.",
)
register(
    "uk_refund_pro_rata_less_fee",
    "No claim: the premium for the {remaining} of {total} days left, less the "
    "administration fee of £{fee:,}.",
)


class InvalidSmartClaim(ValueError):
    """Impossible input for a SMART claim (the API answers 400)."""


class InvalidCancellation(ValueError):
    """Impossible cancellation dates or premium (the API answers 400)."""


class DamageKind(StrEnum):
    SCRATCH = "scratch"
    SCUFF = "scuff"
    DENT = "dent"
    STONE_CHIP = "stone_chip"


@dataclass(frozen=True)
class SmartCoverParams:
    terms_months: tuple[int, ...] = (12, 24, 36, 48, 60)  # a Reading of PRODUCTS.md §2
    max_diameter_mm: Decimal = Decimal("300")  # scratches, scuffs and dents
    max_depth_mm: Decimal = Decimal("3")
    chip_max_diameter_mm: Decimal = Decimal("5")
    chip_max_depth_mm: Decimal = Decimal("1.5")
    report_within_days: int = 30
    cooling_off_days: int = 14


DEFAULT_PARAMS = SmartCoverParams()


@dataclass(frozen=True)
class SmartCoverSale:
    sale_date: date
    delivery_date: date
    term_months: int


@dataclass(frozen=True)
class SmartDamage:
    """One item of damage. `diameter_mm` is the largest dimension across (a scratch's
    length), `depth_mm` the deepest point."""

    kind: DamageKind
    diameter_mm: Decimal
    depth_mm: Decimal
    aware_date: date  # the customer became aware of the damage
    reported_date: date


@dataclass(frozen=True)
class SmartVerdict:
    """`rule` names the rule that decided: the first one broken, or the size rule that
    admitted the damage."""

    covered: bool
    refusals: tuple[Refusal, ...]
    rule: str


@dataclass(frozen=True)
class Cancellation:
    premium: Decimal  # paid for the period
    start_date: date
    end_date: date
    cancel_date: date
    claim_made: bool  # a claim in the current period


@dataclass(frozen=True)
class CancellationRefund:
    """`admin_fee` is the fee charged: 0.00 whenever none is (full refund, or a claim)."""

    refund: Decimal
    admin_fee: Decimal
    reason: str


def smart_cover_sale_refusals(
    sale: SmartCoverSale, params: SmartCoverParams = DEFAULT_PARAMS
) -> list[Refusal]:
    """Every rule the sale breaks, each checked on its own (empty: it can be sold)."""
    refusals = []
    if sale.sale_date >= sale.delivery_date:
        refusals.append(
            refusal(
                "smart_cover_after_delivery",
                sale_date=sale.sale_date.isoformat(),
                delivery_date=sale.delivery_date.isoformat(),
            )
        )
    if sale.term_months not in params.terms_months:
        terms = ", ".join(str(t) for t in params.terms_months)
        refusals.append(refusal("smart_cover_term_not_offered", terms=terms, term=sale.term_months))
    return refusals


def assess_damage(damage: SmartDamage, params: SmartCoverParams = DEFAULT_PARAMS) -> SmartVerdict:
    if damage.reported_date < damage.aware_date:
        raise InvalidSmartClaim("damage cannot be reported before the customer knew of it")
    if damage.diameter_mm < 0 or damage.depth_mm < 0:
        raise InvalidSmartClaim("damage sizes cannot be negative")
    size_rule, size_refusals = _size_refusals(damage, params)
    late = _late_report_refusals(damage, params)
    refusals = (*size_refusals, *late)
    if refusals:
        rule = size_rule if size_refusals else "smart_cover_reported_late"
        return SmartVerdict(False, refusals, rule)
    return SmartVerdict(True, (), size_rule)


def _size_refusals(
    damage: SmartDamage, params: SmartCoverParams
) -> tuple[str, tuple[Refusal, ...]]:
    if damage.kind is DamageKind.STONE_CHIP:
        rule, kinds = "smart_cover_stone_chip_limits", "stone chips"
        width, depth = params.chip_max_diameter_mm, params.chip_max_depth_mm
    else:
        rule, kinds = "smart_cover_scratch_scuff_dent_limits", "scratches, scuffs and dents"
        width, depth = params.max_diameter_mm, params.max_depth_mm
    kind = damage.kind.value.replace("_", " ")
    checks = (
        ("smart_cover_too_wide", damage.diameter_mm, width),
        ("smart_cover_too_deep", damage.depth_mm, depth),
    )
    refusals = tuple(
        refusal(code, kind=kind, size=size, kinds=kinds, limit=limit)
        for code, size, limit in checks
        if size > limit
    )
    return rule, refusals


def _late_report_refusals(damage: SmartDamage, params: SmartCoverParams) -> tuple[Refusal, ...]:
    days = (damage.reported_date - damage.aware_date).days
    if days <= params.report_within_days:
        return ()
    return (refusal("smart_cover_reported_late", days=days, limit=params.report_within_days),)


def pro_rata(cancellation: Cancellation) -> Decimal:
    """The premium for the days left, unrounded: premium × days left / days in the period."""
    check_cancellation(cancellation)
    remaining = (cancellation.end_date - cancellation.cancel_date).days
    total = (cancellation.end_date - cancellation.start_date).days
    return cancellation.premium * remaining / total


def smart_cover_refund(
    cancellation: Cancellation,
    admin_fee: Decimal = SMART_COVER_ADMIN_FEE,
    params: SmartCoverParams = DEFAULT_PARAMS,
) -> CancellationRefund:
    check_cancellation(cancellation)
    if cancellation.claim_made:
        return CancellationRefund(ZERO, ZERO, text("smart_cover_refund_claim"))
    days_on_cover = (cancellation.cancel_date - cancellation.start_date).days
    if days_on_cover <= params.cooling_off_days:
        reason = text("smart_cover_refund_cooling_off", days=params.cooling_off_days)
        return CancellationRefund(round_money(cancellation.premium), ZERO, reason)
    return pro_rata_less_fee(cancellation, admin_fee)


def pro_rata_less_fee(cancellation: Cancellation, admin_fee: Decimal) -> CancellationRefund:
    """Pro rata less the fee, never negative, rounded once at the end."""
    if admin_fee < 0:
        raise InvalidCancellation("the administration fee cannot be negative")
    refund = round_money(floor_zero(pro_rata(cancellation) - admin_fee))
    reason = text(
        "uk_refund_pro_rata_less_fee",
        remaining=(cancellation.end_date - cancellation.cancel_date).days,
        total=(cancellation.end_date - cancellation.start_date).days,
        fee=round_money(admin_fee),
    )
    return CancellationRefund(refund, round_money(admin_fee), reason)


def check_cancellation(cancellation: Cancellation) -> None:
    """Raise InvalidCancellation for input no refund can be computed from."""
    c = cancellation
    if c.premium < 0:
        raise InvalidCancellation("the premium cannot be negative")
    if c.end_date <= c.start_date:
        raise InvalidCancellation("the period must end after it starts")
    if not c.start_date <= c.cancel_date <= c.end_date:
        raise InvalidCancellation("the cancellation date must fall within the period")
