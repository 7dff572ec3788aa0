"""POST /api/v1/calculations/it-settlement: Furto e Danni claims (API.md, PRODUCTS.md §4).

Every expected figure is a cell of the deductible or depreciation table worked by hand."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import assert_bad_input, is_money, post

pytestmark = pytest.mark.django_db

CLAIM = {
    "cover": "furto",
    "insured_value": "30000.00",
    "damage": "2000.00",
    "in_network": True,
    "province": "RM",
    "vehicle_condition": "new",
    "policy_year": 1,
}


def settle(api, **change):
    response = post(api, "it-settlement", {**CLAIM, **change})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "EUR"
    assert is_money(body["deductible"]) and is_money(body["payable"])
    return body


def figures(body):
    return body["damage_kind"], body["deductible"], body["payable"]


@pytest.mark.parametrize(
    ("change", "deductible", "payable"),
    [
        # Furto, Incendio, Atti vandalici: in rete 10% min 400, fuori rete 15% min 1,000.
        ({"damage": "2000"}, "400.00", "1600.00"),  # 10% = 200: the minimum applies
        ({"damage": "8000"}, "800.00", "7200.00"),
        ({"damage": "8000", "in_network": False}, "1200.00", "6800.00"),
        ({"damage": "4000", "in_network": False}, "1000.00", "3000.00"),
        ({"cover": "incendio", "damage": "5000"}, "500.00", "4500.00"),
        # Luxury brand: in rete 10% min 750, fuori rete 15% min 1,000.
        ({"cover": "atti_vandalici", "damage": "5000", "luxury_brand": True}, "750.00", "4250.00"),
        # The commercial-or-leasing row is only Kasko/Collisione Premium's: Furto keeps luxury.
        ({"damage": "5000", "luxury_brand": True, "commercial_or_leasing": True},
         "750.00", "4250.00"),
        (
            {"damage": "10000", "luxury_brand": True, "in_network": False},
            "1500.00",
            "8500.00",
        ),
        # Calamità naturali: fuori rete 20% min 1,500.
        ({"cover": "calamita_naturali_premium", "damage": "5000", "in_network": False},
         "1500.00", "3500.00"),
        ({"cover": "calamita_naturali_premium", "damage": "10000", "in_network": False},
         "2000.00", "8000.00"),
        ({"cover": "calamita_naturali_premium", "damage": "6000", "luxury_brand": True},
         "750.00", "5250.00"),
        # Kasko/Collisione Premium as Furto; the commercial-or-leasing row wins over luxury.
        ({"cover": "kasko_premium", "damage": "3000"}, "400.00", "2600.00"),
        ({"cover": "kasko_premium", "damage": "3000", "luxury_brand": True,
          "commercial_or_leasing": True}, "500.00", "2500.00"),
        ({"cover": "collisione_premium", "damage": "4000", "in_network": False,
          "commercial_or_leasing": True}, "750.00", "3250.00"),
        ({"cover": "collisione_premium", "damage": "6000", "in_network": False,
          "commercial_or_leasing": True}, "900.00", "5100.00"),
        # Kasko/Collisione Base: franchigia 300 / 600, then 2,000 a claim.
        ({"cover": "kasko_base", "damage": "1000"}, "300.00", "700.00"),
        ({"cover": "kasko_base", "damage": "2600", "in_network": False}, "600.00", "2000.00"),
        ({"cover": "collisione_base", "damage": "5000", "in_network": False},
         "600.00", "2000.00"),
        # Calamità naturali Base: same deductibles, payable capped at 2,000.
        ({"cover": "calamita_naturali_base", "damage": "10000", "in_network": False},
         "2000.00", "2000.00"),
        # Cristalli: franchigia 100 only when replaced; limit 2,500.
        ({"cover": "cristalli", "damage": "800"}, "100.00", "700.00"),
        ({"cover": "cristalli", "damage": "800", "glass_replaced": False}, "0.00", "800.00"),
        ({"cover": "cristalli", "damage": "3000"}, "100.00", "2500.00"),
    ],
)  # fmt: skip
def test_partial_damage_takes_the_deductible_of_its_table_cell(api, change, deductible, payable):
    assert figures(settle(api, **change)) == ("partial", deductible, payable)


def test_the_deductible_is_never_more_than_the_damage(api):
    body = settle(api, cover="kasko_base", damage="200")
    assert figures(body) == ("partial", "200.00", "0.00")


def test_a_scoperto_is_rounded_half_up_to_the_cent(api):
    body = settle(api, damage="4567.85")  # 10% = 456.785
    assert figures(body) == ("partial", "456.79", "4111.06")


def test_glass_is_always_partial_however_large_the_damage(api):
    body = settle(api, cover="cristalli", insured_value="1000", damage="900")
    assert body["damage_kind"] == "partial"


@pytest.mark.parametrize(
    ("damage", "kind"), [("22499.99", "partial"), ("22500.00", "total")]
)  # 75% of 30,000
def test_damage_from_75_percent_of_the_insured_value_is_total(api, damage, kind):
    assert settle(api, damage=damage)["damage_kind"] == kind


@pytest.mark.parametrize(
    ("change", "deductible", "payable"),
    [
        # Year 1: 100% of 30,000; without replacement 10%, with replacement nothing.
        ({}, "3000.00", "27000.00"),
        ({"replacement": True}, "0.00", "30000.00"),
        # New vehicle, year 3: 60% of 40,000 = 24,000.
        ({"insured_value": "40000", "policy_year": 3}, "2400.00", "21600.00"),
        # Used vehicle, year 2: 90% of 40,000 = 36,000.
        ({"insured_value": "40000", "policy_year": 2, "vehicle_condition": "used"},
         "3600.00", "32400.00"),
        # Napoli, new, year 2: base 70% of 40,000 = 28,000; 15% / 25%.
        ({"insured_value": "40000", "policy_year": 2, "province": "NA", "replacement": True},
         "4200.00", "23800.00"),
        ({"insured_value": "40000", "policy_year": 2, "province": "NA"}, "7000.00", "21000.00"),
        # Barletta-Andria-Trani, used, year 4: base 70% of 25,000 = 17,500; 25% / 30%.
        ({"insured_value": "25000", "policy_year": 4, "vehicle_condition": "used",
          "province": "BT", "replacement": True}, "4375.00", "13125.00"),
        ({"insured_value": "25000", "policy_year": 4, "vehicle_condition": "used",
          "province": "BT"}, "5250.00", "12250.00"),
        ({"insured_value": "25000", "policy_year": 4, "vehicle_condition": "used",
          "province": "bt"}, "5250.00", "12250.00"),
        # Used, year 5 (60%) in Catania under Kasko: the province rule holds for every cover.
        ({"cover": "kasko_premium", "insured_value": "20000", "policy_year": 5,
          "vehicle_condition": "used", "province": "CT"}, "3000.00", "9000.00"),
    ],
)  # fmt: skip
def test_total_damage_takes_the_depreciated_value_less_the_scoperto(
    api, change, deductible, payable
):
    body = settle(api, **{"damage": change.get("insured_value", "30000"), **change})
    assert figures(body) == ("total", deductible, payable)


def test_the_total_loss_deductible_is_taken_from_the_rounded_base(api):
    # New, year 5: 45% of 12,345.67 = 5,555.5515 -> 5,555.55; 10% = 555.555 -> 555.56.
    body = settle(api, insured_value="12345.67", damage="12345.67", policy_year=5)
    assert figures(body) == ("total", "555.56", "4999.99")
    assert Decimal(body["deductible"]) + Decimal(body["payable"]) == Decimal("5555.55")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cover": "kasko"}, "cover"),
        ({"cover": None}, "cover"),
        ({"insured_value": None}, "insured_value"),
        ({"insured_value": "0"}, "insured_value"),
        ({"insured_value": "-30000"}, "insured_value"),
        ({"damage": "-1"}, "damage"),
        ({"damage": "2000.005"}, "damage"),
        ({"damage": "duemila"}, "damage"),
        ({"damage": None}, "damage"),
        ({"in_network": None}, "in_network"),
        ({"in_network": "sometimes"}, "in_network"),
        ({"luxury_brand": "very"}, "luxury_brand"),
        ({"province": None}, "province"),
        ({"province": "Roma"}, "province"),
        ({"province": "R1"}, "province"),
        ({"province": "ZZ"}, "province"),  # two letters, but no Italian province
        ({"vehicle_condition": "nuovo"}, "vehicle_condition"),
        ({"policy_year": 0}, "policy_year"),
        ({"policy_year": 6}, "policy_year"),
        ({"policy_year": "first"}, "policy_year"),
        ({"glass_replaced": "cracked"}, "glass_replaced"),
    ],
)
def test_bad_settlement_input_is_refused_on_its_field(api, change, field):
    body = {k: v for k, v in {**CLAIM, **change}.items() if v is not None}
    assert_bad_input(post(api, "it-settlement", body), field)


# --- property: deductible + payable = base, before a cap ----------------------------------

DEPRECIATION = {  # PRODUCTS.md §4, % of the insured value paid on a total loss
    "new": {1: "1.00", 2: "0.70", 3: "0.60", 4: "0.50", 5: "0.45"},
    "used": {1: "1.00", 2: "0.90", 3: "0.80", 4: "0.70", 5: "0.60"},
}
PARTIAL_CAPS = {  # API.md it-settlement
    "calamita_naturali_base": Decimal("2000"),
    "kasko_base": Decimal("2000"),
    "collisione_base": Decimal("2000"),
    "cristalli": Decimal("2500"),
}
COVERS = [
    "furto", "incendio", "atti_vandalici", "calamita_naturali_premium",
    "calamita_naturali_base", "kasko_premium", "kasko_base", "collisione_premium",
    "collisione_base", "cristalli",
]  # fmt: skip
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("250000"), places=2)


@st.composite
def claims(draw):
    insured_value = draw(amounts)
    # Half the time a damage near the insured value, so total losses come up often.
    damage = draw(st.one_of(amounts, st.decimals(min_value=0, max_value=insured_value, places=2)))
    return {
        "cover": draw(st.sampled_from(COVERS)),
        "insured_value": str(insured_value),
        "damage": str(damage),
        "in_network": draw(st.booleans()),
        "luxury_brand": draw(st.booleans()),
        "commercial_or_leasing": draw(st.booleans()),
        "replacement": draw(st.booleans()),
        "province": draw(st.sampled_from(["RM", "MI", "NA", "BT", "CT", "ba"])),
        "vehicle_condition": draw(st.sampled_from(["new", "used"])),
        "policy_year": draw(st.integers(1, 5)),
        "glass_replaced": draw(st.booleans()),
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(claim=claims())
def test_deductible_plus_payable_is_the_base_for_any_valid_claim(api, claim):
    response = post(api, "it-settlement", claim)
    assert response.status_code == 200, response.content
    body = response.json()
    insured, damage = Decimal(claim["insured_value"]), Decimal(claim["damage"])
    deductible, payable = Decimal(body["deductible"]), Decimal(body["payable"])
    total = claim["cover"] != "cristalli" and damage >= insured * Decimal("0.75")
    assert body["damage_kind"] == ("total" if total else "partial")
    if total:
        rate = Decimal(DEPRECIATION[claim["vehicle_condition"]][claim["policy_year"]])
        base = (insured * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert deductible + payable == base
    else:
        assert deductible <= damage
        expected = damage - deductible
        cap = PARTIAL_CAPS.get(claim["cover"])
        assert payable == (min(expected, cap) if cap is not None else expected)
    assert deductible >= 0 and payable >= 0
