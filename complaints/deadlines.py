"""A complaint's deadlines, worked out from its market's rule (complaints.models.
ComplaintRule, data head office edits) and that market's public holidays.

Pure Python over dates: the calendar comes from the `holidays` library (a country and,
where holidays differ inside it, a subdivision: England's bank holidays, an Australian
state's), never from a list kept here.

A business day is a weekday that is not a public holiday. "By the end of the third
business day after receipt" (FCA DISP 1.5.2R) counts the business days that follow the
day of receipt: a complaint received on Friday 28 August 2026, before the August bank
holiday, is due by Thursday 3 September (Tuesday, Wednesday, Thursday). A period in
calendar days (8 weeks, 45 days, 30 days) counts every day and ends on the last one.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

CALENDAR, BUSINESS = "calendar", "business"


@dataclass(frozen=True)
class Period:
    days: int
    unit: str = CALENDAR  # or BUSINESS


@dataclass(frozen=True)
class RuleTerms:
    """What a market's rule says, as numbers: each period None where the rule sets none."""

    acknowledge: Period | None
    summary_resolution: Period | None
    final_response: Period
    country: str
    subdivision: str = ""


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: date | None
    resolve_by: date | None  # the summary resolution's last day (UK)
    respond_by: date


@lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str, year: int) -> frozenset[date]:
    days = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return frozenset(days)


def is_business_day(day: date, country: str, subdivision: str = "") -> bool:
    return day.weekday() < 5 and day not in _calendar(country, subdivision, day.year)


def add_business_days(day: date, n: int, country: str, subdivision: str = "") -> date:
    """The n-th business day after `day` (n >= 1); `day` itself never counts."""
    if n < 1:
        raise ValueError("count at least one business day")
    while n:
        day += timedelta(days=1)
        if is_business_day(day, country, subdivision):
            n -= 1
    return day


def end_of(period: Period, received: date, country: str, subdivision: str = "") -> date:
    if period.unit == BUSINESS:
        return add_business_days(received, period.days, country, subdivision)
    return received + timedelta(days=period.days)


def deadlines(terms: RuleTerms, received: date) -> Deadlines:
    def end(period: Period | None) -> date | None:
        return None if period is None else end_of(period, received, terms.country,
                                                   terms.subdivision)  # fmt: skip

    respond_by = end_of(terms.final_response, received, terms.country, terms.subdivision)
    return Deadlines(end(terms.acknowledge), end(terms.summary_resolution), respond_by)


def valid_subdivision(country: str, subdivision: str) -> bool:
    """Whether the library knows `subdivision` in `country` (an AU dealer's state)."""
    return subdivision in holidays.country_holidays(country).subdivisions
