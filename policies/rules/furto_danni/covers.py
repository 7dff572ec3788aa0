"""What a Furto e Danni package includes, and the limits of the covers beyond the settlement.

Small assessment helpers for the claims side: each takes the claimed figures and returns
what the cover pays, never negative, with the limits of `CoverLimits` (PRODUCTS.md §4).
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dealers.money import round_money

from ..common import ZERO, floor_zero
from .params import (
    DEFAULT_PARAMS,
    Cover,
    CoverLimits,
    DamageKind,
    FurtoDanniParams,
    IncludedCover,
    Option,
    Package,
)
from .settlement import Settlement

DEFAULT_LIMITS = DEFAULT_PARAMS.limits

# Where the right to claim under a settlement cover comes from: the package or an option.
CLAIM_SOURCES: Mapping[Cover, IncludedCover | Option] = {
    Cover.FURTO: IncludedCover.INCENDIO_FURTO,
    Cover.INCENDIO: IncludedCover.INCENDIO_FURTO,
    Cover.ATTI_VANDALICI: IncludedCover.ATTI_VANDALICI,
    Cover.CALAMITA_NATURALI_PREMIUM: IncludedCover.CALAMITA_NATURALI,
    Cover.CALAMITA_NATURALI_BASE: IncludedCover.CALAMITA_NATURALI,
    Cover.CRISTALLI: IncludedCover.CRISTALLI,
    Cover.KASKO_PREMIUM: Option.KASKO_PREMIUM,
    Cover.KASKO_BASE: Option.KASKO_BASE,
    Cover.COLLISIONE_PREMIUM: Option.COLLISIONE_PREMIUM,
    Cover.COLLISIONE_BASE: Option.COLLISIONE_BASE,
}

# Kasko Finanziaria pays on a total "Kasko" loss; Collisione is read as a kind of Kasko.
KASKO_FINANZIARIA_COVERS = (
    Cover.KASKO_PREMIUM,
    Cover.KASKO_BASE,
    Cover.COLLISIONE_PREMIUM,
    Cover.COLLISIONE_BASE,
)


def included_covers(
    package: Package, params: FurtoDanniParams = DEFAULT_PARAMS
) -> tuple[IncludedCover, ...]:
    return params.package_covers[package]


def claim_is_covered(
    cover: Cover,
    package: Package,
    options: Collection[Option],
    params: FurtoDanniParams = DEFAULT_PARAMS,
) -> bool:
    """Whether a policy with this package and these options can claim under `cover`."""
    source = CLAIM_SOURCES[cover]
    if isinstance(source, Option):
        return source in options
    return source in params.package_covers[package]


@dataclass(frozen=True)
class ReimbursedItem:
    kind: str
    claimed: Decimal
    allowed: Decimal  # after the item's own limit


@dataclass(frozen=True)
class Reimbursement:
    items: tuple[ReimbursedItem, ...]
    total: Decimal  # after the limit for the claim, so it can be less than the items' sum


def _reimburse(
    claimed: Mapping[str, Decimal], item_limits: Mapping[str, Decimal | None], limit: Decimal
) -> Reimbursement:
    items = []
    for kind, amount in claimed.items():
        item_limit = item_limits[kind]
        allowed = floor_zero(round_money(amount))
        if item_limit is not None:
            allowed = min(allowed, item_limit)
        items.append(ReimbursedItem(kind, round_money(amount), allowed))
    return Reimbursement(tuple(items), min(sum((i.allowed for i in items), ZERO), limit))


class SpecialExpense(StrEnum):
    """Items of the Garanzie speciali."""

    GARAGE_TRANSPORT = "garage_transport"
    SALVAGE = "salvage"
    KEYS = "keys"
    ROAD_VICTIMS = "road_victims"
    RE_REGISTRATION = "re_registration"  # the rest: only on total theft or fire
    OWNERSHIP_TAX = "ownership_tax"
    DOCUMENTS = "documents"


TOTAL_THEFT_OR_FIRE_ONLY = (
    SpecialExpense.RE_REGISTRATION,
    SpecialExpense.OWNERSHIP_TAX,
    SpecialExpense.DOCUMENTS,
)


def special_expense_limits(limits: CoverLimits) -> dict[str, Decimal | None]:
    return {
        SpecialExpense.GARAGE_TRANSPORT: limits.special_garage_transport,
        SpecialExpense.SALVAGE: limits.special_salvage,
        SpecialExpense.KEYS: limits.special_keys,
        SpecialExpense.ROAD_VICTIMS: limits.special_road_victims,
        SpecialExpense.RE_REGISTRATION: limits.special_re_registration,
        SpecialExpense.OWNERSHIP_TAX: None,  # pro rata, see ownership_tax_refund
        SpecialExpense.DOCUMENTS: limits.special_documents,
    }


def special_expenses_refund(
    claimed: Mapping[SpecialExpense, Decimal],
    total_theft_or_fire: bool,
    limits: CoverLimits = DEFAULT_LIMITS,
) -> Reimbursement:
    """Garanzie speciali: each item up to its limit, the claim up to €516 in all."""
    item_limits = special_expense_limits(limits)
    if not total_theft_or_fire:
        item_limits.update(dict.fromkeys(TOTAL_THEFT_OR_FIRE_ONLY, ZERO))
    as_str = {str(kind): amount for kind, amount in claimed.items()}
    return _reimburse(as_str, item_limits, limits.special_per_claim)


def ownership_tax_refund(annual_tax: Decimal, claim_date: date, tax_paid_until: date) -> Decimal:
    """Ownership tax from the month after the claim to the month the paid tax runs out."""
    months = (tax_paid_until.year * 12 + tax_paid_until.month) - (
        claim_date.year * 12 + claim_date.month
    )
    return floor_zero(round_money(annual_tax * max(months, 0) / 12))


@dataclass(frozen=True)
class MobilityExpenses:
    days_unable_to_drive: int
    hire_with_driver: Decimal = ZERO
    hire_days: int = 0
    lodging: Decimal = ZERO
    other: Decimal = ZERO  # ownership tax pro rata, vehicle storage: no limit of their own


def mobility_refund(
    expenses: MobilityExpenses,
    package: Package,
    cause_is_theft: bool,
    params: FurtoDanniParams = DEFAULT_PARAMS,
) -> Reimbursement:
    """Mobilità: only with Garanzie speciali, never for theft, only when the insured cannot
    drive for over 30 days; hire with driver €35 a day, lodging €500, €1,500 in all."""
    limits = params.limits
    covers = params.package_covers[package]
    applies = (
        IncludedCover.MOBILITA in covers
        and IncludedCover.GARANZIE_SPECIALI in covers
        and not cause_is_theft
        and expenses.days_unable_to_drive > limits.mobility_min_days_unable
    )
    hire_limit = limits.mobility_hire_per_day * max(expenses.hire_days, 0)
    item_limits: dict[str, Decimal | None] = {
        "hire_with_driver": hire_limit if applies else ZERO,
        "lodging": limits.mobility_lodging if applies else ZERO,
        "other": None if applies else ZERO,
    }
    claimed = {
        "hire_with_driver": expenses.hire_with_driver,
        "lodging": expenses.lodging,
        "other": expenses.other,
    }
    return _reimburse(claimed, item_limits, limits.mobility_max)


def restart_benefit(
    option: Option,
    invoice_price: Decimal,
    fire_theft_settlement: Decimal,
    limits: CoverLimits = DEFAULT_LIMITS,
) -> Decimal:
    """Restart 10K/20K after a total fire, theft or robbery: the invoice price less what
    the fire/theft cover paid, up to the option's limit."""
    shortfall = floor_zero(round_money(invoice_price) - round_money(fire_theft_settlement))
    return min(shortfall, limits.restart[option])


def protezione_franchigia_refund(
    settlement: Settlement,
    in_network: bool,
    refunded_this_year: Decimal = ZERO,
    limits: CoverLimits = DEFAULT_LIMITS,
) -> Decimal:
    """The deductible of a partial claim repaired in the network, when the damage exceeds
    it, up to €400 an insurance year (less what was refunded earlier that year)."""
    if settlement.damage_kind != DamageKind.PARTIAL or not in_network:
        return ZERO
    if settlement.base <= settlement.deductible:
        return ZERO
    left = floor_zero(limits.protezione_franchigia_per_year - round_money(refunded_this_year))
    return min(settlement.deductible, left)


def fattura_rimborsata_refund(
    network_invoices_last_12_months: Decimal,
    total_theft_or_robbery: bool,
    limits: CoverLimits = DEFAULT_LIMITS,
) -> Decimal:
    if not total_theft_or_robbery:
        return ZERO
    return min(
        floor_zero(round_money(network_invoices_last_12_months)), limits.fattura_rimborsata_max
    )


def tyres_left(
    tyres_claimed: int, tyres_refunded_this_year: int, limits: CoverLimits = DEFAULT_LIMITS
) -> int:
    """How many of the tyres claimed Protezione Pneumatici still covers this insurance year
    (one a year)."""
    return max(min(tyres_claimed, limits.tyres_per_year - tyres_refunded_this_year), 0)


def tyre_refund(
    cost: Decimal,
    tyres_refunded_this_year: int,
    limits: CoverLimits = DEFAULT_LIMITS,
    *,
    tyres: int = 1,
    paid_this_year: Decimal = ZERO,
) -> Decimal:
    """Protezione Pneumatici: a puncture's repair or replacement net of wear, with the
    dismounting, balancing and fitting (`cost`, for the `tyres` claimed), for one tyre an
    insurance year, up to €250 a claim and a year less what was paid earlier that year.

    Reading: with more tyres claimed than the year has left, the cost is shared equally
    between them and the tyres left are refunded."""
    covered = tyres_left(tyres, tyres_refunded_this_year, limits)
    if covered == 0:
        return ZERO
    share = floor_zero(round_money(cost * covered / max(tyres, covered)))
    year_left = floor_zero(limits.tyre_max - round_money(paid_this_year))
    return min(share, limits.tyre_max, year_left)


def kasko_finanziaria_benefit(
    cover: Cover, settlement: Settlement, residual_debt: Decimal
) -> Decimal:
    """The residual debt to Lexus Financial Services at the date of a total Kasko loss."""
    if cover not in KASKO_FINANZIARIA_COVERS or settlement.damage_kind != DamageKind.TOTAL:
        return ZERO
    return floor_zero(round_money(residual_debt))


def base_partial_year_payable(
    payable: Decimal, paid_this_year: Decimal, limits: CoverLimits = DEFAULT_LIMITS
) -> Decimal:
    """Kasko/Collisione Base partial damage: €2,000 a claim (in the settlement) and
    €4,000 an insurance year in all."""
    return min(payable, floor_zero(limits.base_partial_per_year - round_money(paid_this_year)))


def courtesy_car_days(
    damage_kind: DamageKind,
    in_network: bool,
    days_needed: int,
    limits: CoverLimits = DEFAULT_LIMITS,
) -> int:
    """Auto sostitutiva: partial damage only when repaired in the network."""
    if damage_kind == DamageKind.TOTAL:
        return min(max(days_needed, 0), limits.courtesy_car_total_days)
    if not in_network:
        return 0
    return min(max(days_needed, 0), limits.courtesy_car_partial_days)
