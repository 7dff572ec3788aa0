"""Net premium components for each product, from the entries of its rate card.

The rate card is data (head office edits it); these functions only say how entries
combine. Keys: `term:36|up_to:50000` (a premium for a term and a value band), `up_to:N`
bands, `option:<code>` (a fixed yearly premium), `option_rate:<code>` (% of the insured
value), factors such as `area:C` or `ncd:5` (multipliers), `discount:<code>` (a fraction).
Figures stay unrounded here; pricing.itemise rounds once.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .common import refusal
from .messages import register
from .motor_uk import MOTOR_EXTRA_LABELS
from .pricing import Component

Rates = Mapping[str, Decimal]


class RateTable(dict[str, Decimal]):
    """A rate card's entries, as read once and kept (policies.selectors): it also keeps
    the bands it has sorted, since the card never changes once read."""

    def __init__(self, *args: object, **kwargs: Decimal) -> None:
        super().__init__(*args, **kwargs)
        self.sorted_bands: dict[str, list[tuple[Decimal, Decimal]]] = {}


ONE = Decimal(1)
HUNDRED = Decimal(100)

register(
    "no_rate",
    "There is no rate for this choice ({what}); check the term and the value.",
    "Non c'è una tariffa per questa scelta ({what}): controlla la durata e il valore.",
)


class NoRate(Exception):
    """The rate card has no entry for what was asked: a refusal, not an error."""

    def __init__(self, what: str, lang: str = "en") -> None:
        self.refusal = refusal("no_rate", lang, what=what)
        super().__init__(self.refusal.message)


def rate(rates: Rates, key: str, lang: str = "en") -> Decimal:
    try:
        return rates[key]
    except KeyError:
        raise NoRate(key, lang) from None


def banded(rates: Rates, prefix: str, value: Decimal, lang: str = "en") -> Decimal:
    """The entry `<prefix>up_to:<N>` with the smallest N not below `value`."""
    kept = rates.sorted_bands if isinstance(rates, RateTable) else {}
    bands = kept.get(prefix)
    if bands is None:
        bands = kept[prefix] = sorted(
            (Decimal(k.removeprefix(prefix + "up_to:")), v)
            for k, v in rates.items()
            if k.startswith(prefix + "up_to:")
        )
    for limit, amount in bands:
        if value <= limit:
            return amount
    raise NoRate(f"{prefix}{value}", lang)


def term_premium(rates: Rates, term_months: int, value: Decimal, lang: str = "en") -> Decimal:
    """GAP and SMART Cover: a premium by term, and by value band where the card has bands."""
    prefix = f"term:{term_months}|"
    if f"term:{term_months}" in rates:
        return rates[f"term:{term_months}"]
    return banded(rates, prefix, value, lang)


def gap_components(
    rates: Rates, *, term_months: int, invoice_price: Decimal, label: str, lang: str = "en"
) -> list[Component]:
    return [Component("cover", label, term_premium(rates, term_months, invoice_price, lang))]


@dataclass(frozen=True)
class MotorInputs:
    vehicle_value: Decimal
    area: str  # A (lowest risk) to F
    driver_age: int
    ncd_years: int
    ncd_protected: bool = False
    voluntary_excess: int = 0
    options: Sequence[str] = field(default_factory=tuple)


MOTOR_AGE_BANDS = ((24, "17-24"), (29, "25-29"), (49, "30-49"), (69, "50-69"), (200, "70+"))


def motor_components(rates: Rates, i: MotorInputs, lang: str = "en") -> list[Component]:
    """Base premium by vehicle value, times the factors for area, age, NCD, voluntary
    excess and NCD protection; then each optional extra at its own premium."""
    age_band = next(name for top, name in MOTOR_AGE_BANDS if i.driver_age <= top)
    premium = banded(rates, "value_", i.vehicle_value, lang)
    premium *= rate(rates, f"area:{i.area}", lang) * rate(rates, f"age:{age_band}", lang)
    premium *= rate(rates, f"ncd:{min(i.ncd_years, 9)}", lang)
    premium *= rate(rates, f"voluntary_excess:{i.voluntary_excess}", lang)
    if i.ncd_protected:
        premium *= rate(rates, "ncd_protection", lang)
    parts = [Component("motor", "Motor insurance", premium)]
    parts += [Component(o, MOTOR_EXTRA_LABELS.get(o, o), rate(rates, f"option:{o}", lang))
              for o in i.options]  # fmt: skip
    return parts


@dataclass(frozen=True)
class FurtoDanniInputs:
    package: str
    insured_value: Decimal
    duration_years: int
    options: Sequence[str] = field(default_factory=tuple)


def furto_danni_components(rates: Rates, i: FurtoDanniInputs, lang: str = "it") -> list[Component]:
    """Yearly: the package at a % of the insured value, its roadside assistance (taxed at
    the assistance rate), each option at a % or a fixed premium; times the years, times
    the multi-year factor."""
    years = Decimal(i.duration_years) * rate(rates, f"duration:{i.duration_years}", lang)
    per_cent = i.insured_value / HUNDRED
    parts = [
        Component(
            i.package,
            f"Pacchetto {i.package.title()}",
            rate(rates, f"package:{i.package}", lang) * per_cent,
        ),  # fmt: skip
        Component(
            "assistance",
            "Soccorso stradale",
            rate(rates, f"assistance:{i.package}", lang),
            tax_class="assistance",
        ),
    ]
    for option in i.options:
        if f"option_rate:{option}" in rates:
            parts.append(Component(option, _option_label(option),
                                   rates[f"option_rate:{option}"] * per_cent))  # fmt: skip
        else:
            parts.append(Component(option, _option_label(option),
                                   rate(rates, f"option:{option}", lang)))  # fmt: skip
    return [Component(p.code, p.label, p.amount * years, p.tax_class) for p in parts]


def _option_label(option: str) -> str:
    """kasko_premium -> Kasko Premium, restart_10k -> Restart 10K (the brochure's names)."""
    return " ".join(w.upper() if w[0].isdigit() else w.title() for w in option.split("_"))


@dataclass(frozen=True)
class AuInputs:
    state: str
    agreed_value: Decimal
    youngest_driver_age: int
    business_use: bool = False
    lifetime_rating_1: bool = False
    voluntary_excess: int = 0
    excess_free_glass: bool = False


def au_standard_premium(rates: Rates, i: AuInputs, lang: str = "en") -> Decimal:
    """Before discounts and options: base by state plus a % of the agreed value, loaded
    for young drivers and business use."""
    premium = rate(rates, f"base:{i.state}", lang)
    premium += i.agreed_value * rate(rates, "value_rate", lang) / HUNDRED
    if i.youngest_driver_age < 25:
        premium *= rate(rates, "loading:under_25", lang)
    if i.business_use:
        premium *= rate(rates, "loading:business_use", lang)
    return premium


def au_components(
    rates: Rates, i: AuInputs, *, payment_discount: Decimal = Decimal(0), lang: str = "en"
) -> list[Component]:
    """Discounts (Lifetime Rating 1, voluntary excess, payment method) apply before options
    (PRODUCTS.md §5); Excess-free glass is an extra premium."""
    premium = au_standard_premium(rates, i, lang)
    discounts = [payment_discount]
    if i.lifetime_rating_1:
        discounts.append(rate(rates, "discount:lifetime_rating_1", lang))
    if i.voluntary_excess:
        discounts.append(rate(rates, f"discount:voluntary_excess:{i.voluntary_excess}", lang))
    for d in discounts:
        premium *= ONE - d
    parts = [Component("comprehensive", "Comprehensive cover", premium)]
    if i.excess_free_glass:
        glass = rate(rates, "option:excess_free_glass", lang)
        parts.append(Component("excess_free_glass", "Excess-free glass", glass))
    return parts
