"""POST /api/v1/calculations/gap-benefit: Asset Protector and GAP Insurance by smart.

Expected figures are worked by hand from API.md gap-benefit and PRODUCTS.md §1 and §6."""

import pytest

from .helpers import assert_bad_input, is_money, post

pytestmark = pytest.mark.django_db

SEED = {  # PRODUCTS.md §1 seed: NIP 22,000, market value 13,000 -> 9,000
    "product": "asset-protector",
    "invoice_price": "22000.00",
    "insurer_settlement": "13000.00",
    "months_since_delivery": 12,
}
SMART_SEED = {"invoice_price": "14000", "insurer_settlement": "10000"}  # §6 -> 4,000


def gap(api, **body):
    response = post(api, "gap-benefit", body)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_asset_protector_seed_pays_9000_to_the_customer(api):
    body = gap(api, **SEED)
    assert body["covered"] is True
    assert body["benefit"] == "9000.00"
    assert body["payee"] == "customer"
    assert body["currency"] == "GBP"
    assert isinstance(body["reason"], str) and body["reason"]


def test_a_gap_answer_has_exactly_the_contract_fields_with_money_as_text(api):
    body = gap(api, **SEED)
    assert set(body) >= {"covered", "benefit", "payee", "currency", "reason"}
    assert is_money(body["benefit"])


@pytest.mark.parametrize(
    ("glass_guide_value", "benefit"),
    [
        ("14000", "8000.00"),  # Glass's Guide above the insurer: market value 14,000
        ("12000", "9000.00"),  # below: the insurer's 13,000 stands
    ],
)
def test_asset_protector_market_value_is_the_greater_of_insurer_and_glass_guide(
    api, glass_guide_value, benefit
):
    body = gap(api, **SEED, glass_guide_value=glass_guide_value)
    assert body["benefit"] == benefit


def test_asset_protector_pays_the_finance_company_when_settlement_exceeds_the_nip(api):
    body = gap(api, **SEED, finance_settlement="24000.00")
    # max(22,000, 24,000) - 13,000
    assert (body["benefit"], body["payee"]) == ("11000.00", "finance_company")


def test_asset_protector_pays_the_customer_when_settlement_is_below_the_nip(api):
    body = gap(api, **SEED, finance_settlement="20000.00")
    assert (body["benefit"], body["payee"]) == ("9000.00", "customer")


def test_asset_protector_benefit_is_floored_at_zero_when_the_car_is_worth_more(api):
    body = gap(api, **{**SEED, "insurer_settlement": "23000"})
    assert (body["covered"], body["benefit"]) == (True, "0.00")


def test_asset_protector_counts_pence_exactly(api):
    body = gap(api, **{**SEED, "invoice_price": "22000.01", "insurer_settlement": "12999.99"})
    assert body["benefit"] == "9000.02"


@pytest.mark.parametrize("month", [1, 36])
def test_asset_protector_standard_cover_runs_from_month_1_to_month_36(api, month):
    assert gap(api, **{**SEED, "months_since_delivery": month})["benefit"] == "9000.00"


@pytest.mark.parametrize("month", [37, 48])
def test_months_37_to_48_give_limited_cover_with_long_finance(api, month):
    body = gap(
        api,
        **{**SEED, "months_since_delivery": month},
        finance_term_months=48,
        finance_settlement="18000.00",
    )
    # Limited cover: finance settlement 18,000 - market value 13,000, to the finance company.
    assert body["covered"] is True
    assert (body["benefit"], body["payee"]) == ("5000.00", "finance_company")


def test_limited_cover_ignores_an_nip_above_the_finance_settlement(api):
    body = gap(
        api,
        **{**SEED, "months_since_delivery": 40},
        glass_guide_value="15000",
        finance_term_months=60,
        finance_settlement="18000",
    )
    # 18,000 - max(13,000, 15,000); the NIP of 22,000 plays no part after month 36.
    assert (body["benefit"], body["payee"]) == ("3000.00", "finance_company")


@pytest.mark.parametrize(
    "extra",
    [
        {"months_since_delivery": 37},  # no finance agreement
        {"months_since_delivery": 37, "finance_term_months": 36, "finance_settlement": "18000"},
        {"months_since_delivery": 40, "finance_term_months": 48},  # no finance settlement
        {"months_since_delivery": 49, "finance_term_months": 60, "finance_settlement": "18000"},
    ],
    ids=["no-finance", "term-36", "no-settlement", "month-49"],
)
def test_asset_protector_outside_its_cover_is_a_verdict_not_an_error(api, extra):
    body = gap(api, **{**SEED, **extra})
    assert body["covered"] is False
    assert body["benefit"] == "0.00"
    assert body["currency"] == "GBP"
    assert body["reason"]


def test_smart_combined_gap_seed_pays_4000_to_the_customer(api):
    body = gap(api, product="smart-combined-gap", **SMART_SEED)
    assert body["covered"] is True
    assert (body["benefit"], body["payee"], body["currency"]) == ("4000.00", "customer", "GBP")


@pytest.mark.parametrize(
    ("motor_excess", "benefit"),
    [("100", "4100.00"), ("250", "4250.00"), ("400", "4250.00")],  # excess covered up to 250
)
def test_smart_combined_gap_adds_the_motor_excess_up_to_250(api, motor_excess, benefit):
    body = gap(api, product="smart-combined-gap", **SMART_SEED, motor_excess=motor_excess)
    assert body["benefit"] == benefit


def test_smart_combined_gap_pays_the_finance_company_above_the_invoice(api):
    body = gap(api, product="smart-combined-gap", **SMART_SEED, finance_settlement="15000")
    # max(14,000, 15,000) - 10,000
    assert (body["benefit"], body["payee"]) == ("5000.00", "finance_company")


def test_smart_combined_gap_floors_the_shortfall_before_adding_the_excess(api):
    body = gap(
        api,
        product="smart-combined-gap",
        invoice_price="14000",
        insurer_settlement="15000",
        motor_excess="200",
    )
    assert body["benefit"] == "200.00"  # max(0, 14,000 - 15,000) + 200


def test_smart_lease_gap_seed_pays_4000_to_the_finance_company(api):
    body = gap(api, product="smart-lease-gap", **SMART_SEED, finance_settlement="14000")
    assert body["covered"] is True
    assert (body["benefit"], body["payee"]) == ("4000.00", "finance_company")


@pytest.mark.parametrize(
    ("monthly_rental", "benefit"),
    [
        ("400", "5200.00"),  # 4,000 + 3 x 400
        ("833.34", "6500.00"),  # 3 x 833.34 = 2,500.02: the contribution stops at 2,500
        ("900", "6500.00"),
    ],
)
def test_smart_lease_gap_contributes_three_rentals_up_to_2500_on_a_new_lease(
    api, monthly_rental, benefit
):
    body = gap(
        api,
        product="smart-lease-gap",
        **SMART_SEED,
        finance_settlement="14000",
        new_lease=True,
        monthly_rental=monthly_rental,
    )
    assert body["benefit"] == benefit


def test_smart_lease_gap_gives_no_contribution_without_a_new_lease(api):
    body = gap(
        api,
        product="smart-lease-gap",
        **SMART_SEED,
        finance_settlement="14000",
        new_lease=False,
        monthly_rental="400",
        motor_excess="300",
    )
    assert body["benefit"] == "4250.00"  # 4,000 + the excess up to 250, no rentals


def test_smart_lease_gap_floors_the_shortfall_then_adds_excess_and_contribution(api):
    body = gap(
        api,
        product="smart-lease-gap",
        invoice_price="14000",
        insurer_settlement="12000",
        finance_settlement="11000",
        motor_excess="150",
        new_lease=True,
        monthly_rental="100.10",
    )
    assert body["benefit"] == "450.30"  # 0 + 150 + 3 x 100.10


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"product": None}, "product"),
        ({"product": "platinum-gap"}, "product"),
        ({"invoice_price": None}, "invoice_price"),
        ({"invoice_price": "twenty thousand"}, "invoice_price"),
        ({"invoice_price": "-22000"}, "invoice_price"),
        ({"invoice_price": "22000.001"}, "invoice_price"),
        ({"invoice_price": "NaN"}, "invoice_price"),
        ({"invoice_price": "Infinity"}, "invoice_price"),
        ({"invoice_price": "12345678901.00"}, "invoice_price"),  # beyond 12 digits
        ({"invoice_price": True}, "invoice_price"),
        ({"insurer_settlement": None}, "insurer_settlement"),
        ({"insurer_settlement": [13000]}, "insurer_settlement"),
        ({"glass_guide_value": "-1"}, "glass_guide_value"),
        ({"finance_settlement": "1.234"}, "finance_settlement"),
        ({"months_since_delivery": None}, "months_since_delivery"),
        ({"months_since_delivery": 0}, "months_since_delivery"),
        ({"months_since_delivery": "twelve"}, "months_since_delivery"),
        ({"months_since_delivery": 12.5}, "months_since_delivery"),
        ({"finance_term_months": -48}, "finance_term_months"),
    ],
)
def test_asset_protector_bad_input_is_refused_on_its_field(api, change, field):
    body = {**SEED, **change}
    body = {k: v for k, v in body.items() if v is not None}
    assert_bad_input(post(api, "gap-benefit", body), field)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"finance_settlement": None}, "finance_settlement"),  # required for Lease GAP
        ({"monthly_rental": "-400"}, "monthly_rental"),
        ({"motor_excess": "250.999"}, "motor_excess"),
        ({"new_lease": "perhaps"}, "new_lease"),
    ],
)
def test_smart_lease_gap_bad_input_is_refused_on_its_field(api, change, field):
    body = {"product": "smart-lease-gap", **SMART_SEED, "finance_settlement": "14000", **change}
    body = {k: v for k, v in body.items() if v is not None}
    assert_bad_input(post(api, "gap-benefit", body), field)


@pytest.mark.parametrize(
    "raw",
    ["{not json", '{"invoice_price": NaN}', "null", "42", '"asset-protector"', "[]", ""],
    ids=["broken", "nan", "null", "number", "string", "list", "empty"],
)
def test_a_body_that_is_not_a_json_object_is_a_400_not_a_500(api, raw):
    response = api.post("/api/v1/calculations/gap-benefit", raw, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and all(isinstance(m, str) for ms in errors.values() for m in ms)
