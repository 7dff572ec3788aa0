"""Every date the API takes is checked against the calendar (issue 17; dealers/
plausibility.py): year 1, year 9999, a sale a century ago or a car registered next decade
is a 400 on its field saying which dates are allowed, on the fast path and the serializer's
alike; and no motor driver has more years of No Claim Discount than years of driving."""

from datetime import date

import pytest

from dealers import plausibility
from dealers.plausibility import years_after, years_before
from policies.api import serializers as s
from policies.api.fast import quick_validate
from policies.api.quote_endpoint import quote_request_of

from .helpers import assert_bad_input, post
from .test_cancellation_refund import SMART as REFUND
from .test_it_eligibility import NEW_CAR
from .test_quotes import QUOTES

pytestmark = pytest.mark.django_db

ABSURD = ["0001-01-01", "9999-12-31", "1800-06-01", "2150-01-01"]
CALCULATION_DATES = [
    ("it-eligibility", NEW_CAR, "first_registration"),
    ("it-eligibility", NEW_CAR, "sale_date"),
    ("cancellation-refund", REFUND, "start_date"),
    ("cancellation-refund", REFUND, "end_date"),
    ("cancellation-refund", REFUND, "cancel_date"),
]
QUOTE_DATES = [
    ("furto-danni", "first_registration"),
    ("furto-danni", "sale_date"),
    ("furto-danni", "quote_date"),
    ("smart-cover", "sale_date"),
    ("smart-cover", "delivery_date"),
    ("asset-protector", "first_registration"),
    ("motor-uk", "quote_date"),
    ("au-comprehensive", "quote_date"),
]


@pytest.mark.parametrize("day", ABSURD)
@pytest.mark.parametrize(("name", "body", "field"), CALCULATION_DATES)
def test_an_absurd_date_is_refused_by_every_calculation(api, products, name, body, field, day):
    response = post(api, name, {**body, field: day})
    assert_bad_input(response, field)


@pytest.mark.parametrize("day", ABSURD)
@pytest.mark.parametrize(("product", "field"), QUOTE_DATES)
def test_an_absurd_date_is_refused_by_every_quote(api, products, product, field, day):
    body = {"product": product, **QUOTES[product], field: day}
    response = api.post("/api/v1/quotes", body, format="json")
    assert_bad_input(response, field)


def test_the_refusal_says_which_dates_are_allowed(api):
    response = post(api, "it-eligibility", {**NEW_CAR, "sale_date": "9999-12-31"})
    (message,) = response.json()["errors"]["sale_date"]
    assert "between" in message and str(date.today().year + 1) in message
    # the API's dates are ISO, and so are the bounds it gives (deals: ten years back,
    # a year ahead), never a locale's 04/12/2027 that an outside system may misread
    today = date.today()
    earliest = years_before(today, 10).isoformat()
    latest = years_after(today, 1).isoformat()
    assert f"between {earliest} and {latest}" in message


def test_a_car_registered_a_century_ago_is_refused_but_one_of_ninety_years_is_judged(api):
    hundred_and_one = date.today().replace(year=date.today().year - 101).isoformat()
    assert_bad_input(
        post(
            api,
            "it-eligibility",
            {
                **NEW_CAR,
                "first_registration": hundred_and_one,
                "sale_date": date.today().isoformat(),
                "market_value": "5000",
            },
        ),  # fmt: skip
        "first_registration",
    )
    ninety = date.today().replace(year=date.today().year - 90).isoformat()
    response = post(api, "it-eligibility", {**NEW_CAR, "first_registration": ninety,
                                            "sale_date": date.today().isoformat(),
                                            "market_value": "5000"})  # fmt: skip
    assert response.status_code == 200
    assert "vehicle_too_old" in [r["code"] for r in response.json()["refusals"]]


@pytest.mark.parametrize(
    ("age", "ncd_years", "plausible"),
    [(42, 25, True), (42, 26, False), (17, 0, True), (17, 1, False), (20, 3, True),
     (20, 9, False), (18, 99, False)],
)  # fmt: skip
def test_no_motor_driver_has_more_years_of_ncd_than_years_of_driving(
    api, products, age, ncd_years, plausible
):
    body = {"product": "motor-uk", **QUOTES["motor-uk"], "driver_age": age, "ncd_years": ncd_years}
    response = api.post("/api/v1/quotes", body, format="json")
    if plausible:
        assert response.status_code == 200, response.content
    else:
        assert_bad_input(response, "ncd_years")
        assert f"{age}" in response.json()["errors"]["ncd_years"][0]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_fast_path_leaves_an_absurd_date_to_the_serializer(day):
    body = {**NEW_CAR, "sale_date": day}
    assert quick_validate(s.ItEligibilityRequest, body) is None
    assert quick_validate(s.ItEligibilityRequest, NEW_CAR) is not None


def test_the_fast_path_leaves_too_many_ncd_years_to_the_serializer():
    body = {"product": "motor-uk", **QUOTES["motor-uk"], "driver_age": 20, "ncd_years": 9}
    assert quick_validate(quote_request_of("motor-uk"), body) is None


def test_today_is_read_once_a_second_not_once_a_date(monkeypatch):
    reads = []
    real = plausibility.timezone.localdate
    monkeypatch.setattr(plausibility.timezone, "localdate", lambda: reads.append(1) or real())
    monkeypatch.setattr(plausibility, "_now", (-1, date.min, {}))
    monkeypatch.setattr(plausibility.time, "time", lambda: 1_800_000_000.5)
    for _ in range(100):
        quick_validate(s.ItEligibilityRequest, NEW_CAR)
    assert len(reads) == 1
    monkeypatch.setattr(plausibility.time, "time", lambda: 1_800_000_001.0)
    quick_validate(s.ItEligibilityRequest, NEW_CAR)
    assert len(reads) == 2
