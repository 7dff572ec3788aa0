"""POST /api/v1/calculations/payment-options: AU annual and monthly figures.

PRODUCTS.md §5: annual payment gets 10% off (demo setting), monthly = standard / 12."""

from decimal import Decimal

import pytest

from policies.models import ProductSetting

from .helpers import assert_bad_input, is_money, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]
MONEY_FIELDS = ("annual_premium", "annual_discount", "monthly_instalment")


def options(api, standard_premium):
    response = post(api, "payment-options", {"market": "AU", "standard_premium": standard_premium})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "AUD"
    assert all(is_money(body[f]) for f in MONEY_FIELDS)
    # A figure derived from another uses the rounded one (API.md, Rounding).
    assert Decimal(body["annual_premium"]) == Decimal(standard_premium) - Decimal(
        body["annual_discount"]
    )
    return tuple(body[f] for f in MONEY_FIELDS)


def test_the_seed_594_is_534_60_a_year_or_49_50_a_month(api):
    assert options(api, "594.00") == ("534.60", "59.40", "49.50")


@pytest.mark.parametrize(
    ("standard", "expected"),
    [
        ("1000", ("900.00", "100.00", "83.33")),  # 83.333...
        ("1000.10", ("900.09", "100.01", "83.34")),  # 100.01 exactly; 83.3416...
        ("123.45", ("111.10", "12.35", "10.29")),  # 12.345 and 10.2875 round half-up
        ("0", ("0.00", "0.00", "0.00")),
    ],
)
def test_annual_and_monthly_figures_are_rounded_half_up_to_the_cent(api, standard, expected):
    assert options(api, standard) == expected


def test_a_premium_sent_as_a_json_number_is_accepted(api):
    assert options(api, 594) == ("534.60", "59.40", "49.50")


def test_the_annual_discount_is_head_office_data_not_code(api):
    ProductSetting.objects.filter(product__code="au-comprehensive", key="annual_discount").update(
        value="0.15"
    )
    assert options(api, "594.00") == ("504.90", "89.10", "49.50")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"standard_premium": "594.00"}, "market"),
        ({"market": "UK", "standard_premium": "594.00"}, "market"),
        ({"market": "AU"}, "standard_premium"),
        ({"market": "AU", "standard_premium": "-594.00"}, "standard_premium"),
        ({"market": "AU", "standard_premium": "594.001"}, "standard_premium"),
        ({"market": "AU", "standard_premium": "five hundred"}, "standard_premium"),
        ({"market": "AU", "standard_premium": True}, "standard_premium"),
        ({"market": "AU", "standard_premium": None}, "standard_premium"),
    ],
)
def test_bad_payment_input_is_refused_on_its_field(api, body, field):
    assert_bad_input(post(api, "payment-options", body), field)
