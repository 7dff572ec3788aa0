"""Settlement of a Furto e Danni claim: API.md it-settlement, PRODUCTS.md §4.

Every money figure is rounded half-up to the cent as soon as it exists and later figures
are derived from the rounded ones, so deductible + payable = base exactly (before a cap).
"""

from dataclasses import dataclass
from decimal import Decimal

from dealers.money import round_money

from .params import (
    CURRENCY,
    DEFAULT_PARAMS,
    Condition,
    Cover,
    DamageKind,
    Deductible,
    DeductibleColumn,
    DeductibleRow,
    Franchigia,
    FurtoDanniParams,
    InvalidInput,
    Package,
    Scoperto,
    TotalLossScoperto,
)


@dataclass(frozen=True)
class ClaimFacts:
    """What the assessor knows about the claim (the it-settlement request)."""

    cover: Cover
    insured_value: Decimal
    damage: Decimal
    in_network: bool
    province: str
    vehicle_condition: Condition
    policy_year: int
    luxury_brand: bool = False
    commercial_or_leasing: bool = False
    replacement: bool = False
    glass_replaced: bool = True
    # Unknown to the API; when given, `depreciated_packages` decides on depreciation.
    package: Package | None = None


@dataclass(frozen=True)
class Settlement:
    damage_kind: DamageKind
    base: Decimal  # what the deductible is taken from: the damage, or the depreciated value
    deductible: Decimal
    payable: Decimal
    depreciation: Decimal | None  # share of the insured value paid (total damage only)
    cap: Decimal | None  # the limit that reduced `payable`, when one did
    currency: str = CURRENCY


def settle_claim(claim: ClaimFacts, params: FurtoDanniParams = DEFAULT_PARAMS) -> Settlement:
    """Deductible and amount payable for one claim; raises InvalidInput on bad figures."""
    _check(claim, params)
    damage, insured_value = round_money(claim.damage), round_money(claim.insured_value)
    if is_total_damage(claim.cover, damage, insured_value, params):
        return _settle_total(claim, insured_value, params)
    return _settle_partial(claim, damage, params)


def is_total_damage(
    cover: Cover, damage: Decimal, insured_value: Decimal, params: FurtoDanniParams
) -> bool:
    if cover in params.always_partial:
        return False
    return damage >= insured_value * params.total_loss_threshold


def _check(claim: ClaimFacts, params: FurtoDanniParams) -> None:
    if claim.damage < 0:
        raise InvalidInput("damage", "The damage cannot be negative.")
    if claim.insured_value < 0:
        raise InvalidInput("insured_value", "The insured value cannot be negative.")
    if claim.policy_year not in params.depreciation[claim.vehicle_condition]:
        raise InvalidInput("policy_year", "The policy year must be between 1 and 5.")


def _settle_partial(claim: ClaimFacts, damage: Decimal, params: FurtoDanniParams) -> Settlement:
    deductible = min(_amount(partial_deductible(claim, params), damage), damage)
    payable, cap = _apply_cap(damage - deductible, params.partial_caps.get(claim.cover))
    return Settlement(DamageKind.PARTIAL, damage, deductible, payable, None, cap)


def _settle_total(
    claim: ClaimFacts, insured_value: Decimal, params: FurtoDanniParams
) -> Settlement:
    rate = _depreciation(claim, params)
    base = round_money(insured_value * rate)
    deductible = min(round_money(base * total_loss_pct(claim, params)), base)
    payable, cap = _apply_cap(base - deductible, params.total_caps.get(claim.cover))
    return Settlement(DamageKind.TOTAL, base, deductible, payable, rate, cap)


def partial_deductible(claim: ClaimFacts, params: FurtoDanniParams) -> Deductible:
    """The cell of the deductible table (or the glass franchigia) for a partial claim."""
    if claim.cover == Cover.CRISTALLI:
        if claim.glass_replaced:
            return Franchigia(params.glass_replacement_franchigia)
        return Franchigia(params.glass_repair_franchigia)
    row = params.cover_rows[claim.cover]
    if claim.commercial_or_leasing:
        row = params.commercial_rows.get(row, row)
    return _cell(row, claim.in_network, claim.luxury_brand, params)


def _cell(
    row: DeductibleRow, in_network: bool, luxury: bool, params: FurtoDanniParams
) -> Deductible:
    cells = params.partial_deductibles[row]
    luxury_column = (
        DeductibleColumn.LUSSO_IN_RETE if in_network else DeductibleColumn.LUSSO_FUORI_RETE
    )
    if luxury and luxury_column in cells:
        return cells[luxury_column]
    return cells[DeductibleColumn.IN_RETE if in_network else DeductibleColumn.FUORI_RETE]


def _amount(rule: Deductible, damage: Decimal) -> Decimal:
    if isinstance(rule, Scoperto):
        return max(round_money(damage * rule.pct), round_money(rule.minimum))
    return round_money(rule.amount)


def total_loss_pct(claim: ClaimFacts, params: FurtoDanniParams) -> Decimal:
    """The scoperto on a total loss: by province where the province rule applies."""
    scoperto: TotalLossScoperto = params.total_loss
    if claim.cover in params.province_rule_covers:
        province = claim.province.strip().upper()
        scoperto = params.province_total_loss.get(province, scoperto)
    return scoperto.with_replacement if claim.replacement else scoperto.without_replacement


def _depreciation(claim: ClaimFacts, params: FurtoDanniParams) -> Decimal:
    if claim.package is not None and claim.package not in params.depreciated_packages:
        return Decimal("1")
    return params.depreciation[claim.vehicle_condition][claim.policy_year]


def _apply_cap(payable: Decimal, cap: Decimal | None) -> tuple[Decimal, Decimal | None]:
    if cap is not None and payable > cap:
        return round_money(cap), round_money(cap)
    return payable, None
