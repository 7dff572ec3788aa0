"""The GAP sale deferral (ICOBS 6A.1 as the issue states it): two clear days after the
information, or from the day after when the customer starts the sale and confirms it."""

from datetime import date

import pytest

from policies.rules.sale_timing import DeferralRule, SaleTiming, sale_timing_refusals

GAP = DeferralRule(clear_days=2, waiver_after_days=1)
GIVEN = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("sale_date", "customer_initiated", "allowed"),
    [
        (date(2026, 3, 2), False, False),  # the same day
        (date(2026, 3, 3), False, False),  # first clear day
        (date(2026, 3, 4), False, False),  # second clear day
        (date(2026, 3, 5), False, True),  # two clear days have passed
        (date(2026, 3, 2), True, False),  # even the customer cannot on the same day
        (date(2026, 3, 3), True, True),  # the day after, started by the customer
        (date(2026, 3, 4), True, True),
    ],
)
def test_a_gap_sale_waits_two_clear_days_unless_the_customer_starts_it(
    sale_date, customer_initiated, allowed
):
    refusals = sale_timing_refusals(SaleTiming(GIVEN, sale_date, customer_initiated), GAP)
    assert (refusals == []) is allowed


def test_the_refusal_names_the_first_day_the_sale_can_be_concluded():
    (refusal,) = sale_timing_refusals(SaleTiming(GIVEN, date(2026, 3, 3)), GAP)
    assert refusal.code == "sale_deferred"
    assert "05/03/2026" in refusal.message and "02/03/2026" in refusal.message


def test_the_refusal_reads_in_italian_for_italian_staff():
    (refusal,) = sale_timing_refusals(SaleTiming(GIVEN, date(2026, 3, 3)), GAP, "it")
    assert refusal.message.startswith("Questa vendita non può essere conclusa prima del 05/03/2026")


def test_without_a_deferral_the_sale_may_follow_the_information_at_once():
    assert sale_timing_refusals(SaleTiming(GIVEN, GIVEN), DeferralRule(clear_days=0)) == []


def test_no_sale_without_the_information_given():
    (refusal,) = sale_timing_refusals(SaleTiming(None, GIVEN), DeferralRule(clear_days=0))
    assert refusal.code == "information_not_given"


def test_a_longer_deferral_set_by_head_office_is_followed():
    rule = DeferralRule(clear_days=3, waiver_after_days=2)
    assert sale_timing_refusals(SaleTiming(GIVEN, date(2026, 3, 5)), rule)
    assert not sale_timing_refusals(SaleTiming(GIVEN, date(2026, 3, 6)), rule)
    assert sale_timing_refusals(SaleTiming(GIVEN, date(2026, 3, 3), True), rule)
    assert not sale_timing_refusals(SaleTiming(GIVEN, date(2026, 3, 4), True), rule)
