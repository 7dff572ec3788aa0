"""Key Protect, the key cover of Lexus Motor Insurance (PRODUCTS.md §3, seed 002).

Expected figures are worked out by hand from the sources, never by the code under test.
"""

from datetime import datetime, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.motor_key_protect import (
    KeyCost,
    KeyEvent,
    KeyProtectClaim,
    KeyProtectItem,
    assess_key_protect,
)

FOUND = datetime(2025, 5, 1, 9, 0)


def key_claim(*items, event=KeyEvent.DAMAGED, paid=D("0"), **times):
    return KeyProtectClaim(
        event,
        FOUND,
        times.get("reported", FOUND),
        tuple(items),
        police_reported_at=times.get("police"),
        key_found_at=times.get("key_found"),
        paid_in_period=paid,
    )


def item(cost, amount, units=1, broken=False):
    return KeyProtectItem(cost, D(amount), units, broken)


LOCKSMITH, LOCKS, KEYS = KeyCost.LOCKSMITH, KeyCost.NEW_LOCKS, KeyCost.REPLACEMENT_KEYS
TRANSPORT, HIRE, ROOM = KeyCost.ONWARD_TRANSPORT, KeyCost.VEHICLE_HIRE, KeyCost.ACCOMMODATION


@pytest.mark.parametrize(
    ("claimed", "payable", "codes"),
    [
        (item(LOCKSMITH, "80"), "80.00", []),
        (item(LOCKSMITH, "80", broken=True), "50.00", ["key_protect_locksmith_limit"]),
        (item(LOCKSMITH, "50", broken=True), "50.00", []),
        (item(LOCKSMITH, "50.01", broken=True), "50.00", ["key_protect_locksmith_limit"]),
        (item(LOCKS, "600"), "600.00", []),
        (item(KEYS, "150", 2), "300.00", []),
        (item(KEYS, "150", 3), "300.00", ["key_protect_keys_per_lock"]),
        (item(TRANSPORT, "75", 3), "225.00", []),
        (item(TRANSPORT, "75.01", 3), "225.00", ["key_protect_daily_limit"]),
        (item(TRANSPORT, "60", 4), "180.00", ["key_protect_days_limit"]),
        (item(HIRE, "40", 3), "120.00", []),
        (item(HIRE, "45", 4), "120.00", ["key_protect_daily_limit", "key_protect_days_limit"]),
        (item(ROOM, "120"), "120.00", []),
        (item(ROOM, "150"), "120.00", ["key_protect_accommodation_limit"]),
        (item(ROOM, "70", 2), "120.00", ["key_protect_accommodation_limit"]),
    ],
)
def test_each_key_protect_cost_is_paid_within_its_limit(claimed, payable, codes):
    assessment = assess_key_protect(key_claim(claimed))
    [line] = assessment.lines
    assert line.payable == D(payable)
    assert [r.code for r in line.refusals] == codes
    assert assessment.total == D(payable)  # no excess on Key Protect


def test_two_locks_get_two_keys_each():
    assessment = assess_key_protect(key_claim(item(KEYS, "100", 2), item(KEYS, "100", 3)))
    assert [line.payable for line in assessment.lines] == [D("200.00"), D("200.00")]


def test_the_three_days_are_shared_between_items_of_the_same_cost():
    assessment = assess_key_protect(key_claim(item(TRANSPORT, "50", 2), item(TRANSPORT, "50", 2)))
    assert [line.payable for line in assessment.lines] == [D("100.00"), D("50.00")]


def test_accommodation_is_limited_per_event_across_items():
    assessment = assess_key_protect(key_claim(item(ROOM, "80"), item(ROOM, "80")))
    assert [line.payable for line in assessment.lines] == [D("80.00"), D("40.00")]


@pytest.mark.parametrize(
    ("transport", "hire", "paid"),
    [
        (item(TRANSPORT, "50", 2), item(HIRE, "40", 3), ["0.00", "120.00"]),  # 100 vs 120
        (item(TRANSPORT, "75", 3), item(HIRE, "40", 3), ["225.00", "0.00"]),  # 225 vs 120
        (item(TRANSPORT, "40", 3), item(HIRE, "40", 3), ["120.00", "0.00"]),  # tie
    ],
)
def test_onward_transport_or_vehicle_hire_is_paid_not_both(transport, hire, paid):
    assessment = assess_key_protect(key_claim(transport, hire))
    assert [line.payable for line in assessment.lines] == [D(p) for p in paid]
    refused = [line for line in assessment.lines if line.payable == 0]
    assert [r.code for r in refused[0].refusals] == ["key_protect_transport_or_hire"]


@pytest.mark.parametrize(
    ("paid_before", "items", "total"),
    [
        ("0", [item(LOCKS, "1000"), item(KEYS, "300", 2)], "1500.00"),  # 1,600 claimed
        ("1400", [item(KEYS, "100", 2)], "100.00"),
        ("1500", [item(KEYS, "100", 2)], "0.00"),
        ("1600", [item(KEYS, "100", 2)], "0.00"),
        ("1000", [item(LOCKS, "450"), item(LOCKSMITH, "80")], "500.00"),  # 530 claimed
    ],
)
def test_the_cover_limit_is_1500_a_period_less_what_was_paid(paid_before, items, total):
    assessment = assess_key_protect(key_claim(*items, paid=D(paid_before)))
    assert assessment.total == D(total)
    assert "key_protect_cover_limit" in [r.code for r in assessment.lines[-1].refusals]


HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("event", "times", "codes"),
    [
        (KeyEvent.DAMAGED, {"reported": FOUND + timedelta(days=30)}, []),
        (
            KeyEvent.DAMAGED,
            {"reported": FOUND + timedelta(days=30, minutes=1)},
            ["key_protect_reported_late"],
        ),
        (KeyEvent.LOST, {"police": FOUND + 48 * HOUR}, []),
        (KeyEvent.LOST, {"police": FOUND + 49 * HOUR}, ["key_protect_police_late"]),
        (KeyEvent.STOLEN, {}, ["key_protect_police_late"]),  # never told the police
        (KeyEvent.LOCKED_IN, {}, []),  # no police report needed
        (
            KeyEvent.LOST,
            {"police": FOUND, "key_found": FOUND + 47 * HOUR},
            ["key_protect_found_in_waiting_period"],
        ),
        (KeyEvent.LOST, {"police": FOUND, "key_found": FOUND + 49 * HOUR}, []),
    ],
)
def test_late_reports_and_keys_found_while_waiting_are_not_paid(event, times, codes):
    assessment = assess_key_protect(key_claim(item(LOCKS, "200"), event=event, **times))
    assert [r.code for r in assessment.refusals] == codes
    assert assessment.total == (D("0.00") if codes else D("200.00"))


amounts = st.decimals(min_value=0, max_value=2_000, places=2)
items = st.builds(
    KeyProtectItem, st.sampled_from(list(KeyCost)), amounts, st.integers(1, 6), st.booleans()
)


@given(claimed=st.lists(items, max_size=6), paid=amounts)
def test_key_protect_never_pays_more_than_claimed_or_what_is_left_of_the_limit(claimed, paid):
    assessment = assess_key_protect(key_claim(*claimed, paid=paid))
    assert D("0") <= assessment.total <= max(D("1500") - paid, D("0"))
    assert all(D("0") <= line.payable <= line.claimed for line in assessment.lines)
