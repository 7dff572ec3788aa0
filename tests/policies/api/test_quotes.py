"""POST /api/v1/quotes: each product priced from the demo rate cards, worked by hand.

Rates from the products' reference data in catalog/ (illustrative); taxes UK IPT 12% / 20%,
Italian imposta 13.5% and 10% on assistance, AU GST 10% then stamp duty on premium plus
GST (NSW 5%)."""

from decimal import Decimal

import pytest

from .helpers import assert_bad_input, is_money

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]
ON = "2026-11-22"

QUOTES = {
    "asset-protector": {"term_months": 36, "invoice_price": "32000"},
    "smart-cover": {"term_months": 36, "sale_date": "2026-11-01", "delivery_date": "2026-11-20"},
    "motor-uk": {
        "vehicle_value": "45000",
        "area": "C",
        "driver_age": 42,
        "ncd_years": 5,
        "voluntary_excess": 250,
        "options": ["legal_expenses"],
    },
    "furto-danni": {
        "package": "blu",
        "duration_years": 1,
        "vehicle_type": "autovettura",
        "first_registration": "2026-10-01",
        "sale_date": ON,
        "invoice_price": "40000",
    },
    "au-comprehensive": {"state": "NSW", "agreed_value": "60000", "youngest_driver_age": 40},
    "smart-combined-gap": {"term_months": 36, "invoice_price": "30000"},
    "smart-lease-gap": {"term_months": 36, "invoice_price": "30000"},
}
CURRENCIES = {"motor-uk": "GBP", "furto-danni": "EUR", "au-comprehensive": "AUD"}


def quote(client, product, **change):
    body = {"product": product, "quote_date": ON, **QUOTES.get(product, {}), **change}
    return client.post("/api/v1/quotes", body, format="json")


def priced(client, product, **change):
    response = quote(client, product, **change)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["eligible"] is True, body["refusals"]
    return body


def plans(body):
    return {p["plan"]: p for p in body["payment_options"]}


def summary(plan):
    return plan["net_premium"], [t["amount"] for t in plan["taxes"]], plan["total"]


@pytest.mark.parametrize("product", list(QUOTES))
def test_every_product_is_quoted_with_instalments_that_add_up_to_the_total(api, product):
    body = priced(api, product)
    assert body["product"] == product
    assert body["currency"] == CURRENCIES.get(product, "GBP")
    assert body["quote_date"] == ON
    assert body["refusals"] == []
    assert body["payment_options"]
    for plan in body["payment_options"]:
        money = [plan["net_premium"], plan["total"], plan["discount"], *plan["instalments"]]
        money += [c["amount"] for c in plan["components"]]
        money += [t["amount"] for t in plan["taxes"]] + [t["base"] for t in plan["taxes"]]
        assert all(is_money(m) for m in money), plan
        total = Decimal(plan["total"])
        assert sum(Decimal(i) for i in plan["instalments"]) == total
        taxes = sum(Decimal(t["amount"]) for t in plan["taxes"])
        assert Decimal(plan["net_premium"]) + taxes == total
        assert sum(Decimal(c["amount"]) for c in plan["components"]) == Decimal(plan["net_premium"])


def test_asset_protector_36_months_on_32000_is_349_plus_12_percent_ipt(api):
    body = priced(api, "asset-protector")
    single = plans(body)["single"]
    assert summary(single) == ("349.00", ["41.88"], "390.88")
    assert single["instalments"] == ["390.88"]
    assert body["rate_card"]["version"] == "2024.1"


def test_smart_cover_36_months_is_449_plus_20_percent_ipt(api):
    single = plans(priced(api, "smart-cover"))["single"]
    assert summary(single) == ("449.00", ["89.80"], "538.80")


def test_motor_multiplies_the_factors_then_adds_the_extras(api):
    body = priced(api, "motor-uk")
    single, monthly = plans(body)["single"], plans(body)["monthly"]
    # 780 x area C 1.00 x age 30-49 1.00 x NCD 5 0.55 x excess 250 0.93 = 398.97; + 24.99.
    assert [c["amount"] for c in single["components"]] == ["398.97", "24.99"]
    assert summary(single) == ("423.96", ["50.88"], "474.84")
    assert single["instalments"] == ["474.84"]
    assert monthly["instalments"] == ["39.57"] * 12


def test_furto_danni_taxes_assistance_at_its_own_rate_and_splits_monthly(api):
    body = priced(api, "furto-danni")
    # Blu 2.10% of 40,000 = 840 + assistance 40; imposta 13.5% of 840, 10% of 40.
    single, monthly = plans(body)["single"], plans(body)["monthly"]
    assert summary(single) == ("880.00", ["113.40", "4.00"], "997.40")
    assert monthly["instalments"] == ["83.12"] * 8 + ["83.11"] * 4
    assert body["insured_value"] == "40000.00"


def test_a_two_year_furto_danni_with_kasko_is_paid_in_24_instalments(api):
    body = priced(api, "furto-danni", duration_years=2, options=["kasko_premium"])
    # A year: 840 + 40 + Kasko 2.40% of 40,000 = 960; x 2 years x 0.97 = x 1.94.
    single, monthly = plans(body)["single"], plans(body)["monthly"]
    assert [c["amount"] for c in single["components"]] == ["1629.60", "77.60", "1862.40"]
    # Imposta 13.5% of 3,492.00 = 471.42; 10% of 77.60 = 7.76.
    assert summary(single) == ("3569.60", ["471.42", "7.76"], "4048.78")
    assert monthly["instalments"] == ["168.70"] * 22 + ["168.69"] * 2


def test_australian_annual_payment_gets_ten_percent_off_before_government_charges(api):
    body = priced(api, "au-comprehensive")
    annual, monthly = plans(body)["annual"], plans(body)["monthly"]
    # Standard 420 + 1.15% of 60,000 = 1,110.00. Annual 999.00 + GST 99.90 + stamp duty
    # 5% of 1,098.90 = 54.95 -> 1,153.85. Monthly 1,110 + 111.00 + 61.05 = 1,282.05.
    assert summary(annual) == ("999.00", ["99.90", "54.95"], "1153.85")
    assert annual["instalments"] == ["1153.85"]
    assert annual["discount"] == "128.20"
    assert summary(monthly) == ("1110.00", ["111.00", "61.05"], "1282.05")
    assert monthly["instalments"] == ["106.84"] * 9 + ["106.83"] * 3


@pytest.mark.parametrize(
    ("product", "net", "tax", "total"),
    [
        ("smart-combined-gap", "299.00", "59.80", "358.80"),  # band up to 40,000
        ("smart-lease-gap", "279.00", "55.80", "334.80"),
    ],
)
def test_smart_gap_is_priced_by_term_and_invoice_band_plus_20_percent_ipt(
    api, product, net, tax, total
):
    assert summary(plans(priced(api, product))["single"]) == (net, [tax], total)


def refused(client, product, **change):
    response = quote(client, product, **change)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["eligible"] is False
    assert all(r["message"] for r in body["refusals"])
    return [r["code"] for r in body["refusals"]]


@pytest.mark.parametrize("sale_date", ["2026-11-20", "2026-11-21"])
def test_smart_cover_is_refused_once_the_car_is_delivered(api, sale_date):
    assert refused(api, "smart-cover", sale_date=sale_date) == ["smart_cover_after_delivery"]


def test_furto_danni_kasko_is_refused_on_a_six_year_old_car(api):
    codes = refused(
        api,
        "furto-danni",
        options=["kasko_premium"],
        first_registration="2020-11-01",
        market_value="20000",
    )
    assert codes == ["kasko_too_old"]


@pytest.mark.parametrize("product", ["smart-combined-gap", "smart-lease-gap"])
def test_smart_gap_is_refused_on_an_eleven_year_old_car(api, product):
    codes = refused(api, product, first_registration="2015-11-01")
    assert codes == ["smart_gap_vehicle_too_old"]


def test_smart_gap_is_sold_on_a_ten_year_old_car(api):
    priced(api, "smart-combined-gap", first_registration="2016-11-22")


def test_a_value_above_every_band_is_refused_with_a_reason(api):
    assert refused(api, "asset-protector", invoice_price="250000") == ["no_rate"]


def test_italian_staff_read_a_quote_refusal_in_italian(italian_session):
    response = quote(
        italian_session, "furto-danni", vehicle_type="motociclo", options=["kasko_premium"]
    )
    (refusal,) = response.json()["refusals"]
    assert refusal["code"] == "target_market"
    assert "veicolo" in refusal["message"]


@pytest.mark.parametrize(
    ("product", "change", "field"),
    [
        ("life-insurance", {}, "product"),
        ("asset-protector", {"term_months": None}, "term_months"),
        ("asset-protector", {"invoice_price": None}, "invoice_price"),
        ("asset-protector", {"invoice_price": "-32000"}, "invoice_price"),
        ("asset-protector", {"invoice_price": "32000.123"}, "invoice_price"),
        ("asset-protector", {"term_months": "three years"}, "term_months"),
        ("asset-protector", {"quote_date": "2026-02-30"}, "quote_date"),
        ("smart-cover", {"delivery_date": "next week"}, "delivery_date"),
        ("motor-uk", {"voluntary_excess": 2500}, "voluntary_excess"),
        ("motor-uk", {"voluntary_excess": 1000}, "voluntary_excess"),  # no rate for it
        ("motor-uk", {"area": "G"}, "area"),
        ("motor-uk", {"driver_age": 15}, "driver_age"),
        ("motor-uk", {"ncd_years": None}, "ncd_years"),
        ("motor-uk", {"options": ["kasko_premium"]}, "options"),
        ("furto-danni", {"first_registration": "2024-01-10"}, "market_value"),
        ("furto-danni", {"package": "verde"}, "package"),
        ("furto-danni", {"duration_years": 6}, "duration_years"),
        ("au-comprehensive", {"state": None}, "state"),
        ("au-comprehensive", {"state": "Sydney"}, "state"),
        ("au-comprehensive", {"voluntary_excess": 2001}, "voluntary_excess"),
        ("au-comprehensive", {"voluntary_excess": 250}, "voluntary_excess"),  # no rate
        ("au-comprehensive", {"agreed_value": "-1"}, "agreed_value"),
    ],
)
def test_bad_quote_input_is_refused_on_its_field(api, product, change, field):
    body = {"product": product, "quote_date": ON, **QUOTES.get(product, {}), **change}
    body = {k: v for k, v in body.items() if v is not None}
    assert_bad_input(api.post("/api/v1/quotes", body, format="json"), field)


def test_a_product_the_quote_service_cannot_price_is_a_400_on_product_never_gap(api, settings):
    """Issue 18: a product no branch of the quote service prices was priced as GAP; a
    product with rows but no longer registered is refused on `product`."""
    settings.INSURANCE_PRODUCTS = [p for p in settings.INSURANCE_PRODUCTS
                                   if not p.endswith(".SmartCover")]  # fmt: skip
    assert_bad_input(quote(api, "smart-cover"), "product")
    assert quote(api, "asset-protector").status_code == 200
