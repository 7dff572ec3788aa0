"""Lexus SMART Cover (PRODUCTS.md §2, API.md cancellation-refund smart-cover, seed 000).

Expected figures are worked out by hand from the sources, never by the code under test.
"""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.smart_cover import (
    Cancellation,
    DamageKind,
    InvalidCancellation,
    InvalidSmartClaim,
    SmartCoverParams,
    SmartCoverSale,
    SmartDamage,
    assess_damage,
    smart_cover_refund,
    smart_cover_sale_refusals,
)

DELIVERY = date(2025, 6, 10)
AWARE = date(2025, 7, 1)
WIDE, DEEP, LATE = "smart_cover_too_wide", "smart_cover_too_deep", "smart_cover_reported_late"
PANEL_RULE = "smart_cover_scratch_scuff_dent_limits"
CHIP_RULE = "smart_cover_stone_chip_limits"


@pytest.mark.parametrize(
    ("sale_date", "codes"),
    [
        (date(2025, 5, 1), []),
        (date(2025, 6, 9), []),  # the day before delivery
        (date(2025, 6, 10), ["smart_cover_after_delivery"]),  # delivery day: too late
        (date(2025, 6, 11), ["smart_cover_after_delivery"]),
    ],
)
def test_smart_cover_is_sold_only_before_delivery(sale_date, codes):
    sale = SmartCoverSale(sale_date, DELIVERY, term_months=36)
    assert [r.code for r in smart_cover_sale_refusals(sale)] == codes


@pytest.mark.parametrize(
    ("term", "allowed"),
    [(12, True), (24, True), (36, True), (48, True), (60, True), (0, False), (18, False)]
    + [(72, False)],
)
def test_smart_cover_is_sold_for_the_terms_of_the_reading(term, allowed):
    sale = SmartCoverSale(date(2025, 5, 1), DELIVERY, term)
    codes = [r.code for r in smart_cover_sale_refusals(sale)]
    assert codes == ([] if allowed else ["smart_cover_term_not_offered"])


def test_head_office_can_change_the_terms_on_offer():
    params = SmartCoverParams(terms_months=(36,))
    assert smart_cover_sale_refusals(SmartCoverSale(date(2025, 5, 1), DELIVERY, 36), params) == []
    refused = smart_cover_sale_refusals(SmartCoverSale(date(2025, 5, 1), DELIVERY, 12), params)
    assert [r.code for r in refused] == ["smart_cover_term_not_offered"]


def test_a_late_sale_with_a_wrong_term_gets_both_refusals():
    sale = SmartCoverSale(DELIVERY, DELIVERY, 18)
    codes = [r.code for r in smart_cover_sale_refusals(sale)]
    assert codes == ["smart_cover_after_delivery", "smart_cover_term_not_offered"]


# scratches, scuffs, dents: up to 300 mm across and 3 mm deep;
# stone chips: up to 5 mm across and 1.5 mm deep.
@pytest.mark.parametrize(
    ("kind", "diameter", "depth", "codes", "rule"),
    [
        (DamageKind.DENT, "300", "3", [], PANEL_RULE),
        (DamageKind.DENT, "300.1", "3", [WIDE], PANEL_RULE),
        (DamageKind.DENT, "300", "3.1", [DEEP], PANEL_RULE),
        (DamageKind.SCRATCH, "300", "3", [], PANEL_RULE),
        (DamageKind.SCRATCH, "301", "3", [WIDE], PANEL_RULE),
        (DamageKind.SCUFF, "300", "3", [], PANEL_RULE),
        (DamageKind.SCUFF, "300.01", "3.01", [WIDE, DEEP], PANEL_RULE),
        (DamageKind.STONE_CHIP, "5", "1.5", [], CHIP_RULE),
        (DamageKind.STONE_CHIP, "5.1", "1.5", [WIDE], CHIP_RULE),
        (DamageKind.STONE_CHIP, "5", "1.6", [DEEP], CHIP_RULE),
        (DamageKind.STONE_CHIP, "10", "1", [WIDE], CHIP_RULE),  # chips use the chip limits
        (DamageKind.STONE_CHIP, "6", "2", [WIDE, DEEP], CHIP_RULE),
    ],
)
def test_damage_is_covered_up_to_the_size_limits_of_its_kind(kind, diameter, depth, codes, rule):
    verdict = assess_damage(SmartDamage(kind, D(diameter), D(depth), AWARE, AWARE))
    assert verdict.covered is (not codes)
    assert [r.code for r in verdict.refusals] == codes
    assert verdict.rule == rule


@pytest.mark.parametrize(
    ("kind", "diameter", "depth", "limit_text"),
    [
        (DamageKind.DENT, "320", "2", "300 mm in diameter"),
        (DamageKind.DENT, "200", "4", "3 mm deep"),
        (DamageKind.STONE_CHIP, "6", "1", "5 mm in diameter"),
        (DamageKind.STONE_CHIP, "4", "2", "1.5 mm deep"),
    ],
)
def test_the_declined_reason_names_the_limit(kind, diameter, depth, limit_text):
    verdict = assess_damage(SmartDamage(kind, D(diameter), D(depth), AWARE, AWARE))
    assert limit_text in verdict.refusals[0].message


@pytest.mark.parametrize(("days", "covered"), [(0, True), (30, True), (31, False), (90, False)])
def test_damage_must_be_reported_within_30_days_of_becoming_aware(days, covered):
    reported = AWARE + timedelta(days=days)
    verdict = assess_damage(SmartDamage(DamageKind.DENT, D("50"), D("1"), AWARE, reported))
    assert verdict.covered is covered
    if not covered:
        assert [r.code for r in verdict.refusals] == [LATE]
        assert verdict.rule == LATE
        assert "30 days" in verdict.refusals[0].message


def test_damage_too_large_and_reported_late_lists_both_reasons():
    damage = SmartDamage(DamageKind.DENT, D("400"), D("1"), AWARE, AWARE + timedelta(days=40))
    verdict = assess_damage(damage)
    assert [r.code for r in verdict.refusals] == [WIDE, LATE]
    assert verdict.rule == PANEL_RULE


def test_damage_cannot_be_reported_before_the_customer_knew_of_it():
    with pytest.raises(InvalidSmartClaim):
        assess_damage(SmartDamage(DamageKind.DENT, D("1"), D("1"), AWARE, AWARE - timedelta(1)))


START, END = date(2025, 1, 1), date(2026, 1, 1)  # 365 days


# full refund to day 14 with no claim; then premium x days left / 365 - 29.99; a claim: 0
@pytest.mark.parametrize(
    ("premium", "cancel", "claim", "refund", "fee"),
    [
        ("365", date(2025, 1, 1), False, "365.00", "0.00"),
        ("365", date(2025, 1, 15), False, "365.00", "0.00"),  # day 14: still full
        ("365", date(2025, 1, 16), False, "320.01", "29.99"),  # day 15: 350 - 29.99
        ("365", date(2025, 7, 2), False, "153.01", "29.99"),  # 183 days left
        ("100", date(2025, 1, 16), False, "65.90", "29.99"),  # 95.8904... - 29.99
        ("365", date(2025, 12, 20), False, "0.00", "29.99"),  # 12 - 29.99, floored
        ("365", date(2026, 1, 1), False, "0.00", "29.99"),  # cancelled on the last day
        ("365", date(2025, 1, 5), True, "0.00", "0.00"),  # a claim: nothing back
        ("365", date(2025, 7, 2), True, "0.00", "0.00"),
    ],
)
def test_the_smart_cover_refund_follows_the_cancellation_terms(premium, cancel, claim, refund, fee):
    result = smart_cover_refund(Cancellation(D(premium), START, END, cancel, claim))
    assert (result.refund, result.admin_fee) == (D(refund), D(fee))
    assert result.reason


def test_the_pro_rata_refund_is_rounded_half_up_only_at_the_end():
    # 200 days; 100 left: 100.03 / 2 = 50.015, less 29.99 = 20.025 -> 20.03 (half-up)
    cancellation = Cancellation(D("100.03"), START, date(2025, 7, 20), date(2025, 4, 11), False)
    assert smart_cover_refund(cancellation).refund == D("20.03")


def test_the_administration_fee_is_data():
    result = smart_cover_refund(
        Cancellation(D("365"), START, END, date(2025, 1, 16), False), D("10")
    )
    assert (result.refund, result.admin_fee) == (D("340.00"), D("10.00"))


@pytest.mark.parametrize(
    ("premium", "start", "end", "cancel"),
    [
        ("365", START, END, date(2024, 12, 31)),  # before the start
        ("365", START, END, date(2026, 1, 2)),  # after the end
        ("365", START, START, START),  # an empty period
        ("-1", START, END, date(2025, 2, 1)),
    ],
)
def test_impossible_cancellations_are_bad_input(premium, start, end, cancel):
    with pytest.raises(InvalidCancellation):
        smart_cover_refund(Cancellation(D(premium), start, end, cancel, False))


def test_a_negative_administration_fee_is_bad_input():
    with pytest.raises(InvalidCancellation):
        smart_cover_refund(Cancellation(D("365"), START, END, date(2025, 3, 1), False), D("-1"))


@given(
    premium=st.decimals(min_value=0, max_value=100_000, places=2),
    length=st.integers(1, 5 * 366),
    data=st.data(),
    claim=st.booleans(),
    fee=st.decimals(min_value=0, max_value=1_000, places=2),
)
def test_the_refund_is_never_negative_nor_more_than_the_premium(premium, length, data, claim, fee):
    end = START + timedelta(days=length)
    cancel = START + timedelta(days=data.draw(st.integers(0, length)))
    result = smart_cover_refund(Cancellation(premium, START, end, cancel, claim), fee)
    assert D("0") <= result.refund <= premium
