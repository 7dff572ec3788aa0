"""Deadlines against the markets' calendars, worked by hand from the rules and the 2026
public holidays (weekends and holidays not counted as business days):

UK (DISP 1.5.2R / 1.6.2R, England): Friday 28 August 2026 is the Friday before the late
summer bank holiday, Monday 31 August. Business days after it: Tue 1, Wed 2, Thu 3 Sep,
so the summary resolution is due Thursday 3 September; eight weeks (56 days) from 28
August is Friday 23 October.
Italy (IVASS, 45 calendar days): received Friday 4 December 2026 (Tuesday 8 December is
the Immacolata): 4 December + 45 days = Monday 18 January 2027; holidays do not move it.
Australia (RG 271, NSW): received Friday 5 June 2026 before the King's Birthday, Monday
8 June: acknowledged by Tuesday 9 June; 30 calendar days: Sunday 5 July.
"""

from datetime import date

import pytest

from complaints.deadlines import (
    BUSINESS,
    Period,
    RuleTerms,
    add_business_days,
    deadlines,
    is_business_day,
)

UK = RuleTerms(None, Period(3, BUSINESS), Period(56), "GB", "ENG")
IT = RuleTerms(None, None, Period(45), "IT")
AU = RuleTerms(Period(1, BUSINESS), None, Period(30), "AU", "NSW")


def test_a_uk_complaint_received_on_the_friday_before_a_bank_holiday():
    due = deadlines(UK, date(2026, 8, 28))
    assert due.acknowledge_by is None
    assert due.resolve_by == date(2026, 9, 3)
    assert due.respond_by == date(2026, 10, 23)


def test_a_uk_complaint_received_on_an_ordinary_monday_is_resolved_by_thursday():
    assert deadlines(UK, date(2026, 11, 16)).resolve_by == date(2026, 11, 19)


def test_christmas_and_boxing_day_observed_are_not_business_days_in_england():
    # Wed 23 Dec 2026: Thu 24 (1), [Fri 25, Sat 26, Sun 27, Mon 28 observed], Tue 29 (2),
    # Wed 30 (3)
    assert deadlines(UK, date(2026, 12, 23)).resolve_by == date(2026, 12, 30)


def test_scotland_keeps_its_own_bank_holidays():
    # 2 January is a bank holiday in Scotland, not in England
    assert not is_business_day(date(2026, 1, 2), "GB", "SCT")
    assert is_business_day(date(2026, 1, 2), "GB", "ENG")


def test_an_italian_complaint_is_answered_within_45_calendar_days():
    due = deadlines(IT, date(2026, 12, 4))
    assert (due.acknowledge_by, due.resolve_by) == (None, None)
    assert due.respond_by == date(2027, 1, 18)


def test_an_australian_complaint_received_before_a_state_holiday():
    due = deadlines(AU, date(2026, 6, 5))
    assert due.acknowledge_by == date(2026, 6, 9)
    assert due.respond_by == date(2026, 7, 5)


def test_the_kings_birthday_is_a_business_day_in_western_australia_in_june():
    # WA keeps the King's Birthday in September: Monday 8 June is a business day there
    wa = RuleTerms(Period(1, BUSINESS), None, Period(30), "AU", "WA")
    assert deadlines(wa, date(2026, 6, 5)).acknowledge_by == date(2026, 6, 8)


def test_a_complaint_received_on_a_saturday_counts_from_monday():
    # Sat 7 Nov 2026: Mon 9 (1), Tue 10 (2), Wed 11 (3)
    assert deadlines(UK, date(2026, 11, 7)).resolve_by == date(2026, 11, 11)


def test_no_business_days_is_refused():
    with pytest.raises(ValueError):
        add_business_days(date(2026, 1, 5), 0, "GB", "ENG")
