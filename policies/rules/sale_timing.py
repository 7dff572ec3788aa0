"""When a sale may be concluded after the customer was given the product's information.

UK GAP (FCA ICOBS 6A.1): the sale cannot be concluded until `clear_days` whole days have
passed since the information was given (given on the 1st, two clear days: the 2nd and
3rd, so the sale from the 4th). The customer may conclude it earlier, from the day after
the information, if they start the sale themselves and confirm it in writing. Head office
sets both numbers per product (ProductSetting); 0 clear days means no deferral.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .common import Refusal, refusal
from .messages import register

register(
    "information_not_given",
    "The customer must be given the product information before the sale.",
    "Prima della vendita il cliente deve ricevere il Set Informativo.",
)
register(
    "sale_deferred",
    "This sale cannot be concluded before {earliest}: the customer was given the product "
    "information on {given}, and {days} clear days must pass.",
    "Questa vendita non può essere conclusa prima del {earliest}: il cliente ha ricevuto "
    "le informazioni il {given} e devono trascorrere {days} giorni interi.",
)
register(
    "sale_waiver_too_early",
    "Even when the customer starts the sale themselves, it cannot be concluded before "
    "{earliest}, the day after the product information was given.",
    "Anche se è il cliente ad avviare la vendita, non si può concludere prima del "
    "{earliest}, il giorno dopo la consegna delle informazioni.",
)


@dataclass(frozen=True)
class SaleTiming:
    information_given_on: date | None
    sale_date: date
    customer_initiated: bool = False  # the customer started the sale and confirmed it in writing


@dataclass(frozen=True)
class DeferralRule:
    clear_days: int = 0
    waiver_after_days: int = 1  # the customer may start it themselves from the day after


def earliest_sale(given_on: date, rule: DeferralRule) -> date:
    return given_on + timedelta(days=rule.clear_days + 1) if rule.clear_days else given_on


def sale_timing_refusals(timing: SaleTiming, rule: DeferralRule, lang: str = "en") -> list[Refusal]:
    """Empty when the sale may be concluded on `timing.sale_date`."""
    if timing.information_given_on is None:
        return [refusal("information_not_given", lang)]
    given = timing.information_given_on
    earliest = earliest_sale(given, rule)
    if timing.sale_date >= earliest:
        return []
    if timing.customer_initiated:
        waiver_from = given + timedelta(days=rule.waiver_after_days)
        if timing.sale_date >= waiver_from:
            return []
        return [refusal("sale_waiver_too_early", lang, earliest=_day(waiver_from))]
    return [
        refusal(
            "sale_deferred", lang, earliest=_day(earliest), given=_day(given),
            days=rule.clear_days,
        )
    ]  # fmt: skip


def _day(day: date) -> str:  # the UK, Italy and Australia all write 05/03/2026
    return day.strftime("%d/%m/%Y")
