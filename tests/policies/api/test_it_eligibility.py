"""POST /api/v1/calculations/it-eligibility: can a Furto e Danni package be sold, and for
what insured value (API.md it-eligibility, PRODUCTS.md §4)."""

import pytest
from rest_framework.test import APIClient

from .helpers import assert_bad_input, is_money, post

pytestmark = pytest.mark.django_db

NEW_CAR = {  # registered in June, sold in November: new
    "package": "blu",
    "options": [],
    "vehicle_type": "autovettura",
    "first_registration": "2026-06-01",
    "sale_date": "2026-11-22",
    "invoice_price": "40000.00",
    "duration_years": 3,
}
SIX_YEARS_OLD = {"first_registration": "2020-11-01", "market_value": "15000"}
ELEVEN_YEARS_OLD = {"first_registration": "2015-11-01", "market_value": "8000"}
CODES = [
    "target_market",
    "vehicle_too_old",
    "value_too_low",
    "kasko_too_old",
    "restart_not_allowed",
    "kasko_finanziaria_not_allowed",
    "option_requires",
    "option_not_in_package",
]


def assess(client, **change):
    response = post(client, "it-eligibility", {**NEW_CAR, **change})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "EUR"
    assert is_money(body["insured_value"])
    assert body["eligible"] is (body["refusals"] == [])
    for refusal in body["refusals"]:
        assert refusal["code"] in CODES and refusal["message"]
    return body


def codes(body):
    return [r["code"] for r in body["refusals"]]


def test_a_new_car_can_be_insured_for_its_invoice_price(api):
    body = assess(api)
    assert body["eligible"] is True
    assert (body["vehicle_condition"], body["insured_value"]) == ("new", "40000.00")
    assert body["refusals"] == []


def test_a_taxi_is_in_the_target_market(api):
    assert assess(api, vehicle_type="autotassametro")["eligible"] is True


@pytest.mark.parametrize(
    ("first_registration", "market_value", "condition"),
    [
        ("2025-11-22", None, "new"),  # 365 days before the sale
        ("2025-11-21", "40000", "used"),  # 366 days
    ],
)
def test_a_vehicle_is_used_when_registered_more_than_365_days_before_the_sale(
    api, first_registration, market_value, condition
):
    change = {"first_registration": first_registration}
    if market_value:
        change["market_value"] = market_value
    assert assess(api, **change)["vehicle_condition"] == condition


@pytest.mark.parametrize(
    ("invoice_price", "market_value", "insured_value"),
    [
        ("30000", "20000", "24000.00"),  # capped at 120% of 20,000
        ("20000", "20000", "20000.00"),  # the invoice price is below the cap
        ("24000.01", "20000", "24000.00"),
        ("30000", "20000.05", "24000.06"),  # 120% of 20,000.05 = 24,000.06
    ],
)
def test_a_used_vehicle_is_insured_for_at_most_120_percent_of_its_market_value(
    api, invoice_price, market_value, insured_value
):
    body = assess(
        api,
        first_registration="2024-01-10",
        invoice_price=invoice_price,
        market_value=market_value,
    )
    assert (body["vehicle_condition"], body["insured_value"]) == ("used", insured_value)
    assert body["eligible"] is True


def test_a_motorbike_is_outside_the_target_market(api):
    body = assess(api, vehicle_type="motociclo")
    assert (body["eligible"], codes(body)) == (False, ["target_market"])


@pytest.mark.parametrize(
    ("first_registration", "sale_date", "too_old"),
    [
        ("2016-11-22", "2026-11-22", False),  # the 10th anniversary itself
        ("2016-11-21", "2026-11-22", True),
        ("2016-02-29", "2026-02-28", False),  # 29 February counts from 28 February
        ("2016-02-29", "2026-03-01", True),
    ],
)
def test_a_vehicle_more_than_ten_years_old_cannot_be_insured(
    api, first_registration, sale_date, too_old
):
    body = assess(
        api, first_registration=first_registration, sale_date=sale_date, market_value="9000"
    )
    assert codes(body) == (["vehicle_too_old"] if too_old else [])


@pytest.mark.parametrize(
    ("change", "insured_value", "too_low"),
    [
        ({"invoice_price": "3999.99"}, "3999.99", True),
        ({"invoice_price": "4000.00"}, "4000.00", False),
        # Used: 120% of 3,000 = 3,600 although the invoice says 5,000.
        ({"invoice_price": "5000", "first_registration": "2022-01-01", "market_value": "3000"},
         "3600.00", True),
    ],
)  # fmt: skip
def test_an_insured_value_below_4000_is_refused(api, change, insured_value, too_low):
    body = assess(api, **change)
    assert body["insured_value"] == insured_value
    assert codes(body) == (["value_too_low"] if too_low else [])


@pytest.mark.parametrize(
    "option", ["kasko_premium", "kasko_base", "collisione_premium", "collisione_base"]
)
def test_kasko_and_collisione_are_refused_on_a_six_year_old_car(api, option):
    body = assess(api, **SIX_YEARS_OLD, options=[option])
    assert codes(body) == ["kasko_too_old"]


def test_kasko_is_sold_on_a_five_year_old_car(api):
    body = assess(
        api, first_registration="2021-11-22", market_value="15000", options=["kasko_premium"]
    )
    assert body["eligible"] is True


def test_restart_is_refused_on_a_used_car_more_than_five_years_old(api):
    body = assess(api, **SIX_YEARS_OLD, options=["restart_10k"])
    assert codes(body) == ["restart_not_allowed"]


def test_restart_is_refused_on_a_policy_longer_than_four_years(api):
    assert codes(assess(api, options=["restart_20k"], duration_years=5)) == ["restart_not_allowed"]
    assert assess(api, options=["restart_20k"], duration_years=4)["eligible"] is True


@pytest.mark.parametrize(
    ("change", "allowed"),
    [
        ({"financed_by_lfs": True}, True),
        ({"financed_by_lfs": False}, False),
        ({"financed_by_lfs": True, "first_registration": "2024-01-10", "market_value": "40000"},
         False),
    ],
)  # fmt: skip
def test_kasko_finanziaria_is_only_for_new_cars_financed_by_lfs(api, change, allowed):
    body = assess(api, options=["kasko_finanziaria"], **change)
    assert codes(body) == ([] if allowed else ["kasko_finanziaria_not_allowed"])


@pytest.mark.parametrize("package", ["rosso", "giallo"])
def test_kasko_finanziaria_is_only_in_the_blu_package(api, package):
    body = assess(api, package=package, options=["kasko_finanziaria"], financed_by_lfs=True)
    assert codes(body) == ["option_not_in_package"]


def test_fattura_rimborsata_needs_protezione_franchigia(api):
    assert codes(assess(api, options=["fattura_rimborsata"])) == ["option_requires"]
    both = assess(api, options=["fattura_rimborsata", "protezione_franchigia"])
    assert both["eligible"] is True


def test_every_refusal_code_appears_once_however_many_rules_break_it(api):
    body = assess(
        api,
        package="rosso",
        vehicle_type="motociclo",
        **ELEVEN_YEARS_OLD,
        invoice_price="3000",
        duration_years=5,
        options=[
            "kasko_premium",
            "collisione_base",
            "restart_10k",
            "restart_20k",
            "kasko_finanziaria",
            "fattura_rimborsata",
        ],
    )
    assert body["eligible"] is False
    assert sorted(codes(body)) == sorted(CODES)


def test_italian_staff_read_the_refusals_in_italian(api, italian_session):
    change = {"vehicle_type": "motociclo", **SIX_YEARS_OLD, "options": ["kasko_base"]}
    english = assess(api, **change)["refusals"]
    italian = assess(italian_session, **change)["refusals"]
    assert [r["code"] for r in italian] == [r["code"] for r in english]
    for it, en in zip(italian, english, strict=True):
        assert it["message"] != en["message"]
    target, kasko = (r["message"] for r in italian)
    assert "veicolo" in target
    assert "Kasko" in kasko and "anni" in kasko


def test_head_office_gets_italian_by_asking_for_it(head_office):
    client = APIClient()
    client.force_login(head_office)
    body = {**NEW_CAR, "vehicle_type": "motociclo"}
    response = client.post(
        "/api/v1/calculations/it-eligibility", body, format="json", HTTP_ACCEPT_LANGUAGE="it"
    )
    assert "veicolo" in response.json()["refusals"][0]["message"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"package": None}, "package"),
        ({"package": "verde"}, "package"),
        ({"options": ["kasko_totale"]}, "options"),
        ({"options": "kasko_premium"}, "options"),
        ({"vehicle_type": None}, "vehicle_type"),
        ({"first_registration": None}, "first_registration"),
        ({"first_registration": "2026-13-01"}, "first_registration"),
        ({"first_registration": "2026-11-23"}, "first_registration"),  # after the sale
        ({"sale_date": None}, "sale_date"),
        ({"sale_date": "22/11/2026"}, "sale_date"),
        ({"invoice_price": None}, "invoice_price"),
        ({"invoice_price": "-40000"}, "invoice_price"),
        ({"invoice_price": "40000.999"}, "invoice_price"),
        ({"first_registration": "2024-01-10"}, "market_value"),  # used, no market value
        ({"first_registration": "2024-01-10", "market_value": "-1"}, "market_value"),
        ({"duration_years": 0}, "duration_years"),
        ({"duration_years": 6}, "duration_years"),
        ({"duration_years": None}, "duration_years"),
        ({"financed_by_lfs": "maybe"}, "financed_by_lfs"),
    ],
)
def test_bad_eligibility_input_is_refused_on_its_field(api, change, field):
    body = {k: v for k, v in {**NEW_CAR, **change}.items() if v is not None}
    assert_bad_input(post(api, "it-eligibility", body), field)


def test_an_italian_salesperson_uses_the_same_figures(italian_session):
    body = assess(italian_session, first_registration="2024-01-10", market_value="20000",
                  invoice_price="30000")  # fmt: skip
    assert (body["vehicle_condition"], body["insured_value"]) == ("used", "24000.00")


def test_options_default_to_none_when_left_out(api):
    body = {k: v for k, v in NEW_CAR.items() if k != "options"}
    response = post(api, "it-eligibility", body)
    assert response.status_code == 200, response.content
    assert response.json()["eligible"] is True
    used = {**body, **SIX_YEARS_OLD, "duration_years": 5}  # what an option would refuse
    assert post(api, "it-eligibility", used).json()["refusals"] == []
