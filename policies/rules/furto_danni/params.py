"""Polizza Furto e Danni: the vocabulary and the tables of PRODUCTS.md §4 as data.

`FurtoDanniParams` holds every table and every "Reading:" of the digest, with the
documented readings as defaults: head office changes them through ProductSetting rows,
never through code.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..common import InvalidInput as InvalidInput  # re-exported for the package

CURRENCY = "EUR"


class Cover(StrEnum):
    """The covers a claim is settled under (API.md it-settlement `cover`)."""

    FURTO = "furto"
    INCENDIO = "incendio"
    ATTI_VANDALICI = "atti_vandalici"
    CALAMITA_NATURALI_PREMIUM = "calamita_naturali_premium"
    CALAMITA_NATURALI_BASE = "calamita_naturali_base"
    KASKO_PREMIUM = "kasko_premium"
    KASKO_BASE = "kasko_base"
    COLLISIONE_PREMIUM = "collisione_premium"
    COLLISIONE_BASE = "collisione_base"
    CRISTALLI = "cristalli"


class Package(StrEnum):
    BLU = "blu"
    ROSSO = "rosso"
    GIALLO = "giallo"


class Option(StrEnum):
    """Optional covers ("garanzie opzionali", API.md it-eligibility `options`)."""

    RESTART_10K = "restart_10k"
    RESTART_20K = "restart_20k"
    KASKO_PREMIUM = "kasko_premium"
    KASKO_BASE = "kasko_base"
    COLLISIONE_PREMIUM = "collisione_premium"
    COLLISIONE_BASE = "collisione_base"
    KASKO_FINANZIARIA = "kasko_finanziaria"
    PROTEZIONE_FRANCHIGIA = "protezione_franchigia"
    FATTURA_RIMBORSATA = "fattura_rimborsata"
    PROTEZIONE_PNEUMATICI = "protezione_pneumatici"


class IncludedCover(StrEnum):
    """Covers that come with a package ("garanzie incluse")."""

    INCENDIO_FURTO = "incendio_furto"
    ATTI_VANDALICI = "atti_vandalici"
    CRISTALLI = "cristalli"
    CALAMITA_NATURALI = "calamita_naturali"
    GARANZIE_SPECIALI = "garanzie_speciali"
    MOBILITA = "mobilita"
    SOCCORSO_STRADALE = "soccorso_stradale"
    AUTO_SOSTITUTIVA = "auto_sostitutiva"


class Condition(StrEnum):
    NEW = "new"
    USED = "used"


class DamageKind(StrEnum):
    PARTIAL = "partial"
    TOTAL = "total"


class DeductibleRow(StrEnum):
    """Rows of the deductible table in PRODUCTS.md §4."""

    FURTO_INCENDIO_ATTI_VANDALICI = "furto_incendio_atti_vandalici"
    CALAMITA_NATURALI = "calamita_naturali"
    KASKO_COLLISIONE_PREMIUM = "kasko_collisione_premium"
    KASKO_COLLISIONE_PREMIUM_COMMERCIALE = "kasko_collisione_premium_commerciale"
    KASKO_COLLISIONE_BASE = "kasko_collisione_base"


class DeductibleColumn(StrEnum):
    IN_RETE = "in_rete"
    FUORI_RETE = "fuori_rete"
    LUSSO_IN_RETE = "lusso_in_rete"
    LUSSO_FUORI_RETE = "lusso_fuori_rete"


class MissingMarketValue(InvalidInput):
    def __init__(self) -> None:
        super().__init__("market_value", "A used vehicle needs its market value.")


@dataclass(frozen=True)
class Scoperto:
    """A percentage of the damage, never less than `minimum`."""

    pct: Decimal
    minimum: Decimal


@dataclass(frozen=True)
class Franchigia:
    """A fixed amount."""

    amount: Decimal


Deductible = Scoperto | Franchigia


@dataclass(frozen=True)
class TotalLossScoperto:
    """Percentages of the depreciated insured value kept on a total loss."""

    with_replacement: Decimal
    without_replacement: Decimal


def _s(pct: str, minimum: str) -> Scoperto:
    return Scoperto(Decimal(pct), Decimal(minimum))


_IN, _OUT = DeductibleColumn.IN_RETE, DeductibleColumn.FUORI_RETE
_LUX_IN, _LUX_OUT = DeductibleColumn.LUSSO_IN_RETE, DeductibleColumn.LUSSO_FUORI_RETE
_STANDARD_ROW = {_IN: _s("0.10", "400"), _OUT: _s("0.15", "1000")}
_STANDARD_LUXURY = {_LUX_IN: _s("0.10", "750"), _LUX_OUT: _s("0.15", "1000")}

# A row without luxury columns applies to luxury vehicles too (the cells are blank).
PARTIAL_DEDUCTIBLES: Mapping[DeductibleRow, Mapping[DeductibleColumn, Deductible]] = {
    DeductibleRow.FURTO_INCENDIO_ATTI_VANDALICI: {**_STANDARD_ROW, **_STANDARD_LUXURY},
    DeductibleRow.CALAMITA_NATURALI: {
        _IN: _s("0.10", "400"),
        _OUT: _s("0.20", "1500"),
        _LUX_IN: _s("0.10", "750"),
        _LUX_OUT: _s("0.20", "1500"),
    },
    DeductibleRow.KASKO_COLLISIONE_PREMIUM: {**_STANDARD_ROW, **_STANDARD_LUXURY},
    DeductibleRow.KASKO_COLLISIONE_PREMIUM_COMMERCIALE: {
        _IN: _s("0.10", "500"),
        _OUT: _s("0.15", "750"),
    },
    DeductibleRow.KASKO_COLLISIONE_BASE: {
        _IN: Franchigia(Decimal("300")),
        _OUT: Franchigia(Decimal("600")),
    },
}

COVER_ROWS: Mapping[Cover, DeductibleRow] = {
    Cover.FURTO: DeductibleRow.FURTO_INCENDIO_ATTI_VANDALICI,
    Cover.INCENDIO: DeductibleRow.FURTO_INCENDIO_ATTI_VANDALICI,
    Cover.ATTI_VANDALICI: DeductibleRow.FURTO_INCENDIO_ATTI_VANDALICI,
    Cover.CALAMITA_NATURALI_PREMIUM: DeductibleRow.CALAMITA_NATURALI,
    Cover.CALAMITA_NATURALI_BASE: DeductibleRow.CALAMITA_NATURALI,
    Cover.KASKO_PREMIUM: DeductibleRow.KASKO_COLLISIONE_PREMIUM,
    Cover.COLLISIONE_PREMIUM: DeductibleRow.KASKO_COLLISIONE_PREMIUM,
    Cover.KASKO_BASE: DeductibleRow.KASKO_COLLISIONE_BASE,
    Cover.COLLISIONE_BASE: DeductibleRow.KASKO_COLLISIONE_BASE,
}

# The commercial/leasing row replaces the whole row, luxury columns included (API.md).
COMMERCIAL_ROWS: Mapping[DeductibleRow, DeductibleRow] = {
    DeductibleRow.KASKO_COLLISIONE_PREMIUM: DeductibleRow.KASKO_COLLISIONE_PREMIUM_COMMERCIALE,
}

PARTIAL_CAPS: Mapping[Cover, Decimal] = {
    Cover.CALAMITA_NATURALI_BASE: Decimal("2000"),
    Cover.KASKO_BASE: Decimal("2000"),
    Cover.COLLISIONE_BASE: Decimal("2000"),
    Cover.CRISTALLI: Decimal("2500"),
}

DEPRECIATION: Mapping[Condition, Mapping[int, Decimal]] = {
    Condition.NEW: {
        1: Decimal("1.00"),
        2: Decimal("0.70"),
        3: Decimal("0.60"),
        4: Decimal("0.50"),
        5: Decimal("0.45"),
    },
    Condition.USED: {
        1: Decimal("1.00"),
        2: Decimal("0.90"),
        3: Decimal("0.80"),
        4: Decimal("0.70"),
        5: Decimal("0.60"),
    },
}

SOUTHERN_PROVINCES = ("BA", "BR", "BT", "CE", "FG", "LE", "NA", "SA", "AV", "CT", "TA", "RC")
PROVINCE_TOTAL_LOSS: Mapping[str, TotalLossScoperto] = {
    **{p: TotalLossScoperto(Decimal("0.15"), Decimal("0.25")) for p in SOUTHERN_PROVINCES},
    "BT": TotalLossScoperto(Decimal("0.25"), Decimal("0.30")),
}

_ALL_COVERS = tuple(IncludedCover)
# Reading of the brochure's columns: Giallo lacks Atti vandalici and Calamità naturali.
PACKAGE_COVERS: Mapping[Package, tuple[IncludedCover, ...]] = {
    Package.BLU: _ALL_COVERS,
    Package.ROSSO: _ALL_COVERS,
    Package.GIALLO: tuple(
        c
        for c in _ALL_COVERS
        if c not in (IncludedCover.ATTI_VANDALICI, IncludedCover.CALAMITA_NATURALI)
    ),
}

KASKO_OPTIONS = (
    Option.KASKO_PREMIUM,
    Option.KASKO_BASE,
    Option.COLLISIONE_PREMIUM,
    Option.COLLISIONE_BASE,
)
RESTART_OPTIONS = (Option.RESTART_10K, Option.RESTART_20K)


@dataclass(frozen=True)
class CoverLimits:
    """Limits of the included and optional covers beyond the settlement itself (€)."""

    special_garage_transport: Decimal = Decimal("250")
    special_salvage: Decimal = Decimal("150")
    special_keys: Decimal = Decimal("250")
    special_road_victims: Decimal = Decimal("516")
    special_re_registration: Decimal = Decimal("250")
    special_documents: Decimal = Decimal("250")
    special_per_claim: Decimal = Decimal("516")
    mobility_min_days_unable: int = 30  # the cover starts only *over* this many days
    mobility_max: Decimal = Decimal("1500")
    mobility_hire_per_day: Decimal = Decimal("35")
    mobility_lodging: Decimal = Decimal("500")
    restart: Mapping[Option, Decimal] = field(
        default_factory=lambda: {
            Option.RESTART_10K: Decimal("10000"),
            Option.RESTART_20K: Decimal("20000"),
        }
    )
    protezione_franchigia_per_year: Decimal = Decimal("400")
    fattura_rimborsata_max: Decimal = Decimal("1000")
    tyres_per_year: int = 1
    tyre_max: Decimal = Decimal("250")
    base_partial_per_year: Decimal = Decimal("4000")  # Kasko/Collisione Base, a year
    courtesy_car_partial_days: int = 15
    courtesy_car_total_days: int = 30


@dataclass(frozen=True)
class FurtoDanniParams:
    """Every table and reading of PRODUCTS.md §4; defaults are the documented ones."""

    partial_deductibles: Mapping[DeductibleRow, Mapping[DeductibleColumn, Deductible]] = field(
        default_factory=lambda: PARTIAL_DEDUCTIBLES
    )
    cover_rows: Mapping[Cover, DeductibleRow] = field(default_factory=lambda: COVER_ROWS)
    commercial_rows: Mapping[DeductibleRow, DeductibleRow] = field(
        default_factory=lambda: COMMERCIAL_ROWS
    )
    glass_replacement_franchigia: Decimal = Decimal("100")
    glass_repair_franchigia: Decimal = Decimal("0")
    partial_caps: Mapping[Cover, Decimal] = field(default_factory=lambda: PARTIAL_CAPS)
    # API.md caps only partial damage; kept as data in case head office caps total losses
    # (the brochure's Calamità naturali Base "Massimale € 2.000" could be read that way).
    total_caps: Mapping[Cover, Decimal] = field(default_factory=dict)
    total_loss_threshold: Decimal = Decimal("0.75")
    always_partial: tuple[Cover, ...] = (Cover.CRISTALLI,)
    total_loss: TotalLossScoperto = TotalLossScoperto(Decimal("0"), Decimal("0.10"))
    province_total_loss: Mapping[str, TotalLossScoperto] = field(
        default_factory=lambda: PROVINCE_TOTAL_LOSS
    )
    # Reading: the province rule applies to total damage under every cover.
    province_rule_covers: tuple[Cover, ...] = tuple(Cover)
    depreciation: Mapping[Condition, Mapping[int, Decimal]] = field(
        default_factory=lambda: DEPRECIATION
    )
    # Reading: the brochure names the Blu package; depreciation applies to every package.
    depreciated_packages: tuple[Package, ...] = tuple(Package)
    package_covers: Mapping[Package, tuple[IncludedCover, ...]] = field(
        default_factory=lambda: PACKAGE_COVERS
    )
    target_vehicle_types: tuple[str, ...] = ("autovettura", "autotassametro")
    max_duration_years: int = 5
    used_after_days: int = 365
    max_vehicle_age_years: int = 10
    used_value_cap: Decimal = Decimal("1.20")
    minimum_insured_value: Decimal = Decimal("4000")
    kasko_options: tuple[Option, ...] = KASKO_OPTIONS
    kasko_max_age_years: int = 5
    restart_options: tuple[Option, ...] = RESTART_OPTIONS
    restart_max_used_age_years: int = 5
    restart_max_duration_years: int = 4
    option_packages: Mapping[Option, tuple[Package, ...]] = field(
        default_factory=lambda: {Option.KASKO_FINANZIARIA: (Package.BLU,)}
    )
    option_requirements: Mapping[Option, tuple[Option, ...]] = field(
        default_factory=lambda: {Option.FATTURA_RIMBORSATA: (Option.PROTEZIONE_FRANCHIGIA,)}
    )
    limits: CoverLimits = field(default_factory=CoverLimits)


DEFAULT_PARAMS = FurtoDanniParams()
