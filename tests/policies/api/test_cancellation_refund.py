"""POST /api/v1/calculations/cancellation-refund: SMART Cover and UK motor.

Pro rata by days as API.md writes it, less the configured fee (demo: SMART £29.99, motor
£35.00), floored at 0; figures worked by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies.models import Fee

from .helpers import assert_bad_input, is_money, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

SMART = {  # a 365-day SMART Cover period
    "product": "smart-cover",
    "premium": "449.00",
    "start_date": "2026-01-01",
    "end_date": "2027-01-01",
    "claim_made": False,
}
MOTOR = {  # a 365-day motor year
    "product": "motor-uk",
    "premium": "474.84",
    "start_date": "2026-03-01",
    "end_date": "2027-03-01",
    "claim_made": False,
}


def refund(api, base, **change):
    response = post(api, "cancellation-refund", {**base, **change})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "GBP"
    assert is_money(body["refund"]) and is_money(body["admin_fee"])
    assert isinstance(body["reason"], str) and body["reason"]
    return body


@pytest.mark.parametrize("cancel_date", ["2026-01-01", "2026-01-08", "2026-01-15"])
def test_smart_cover_cancelled_within_14_days_without_a_claim_refunds_in_full(api, cancel_date):
    assert refund(api, SMART, cancel_date=cancel_date)["refund"] == "449.00"


def test_smart_cover_from_day_15_refunds_pro_rata_less_29_99(api):
    body = refund(api, SMART, cancel_date="2026-01-16")
    # 449.00 x 350 / 365 = 430.5479... - 29.99 = 400.5579... -> 400.56
    assert (body["refund"], body["admin_fee"]) == ("400.56", "29.99")


def test_smart_cover_pro_rata_half_way_through_the_year(api):
    body = refund(api, SMART, cancel_date="2026-07-01")
    assert body["refund"] == "196.36"  # 449.00 x 184 / 365 - 29.99 = 196.355...


def test_smart_cover_over_several_years_counts_every_day_of_the_period(api):
    body = refund(api, SMART, premium="538.80", end_date="2029-01-01", cancel_date="2027-06-15")
    assert body["refund"] == "248.26"  # 538.80 x 566 / 1096 - 29.99 = 248.2589...


def test_smart_cover_refund_is_never_negative(api):
    body = refund(api, SMART, premium="30.00", cancel_date="2026-12-01")
    assert body["refund"] == "0.00"  # 30.00 x 31 / 365 = 2.55 < 29.99


@pytest.mark.parametrize("cancel_date", ["2026-01-10", "2026-07-01"])
def test_smart_cover_with_a_claim_refunds_nothing(api, cancel_date):
    body = refund(api, SMART, cancel_date=cancel_date, claim_made=True)
    assert body["refund"] == "0.00"


def test_motor_refunds_pro_rata_less_the_35_fee(api):
    body = refund(api, MOTOR, cancel_date="2026-09-01")
    # 474.84 x 181 / 365 = 235.4686... - 35.00 = 200.4686... -> 200.47
    assert (body["refund"], body["admin_fee"]) == ("200.47", "35.00")


def test_motor_has_no_14_day_full_refund(api):
    body = refund(api, MOTOR, cancel_date="2026-03-05")
    assert body["refund"] == "434.64"  # 474.84 x 361 / 365 - 35.00 = 434.636...


def test_motor_refund_rounds_half_up_once_at_the_end(api):
    body = refund(
        api,
        MOTOR,
        premium="100.05",
        start_date="2026-03-01",
        end_date="2026-03-11",
        cancel_date="2026-03-06",
    )
    assert body["refund"] == "15.03"  # 100.05 x 5 / 10 - 35.00 = 15.025


def test_motor_refund_on_the_last_day_is_floored_at_zero(api):
    assert refund(api, MOTOR, cancel_date="2027-03-01")["refund"] == "0.00"


def test_motor_with_a_claim_refunds_nothing(api):
    assert refund(api, MOTOR, cancel_date="2026-09-01", claim_made=True)["refund"] == "0.00"


def test_the_motor_fee_is_head_office_data_not_code(api):
    Fee.objects.filter(product__code="motor-uk", code="cancellation").update(amount="50.00")
    body = refund(api, MOTOR, cancel_date="2026-09-01")
    assert (body["refund"], body["admin_fee"]) == ("185.47", "50.00")  # 235.4686 - 50


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"product": None}, "product"),
        ({"product": "home-insurance"}, "product"),
        ({"premium": None}, "premium"),
        ({"premium": "-449.00"}, "premium"),
        ({"premium": "449.001"}, "premium"),
        ({"premium": "lots"}, "premium"),
        ({"start_date": None}, "start_date"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"start_date": "01/01/2026"}, "start_date"),
        ({"end_date": "2025-12-31"}, "end_date"),  # ends before it starts
        ({"end_date": "2026-01-01"}, "end_date"),  # ends the day it starts
        ({"cancel_date": None}, "cancel_date"),
        ({"cancel_date": "2025-12-31"}, "cancel_date"),  # before the period
        ({"cancel_date": "2027-01-02"}, "cancel_date"),  # after the period
        ({"cancel_date": 20260601}, "cancel_date"),
        ({"claim_made": None}, "claim_made"),
        ({"claim_made": "no idea"}, "claim_made"),
    ],
)
def test_bad_cancellation_input_is_refused_on_its_field(api, change, field):
    body = {
        k: v for k, v in {**SMART, "cancel_date": "2026-06-01", **change}.items() if v is not None
    }
    assert_bad_input(post(api, "cancellation-refund", body), field)


@st.composite
def cancellations(draw):
    start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    length = draw(st.integers(1, 5 * 366))
    # a cancellation date within the period and no more than a year ahead (plausible)
    latest = min(length, (date.today() + timedelta(days=360) - start).days)
    return {
        "product": draw(st.sampled_from(["smart-cover", "motor-uk"])),
        "premium": str(draw(st.decimals(min_value=0, max_value=20000, places=2))),
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=length)).isoformat(),
        "cancel_date": (start + timedelta(days=draw(st.integers(0, latest)))).isoformat(),
        "claim_made": draw(st.booleans()),
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cancellation=cancellations())
def test_a_refund_is_never_negative_nor_more_than_the_premium(api, cancellation):
    response = post(api, "cancellation-refund", cancellation)
    assert response.status_code == 200, response.content
    refunded = Decimal(response.json()["refund"])
    assert Decimal(0) <= refunded <= Decimal(cancellation["premium"])
    if cancellation["claim_made"]:
        assert refunded == 0
