"""Shared pieces of the rules: refusals, money, dates."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .messages import text

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class InvalidInput(ValueError):
    """Input the rules cannot work with; the API answers 400 with `field` as the key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Refusal:
    """Why something cannot be sold or paid: a stable code for systems and a sentence a
    member of staff can read to the customer, in the market's language."""

    code: str
    message: str


def refusal(code: str, lang: str = "en", **params: object) -> Refusal:
    return Refusal(code, text(code, lang, **params))


def floor_zero(amount: Decimal) -> Decimal:
    return amount if amount > 0 else ZERO


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February (API.md's reading)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def more_than_years_old(first: date, on: date, years: int) -> bool:
    """'More than N years old': `on` is after the Nth anniversary of `first`."""
    try:
        anniversary = add_years(first, years)
    except ValueError:  # after the year 9999: no date is later
        return False
    return on > anniversary
