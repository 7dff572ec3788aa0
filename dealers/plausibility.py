"""Plausible dates and ages. Whatever staff type or an outside system sends is checked
against the calendar before it is priced or stored, so that a slip of the keyboard (year
1 or 9999, a customer 300 years old, a loss next year) is refused with a sentence saying
what is allowed, never taken in silence.

Each kind of date has a window around today. These are sanity bounds, not product rules:
a product's own limits (a car too old for Kasko, a sale after delivery) stay with the
product and answer with its own refusal.
"""

import time
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Nothing this business records happened before 1900 or is planned after 2100: the
# window of a date no calendar rule narrows (the stateless API's dates).
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
OLDEST_PERSON = 120  # years
YOUNGEST_CUSTOMER = 16  # years: Australia licenses learners at 16, the UK at 17


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February falls back to 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: date, years: int) -> date:
    return years_before(day, -years)


def age_on(birth: date, on: date) -> int:
    """Whole years from `birth` to `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class Window:
    """How far before and after today a kind of date may fall, in years (0: not after
    today). None: the absolute bound (EARLIEST, LATEST)."""

    past: int | None
    future: int | None
    message: str

    def bounds(self, today: date) -> tuple[date, date]:
        earliest = EARLIEST if self.past is None else max(EARLIEST, years_before(today, self.past))
        latest = LATEST if self.future is None else min(LATEST, years_after(today, self.future))
        return earliest, latest


WINDOWS: dict[str, Window] = {
    # A customer or driver is between 16 and 120 years old today.
    "birth": Window(OLDEST_PERSON, -YOUNGEST_CUSTOMER,
                    _("A date of birth must give an age from %(youngest)d to %(oldest)d years: "
                      "between %(earliest)s and %(latest)s.")),
    # A car registered over a century ago is not insured here; a new car is registered
    # at the latest when it is delivered, within a year of the order.
    "first_registration": Window(100, 1, _("Enter a first registration date between "
                                           "%(earliest)s and %(latest)s.")),
    # Deals and orders: up to ten years back (records keyed in late), a year ahead.
    "deal": Window(10, 1, _("Enter a date between %(earliest)s and %(latest)s.")),
    # A delivery can be booked up to two years ahead for a car built to order.
    "delivery": Window(10, 2, _("Enter a delivery date between %(earliest)s and %(latest)s.")),
    # A loss has happened: not after today, and within the ten years a claim is kept.
    "loss": Window(10, 0, _("Enter a date between %(earliest)s and %(latest)s: it cannot be "
                            "in the future.")),
    # Any other date: the absolute window.
    "any": Window(None, None, _("Enter a date between %(earliest)s and %(latest)s.")),
}  # fmt: skip


def date_problem(
    value: date, kind: str, today: date | None = None, *, iso: bool = False
) -> str | None:
    """The sentence refusing `value` as a date of `kind`, or None when it is plausible.
    `iso`: the bounds as YYYY-MM-DD (the API, whose dates are ISO), not the locale's."""
    window = WINDOWS[kind]
    earliest, latest = window.bounds(today or timezone.localdate())
    if earliest <= value <= latest:
        return None

    def shown(day: date) -> str:
        return day.isoformat() if iso else formats.date_format(day, "SHORT_DATE_FORMAT")

    return str(window.message) % {
        "earliest": shown(earliest),
        "latest": shown(latest),
        "youngest": YOUNGEST_CUSTOMER,
        "oldest": OLDEST_PERSON,
    }


@deconstructible
class PlausibleDate:
    """A Django validator for a date of `kind` (model and form fields; migrations can
    serialise it)."""

    def __init__(self, kind: str) -> None:
        WINDOWS[kind]  # an unknown kind fails at import, not at the first bad date
        self.kind = kind

    def __call__(self, value: date | None) -> None:
        if value is not None and (problem := date_problem(value, self.kind)):
            raise ValidationError(problem, code=f"implausible_{self.kind}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlausibleDate) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(self.kind)


# Today and the window of each kind of date, worked out at most once a second. The API
# checks every date of every call, and on its fast path (policies/api/fast.py,
# bench/README.md) timezone.localdate() and the window's arithmetic for each field would
# cost more than the comparison itself. Replaced whole, so that a thread never sees one
# second's day with another second's windows.
_now: tuple[int, date, dict[str, tuple[date, date]]] = (-1, EARLIEST, {})


def _this_second() -> tuple[date, dict[str, tuple[date, date]]]:
    global _now
    now, second = _now, int(time.time())
    if now[0] != second:
        now = _now = (second, timezone.localdate(), {})
    return now[1], now[2]


def bounds_now(kind: str) -> tuple[date, date]:
    """(earliest, latest) a date of `kind` may be today."""
    today, windows = _this_second()
    bounds = windows.get(kind)
    if bounds is None:
        bounds = windows[kind] = WINDOWS[kind].bounds(today)
    return bounds


def date_problem_now(value: date, kind: str, *, iso: bool = False) -> str | None:
    """date_problem, on the day bounds_now reads: a quick check by bounds_now and the
    sentence refusing the same date never disagree."""
    earliest, latest = bounds_now(kind)
    if earliest <= value <= latest:
        return None
    return date_problem(value, kind, today=_this_second()[0], iso=iso)
