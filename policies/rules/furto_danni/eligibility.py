"""Whether a Furto e Danni package can be sold, and the insured value (API.md it-eligibility).

Each condition is checked on its own and gives its code at most once, so staff see every
reason at the same time. Message keys are prefixed with the product (`furto_danni.`)
because other products register codes of the same name with other sentences.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dealers.markets import format_money
from dealers.money import round_money

from ..common import Refusal, more_than_years_old
from ..messages import register, text
from .params import (
    CURRENCY,
    DEFAULT_PARAMS,
    Condition,
    FurtoDanniParams,
    InvalidInput,
    MissingMarketValue,
    Option,
    Package,
)

OPTION_NAMES = {
    Option.RESTART_10K: "Restart 10K",
    Option.RESTART_20K: "Restart 20K",
    Option.KASKO_PREMIUM: "Kasko Premium",
    Option.KASKO_BASE: "Kasko Base",
    Option.COLLISIONE_PREMIUM: "Collisione Premium",
    Option.COLLISIONE_BASE: "Collisione Base",
    Option.KASKO_FINANZIARIA: "Kasko Finanziaria",
    Option.PROTEZIONE_FRANCHIGIA: "Protezione Franchigia",
    Option.FATTURA_RIMBORSATA: "Fattura Rimborsata",
    Option.PROTEZIONE_PNEUMATICI: "Protezione Pneumatici",
}
PACKAGE_NAMES = {Package.BLU: "Blu", Package.ROSSO: "Rosso", Package.GIALLO: "Giallo"}

P = "furto_danni."
Reason = tuple[str, Mapping[str, object]]  # a message key and its parameters
register(
    P + "target_market",
    "This policy is only for owners of a car (autovettura) or a taxi (autotassametro): "
    "this vehicle is outside the target market.",
    "La polizza è riservata ai proprietari di un'autovettura o di un autotassametro: "
    "questo veicolo è fuori dal target market.",
)
register(
    P + "vehicle_too_old",
    "The vehicle is more than {years} years from its first registration and cannot be insured.",
    "Il veicolo ha più di {years} anni dalla prima immatricolazione e non può essere assicurato.",
)
register(
    P + "value_too_low",
    "The insured value of {value} is below the minimum of {minimum}.",
    "Il valore assicurato di {value} è inferiore al minimo di {minimum}.",
)
register(
    P + "kasko_too_old",
    "Kasko and Collisione cannot be bought for a vehicle more than {years} years from its "
    "first registration.",
    "Le garanzie Kasko e Collisione non possono essere acquistate per un veicolo con più "
    "di {years} anni dalla prima immatricolazione.",
)
register(
    P + "restart_not_allowed.age",
    "Restart cannot be bought for a used vehicle more than {years} years from its first "
    "registration.",
    "La garanzia Restart non può essere acquistata per un veicolo usato con più di {years} "
    "anni dalla prima immatricolazione.",
)
register(
    P + "restart_not_allowed.duration",
    "Restart cannot be bought for a policy longer than {years} years.",
    "La garanzia Restart non può essere acquistata per una polizza di durata superiore a "
    "{years} anni.",
)
register(
    P + "kasko_finanziaria_not_allowed.used",
    "Kasko Finanziaria is only for new vehicles.",
    "La Kasko Finanziaria è riservata ai veicoli nuovi.",
)
register(
    P + "kasko_finanziaria_not_allowed.finance",
    "Kasko Finanziaria is only for vehicles financed or leased by Lexus Financial Services.",
    "La Kasko Finanziaria è riservata ai veicoli acquistati con finanziamento o leasing "
    "Lexus Financial Services.",
)
register(
    P + "option_requires",
    "{option} can only be bought together with {required}.",
    "La garanzia {option} può essere acquistata solo insieme a {required}.",
)
register(
    P + "option_not_in_package",
    "{option} is only available with the {packages} package.",
    "La garanzia {option} è disponibile solo con il pacchetto {packages}.",
)


@dataclass(frozen=True)
class SaleFacts:
    """What the dealer knows at the sale (the it-eligibility request)."""

    package: Package
    options: tuple[Option, ...]
    vehicle_type: str
    first_registration: date
    sale_date: date
    invoice_price: Decimal
    duration_years: int
    market_value: Decimal | None = None
    financed_by_lfs: bool = False
    # The first sale of a renewal chain: a renewal is judged for ages on its own day
    # (`sale_date`) but keeps the condition and insured value of the vehicle as first
    # insured, so that a new car does not turn "used" (and need a market value) a year on.
    first_sale_date: date | None = None

    @property
    def valued_on(self) -> date:
        return self.first_sale_date or self.sale_date


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    vehicle_condition: Condition
    insured_value: Decimal
    refusals: tuple[Refusal, ...]
    currency: str = CURRENCY


@dataclass(frozen=True)
class _Case:
    sale: SaleFacts
    condition: Condition
    insured_value: Decimal
    params: FurtoDanniParams
    lang: str

    def older_than(self, years: int) -> bool:
        return more_than_years_old(self.sale.first_registration, self.sale.sale_date, years)

    def has_any(self, options: tuple[Option, ...]) -> bool:
        return any(o in self.sale.options for o in options)

    def refusal(self, code: str, *reasons: Reason) -> Refusal:
        sentences = (text(P + key, self.lang, **params) for key, params in reasons)
        return Refusal(code, " ".join(sentences))


def assess_eligibility(
    sale: SaleFacts, params: FurtoDanniParams = DEFAULT_PARAMS, lang: str = "it"
) -> Eligibility:
    """Verdict, vehicle condition and insured value; raises InvalidInput (a ValueError)
    for input the rules cannot judge, such as a used vehicle without its market value."""
    _check(sale, params)
    condition = vehicle_condition(sale.first_registration, sale.valued_on, params)
    case = _Case(sale, condition, insured_value(sale, condition, params), params, lang)
    refusals = tuple(r for check in _CHECKS if (r := check(case)) is not None)
    return Eligibility(not refusals, condition, case.insured_value, refusals)


def vehicle_condition(
    first_registration: date, sale_date: date, params: FurtoDanniParams = DEFAULT_PARAMS
) -> Condition:
    """Used when first registered more than `used_after_days` days before the sale."""
    if (sale_date - first_registration).days > params.used_after_days:
        return Condition.USED
    return Condition.NEW


def insured_value(
    sale: SaleFacts, condition: Condition, params: FurtoDanniParams = DEFAULT_PARAMS
) -> Decimal:
    """The invoice price; for a used vehicle at most 120% of its market value."""
    value = round_money(sale.invoice_price)
    if condition == Condition.NEW:
        return value
    if sale.market_value is None:
        raise MissingMarketValue()
    return min(value, round_money(sale.market_value * params.used_value_cap))


def _check(sale: SaleFacts, params: FurtoDanniParams) -> None:
    if sale.invoice_price < 0:
        raise InvalidInput("invoice_price", "The invoice price cannot be negative.")
    if sale.market_value is not None and sale.market_value < 0:
        raise InvalidInput("market_value", "The market value cannot be negative.")
    if not 1 <= sale.duration_years <= params.max_duration_years:
        raise InvalidInput(
            "duration_years", f"The duration must be 1 to {params.max_duration_years} years."
        )


def _target_market(case: _Case) -> Refusal | None:
    vehicle_type = case.sale.vehicle_type.strip().lower()
    if vehicle_type in case.params.target_vehicle_types:
        return None
    return case.refusal("target_market", ("target_market", {}))


def _vehicle_too_old(case: _Case) -> Refusal | None:
    years = case.params.max_vehicle_age_years
    if not case.older_than(years):
        return None
    return case.refusal("vehicle_too_old", ("vehicle_too_old", {"years": years}))


def _value_too_low(case: _Case) -> Refusal | None:
    minimum = case.params.minimum_insured_value
    if case.insured_value >= minimum:
        return None
    amounts = {
        "value": format_money(case.insured_value, CURRENCY),
        "minimum": format_money(minimum, CURRENCY),
    }
    return case.refusal("value_too_low", ("value_too_low", amounts))


def _kasko_too_old(case: _Case) -> Refusal | None:
    years = case.params.kasko_max_age_years
    if not (case.has_any(case.params.kasko_options) and case.older_than(years)):
        return None
    return case.refusal("kasko_too_old", ("kasko_too_old", {"years": years}))


def _restart_not_allowed(case: _Case) -> Refusal | None:
    params = case.params
    if not case.has_any(params.restart_options):
        return None
    reasons: list[Reason] = []
    used = case.condition == Condition.USED
    if used and case.older_than(params.restart_max_used_age_years):
        reasons.append(("restart_not_allowed.age", {"years": params.restart_max_used_age_years}))
    if case.sale.duration_years > params.restart_max_duration_years:
        duration = {"years": params.restart_max_duration_years}
        reasons.append(("restart_not_allowed.duration", duration))
    return case.refusal("restart_not_allowed", *reasons) if reasons else None


def _kasko_finanziaria_not_allowed(case: _Case) -> Refusal | None:
    if Option.KASKO_FINANZIARIA not in case.sale.options:
        return None
    reasons: list[Reason] = []
    if case.condition == Condition.USED:
        reasons.append(("kasko_finanziaria_not_allowed.used", {}))
    if not case.sale.financed_by_lfs:
        reasons.append(("kasko_finanziaria_not_allowed.finance", {}))
    return case.refusal("kasko_finanziaria_not_allowed", *reasons) if reasons else None


def _option_requires(case: _Case) -> Refusal | None:
    reasons: list[Reason] = []
    for option in dict.fromkeys(case.sale.options):  # each option once, in the given order
        missing = [
            r for r in case.params.option_requirements.get(option, ()) if r not in case.sale.options
        ]
        if missing:
            required = " + ".join(OPTION_NAMES[r] for r in missing)
            reasons.append(
                ("option_requires", {"option": OPTION_NAMES[option], "required": required})
            )
    return case.refusal("option_requires", *reasons) if reasons else None


def _option_not_in_package(case: _Case) -> Refusal | None:
    reasons: list[Reason] = []
    for option in dict.fromkeys(case.sale.options):
        packages = case.params.option_packages.get(option)
        if packages is not None and case.sale.package not in packages:
            names = "/".join(PACKAGE_NAMES[p] for p in packages)
            reasons.append(
                ("option_not_in_package", {"option": OPTION_NAMES[option], "packages": names})
            )
    return case.refusal("option_not_in_package", *reasons) if reasons else None


# The order of the codes in API.md.
_CHECKS: tuple[Callable[[_Case], Refusal | None], ...] = (
    _target_market,
    _vehicle_too_old,
    _value_too_low,
    _kasko_too_old,
    _restart_not_allowed,
    _kasko_finanziaria_not_allowed,
    _option_requires,
    _option_not_in_package,
)
