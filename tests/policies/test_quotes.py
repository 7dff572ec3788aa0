"""Quotes from the demo rate cards (each product's reference, catalog/), worked by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from policies.models import Product, RateCard, RateCardEntry
from policies.quotes import quote_calculate

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def test_asset_protector_36_months_on_a_32000_car_is_349_plus_12_percent_ipt(products):
    q = quote_calculate(
        product_code="asset-protector",
        inputs={"term_months": 36, "invoice_price": D("32000")},
        on=TODAY,
    )
    assert q.eligible
    b = q.breakdown
    assert (b.net, b.tax_total, b.total) == (D("349.00"), D("41.88"), D("390.88"))
    assert [p.option.plan for p in q.plans] == ["single"]
    assert q.rate_card.version == "2024.1"


def test_motor_combines_the_factors_then_adds_the_extras(products):
    q = quote_calculate(
        product_code="motor-uk",
        inputs={"motor": {"vehicle_value": D("45000"), "area": "C", "driver_age": 42,
                          "ncd_years": 5, "voluntary_excess": 250,
                          "options": ["legal_expenses"]}},
        on=TODAY,
    )  # fmt: skip
    # 780 x area C 1.00 x age 30-49 1.00 x NCD 5 0.55 x excess 250 0.93 = 398.97; + 24.99.
    b = q.breakdown
    assert [c.amount for c in b.components] == [D("398.97"), D("24.99")]
    assert (b.net, b.tax_total, b.total) == (D("423.96"), D("50.88"), D("474.84"))
    monthly = q.plans[1].option
    assert monthly.plan == "monthly" and monthly.instalments == (D("39.57"),) * 12


def test_furto_danni_blu_taxes_assistance_apart_and_splits_monthly(products):
    q = quote_calculate(
        product_code="furto-danni",
        inputs={
            "furto": {"package": "blu", "insured_value": D("40000"), "duration_years": 1},
            "eligibility": None,
        },
        on=TODAY,
        lang="it",
    )
    b = q.breakdown
    assert (b.net, [t.amount for t in b.taxes], b.total) == (
        D("880.00"), [D("113.40"), D("4.00")], D("997.40"),
    )  # fmt: skip
    monthly = q.plans[1].option
    assert monthly.instalments == (D("83.12"),) * 8 + (D("83.11"),) * 4


def test_australian_annual_payment_gets_ten_percent_off_before_government_charges(products):
    q = quote_calculate(
        product_code="au-comprehensive",
        inputs={"au": {"state": "NSW", "agreed_value": D("60000"), "youngest_driver_age": 40}},
        on=TODAY,
        region="NSW",
    )
    annual, monthly = (p for p in q.plans)
    # Standard 420 + 1.15% of 60,000 = 1,110.00. Annual: 999.00 + GST 99.90 + stamp duty
    # 5% of 1,098.90 = 54.95 -> 1,153.85. Monthly: 1,110 + 111.00 + 61.05 = 1,282.05.
    assert annual.breakdown.total == D("1153.85")
    assert annual.option.instalments == (D("1153.85"),)
    assert monthly.breakdown.total == D("1282.05")
    assert monthly.option.instalments == (D("106.84"),) * 9 + (D("106.83"),) * 3
    assert annual.option.discount == D("128.20")


def test_a_later_rate_card_applies_from_its_date_and_not_before(products):
    product = Product.objects.get(code="smart-cover")
    card = RateCard.objects.create(
        product=product, effective_from=date(2027, 1, 1), version="2027.1"
    )
    RateCardEntry.objects.create(rate_card=card, key="term:36", value=D("499"))
    before = quote_calculate(
        product_code="smart-cover",
        inputs={"term_months": 36, "invoice_price": D("30000")},
        on=date(2026, 12, 31),
    )
    after = quote_calculate(
        product_code="smart-cover",
        inputs={"term_months": 36, "invoice_price": D("30000")},
        on=date(2027, 1, 1),
    )
    assert before.breakdown.net == D("449.00") and before.rate_card.version == "2024.1"
    assert after.breakdown.net == D("499.00") and after.rate_card.version == "2027.1"


def test_a_value_above_every_band_is_refused_with_a_reason(products):
    q = quote_calculate(
        product_code="asset-protector",
        inputs={"term_months": 36, "invoice_price": D("250000")},
        on=TODAY,
    )
    assert not q.eligible
    assert q.refusals[0].code == "no_rate"


def test_a_rate_change_saved_by_head_office_applies_to_the_next_quote(products):
    inputs = {"term_months": 36, "invoice_price": D("30000")}
    first = quote_calculate(product_code="smart-cover", inputs=inputs, on=TODAY)
    entry = RateCardEntry.objects.get(rate_card=first.rate_card, key="term:36")
    entry.value = D("459")
    entry.save()
    again = quote_calculate(product_code="smart-cover", inputs=inputs, on=TODAY)
    assert (first.breakdown.net, again.breakdown.net) == (D("449.00"), D("459.00"))
