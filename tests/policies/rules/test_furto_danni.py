"""Polizza Furto e Danni rules, straight from the tables of PRODUCTS.md §4 and API.md.

Every expected figure is worked out by hand from the source tables (seed 001), never by
calling the code under test. No database.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.furto_danni import (
    ClaimFacts,
    Condition,
    Cover,
    DamageKind,
    FurtoDanniParams,
    IncludedCover,
    InvalidInput,
    MissingMarketValue,
    MobilityExpenses,
    Option,
    Package,
    SaleFacts,
    Settlement,
    SpecialExpense,
    assess_eligibility,
    base_partial_year_payable,
    claim_is_covered,
    courtesy_car_days,
    fattura_rimborsata_refund,
    included_covers,
    kasko_finanziaria_benefit,
    mobility_refund,
    ownership_tax_refund,
    protezione_franchigia_refund,
    restart_benefit,
    settle_claim,
    special_expenses_refund,
    tyre_refund,
)

SOUTHERN = ("BA", "BR", "CE", "FG", "LE", "NA", "SA", "AV", "CT", "TA", "RC")  # BT apart


def claim(cover: str = "furto", **overrides: object) -> ClaimFacts:
    facts = ClaimFacts(
        cover=Cover(cover),
        insured_value=D("100000"),
        damage=D("10000"),
        in_network=True,
        province="RM",
        vehicle_condition=Condition.NEW,
        policy_year=1,
    )
    return replace(facts, **overrides)


def figures(settlement: Settlement) -> tuple[str, str, str]:
    return settlement.damage_kind, str(settlement.deductible), str(settlement.payable)


# --- Partial damage: every cell of the deductible table -----------------------------------

# (damage, in rete, luxury, deductible, payable): one damage where the percentage wins and
# one where the minimum wins, for each column.
FURTO_ROW = [
    ("10000", True, False, "1000.00", "9000.00"),  # 10% of 10,000
    ("3000", True, False, "400.00", "2600.00"),  # 10% = 300, minimum 400
    ("10000", False, False, "1500.00", "8500.00"),  # 15%
    ("5000", False, False, "1000.00", "4000.00"),  # 15% = 750, minimum 1,000
    ("10000", True, True, "1000.00", "9000.00"),  # luxury 10%
    ("5000", True, True, "750.00", "4250.00"),  # luxury 10% = 500, minimum 750
    ("10000", False, True, "1500.00", "8500.00"),  # luxury 15%
    ("5000", False, True, "1000.00", "4000.00"),  # luxury 15% = 750, minimum 1,000
]
CALAMITA_ROW = [
    ("10000", True, False, "1000.00", "9000.00"),
    ("3000", True, False, "400.00", "2600.00"),
    ("10000", False, False, "2000.00", "8000.00"),  # 20%
    ("5000", False, False, "1500.00", "3500.00"),  # 20% = 1,000, minimum 1,500
    ("10000", True, True, "1000.00", "9000.00"),
    ("5000", True, True, "750.00", "4250.00"),
    ("10000", False, True, "2000.00", "8000.00"),
    ("5000", False, True, "1500.00", "3500.00"),
]


@pytest.mark.parametrize("cover", ["furto", "incendio", "atti_vandalici"])
@pytest.mark.parametrize(("damage", "in_network", "luxury", "deductible", "payable"), FURTO_ROW)
def test_partial_theft_fire_and_vandalism_follow_the_first_row(
    cover, damage, in_network, luxury, deductible, payable
):
    result = settle_claim(
        claim(cover, damage=D(damage), in_network=in_network, luxury_brand=luxury)
    )
    assert figures(result) == ("partial", deductible, payable)


@pytest.mark.parametrize(("damage", "in_network", "luxury", "deductible", "payable"), CALAMITA_ROW)
def test_partial_natural_disasters_premium_follow_the_calamita_row(
    damage, in_network, luxury, deductible, payable
):
    result = settle_claim(
        claim(
            "calamita_naturali_premium",
            damage=D(damage),
            in_network=in_network,
            luxury_brand=luxury,
        )
    )
    assert figures(result) == ("partial", deductible, payable)


@pytest.mark.parametrize(
    ("damage", "in_network", "luxury", "deductible"),
    [(d, n, lux, ded) for d, n, lux, ded, _ in CALAMITA_ROW],
)
def test_natural_disasters_base_has_the_premium_deductibles_and_pays_at_most_2000(
    damage, in_network, luxury, deductible
):
    result = settle_claim(
        claim(
            "calamita_naturali_base", damage=D(damage), in_network=in_network, luxury_brand=luxury
        )
    )
    assert figures(result) == ("partial", deductible, "2000.00")
    assert result.cap == D("2000.00")


def test_natural_disasters_base_pays_the_whole_amount_below_its_limit():
    result = settle_claim(claim("calamita_naturali_base", damage=D("2300")))
    assert figures(result) == ("partial", "400.00", "1900.00")
    assert result.cap is None


@pytest.mark.parametrize("cover", ["kasko_premium", "collisione_premium"])
@pytest.mark.parametrize(("damage", "in_network", "luxury", "deductible", "payable"), FURTO_ROW)
def test_partial_kasko_and_collisione_premium_follow_the_premium_row(
    cover, damage, in_network, luxury, deductible, payable
):
    result = settle_claim(
        claim(cover, damage=D(damage), in_network=in_network, luxury_brand=luxury)
    )
    assert figures(result) == ("partial", deductible, payable)


COMMERCIAL_ROW = [
    ("10000", True, False, "1000.00", "9000.00"),  # 10%
    ("4000", True, False, "500.00", "3500.00"),  # 10% = 400, minimum 500
    ("10000", False, False, "1500.00", "8500.00"),  # 15%
    ("4000", False, False, "750.00", "3250.00"),  # 15% = 600, minimum 750
    # The commercial row wins over the luxury column (750 / 1,000 minimums there).
    ("6000", True, True, "600.00", "5400.00"),  # 10% = 600 > 500; luxury would be 750
    ("5000", False, True, "750.00", "4250.00"),  # 15% = 750; luxury would be 1,000
]


@pytest.mark.parametrize("cover", ["kasko_premium", "collisione_premium"])
@pytest.mark.parametrize(
    ("damage", "in_network", "luxury", "deductible", "payable"), COMMERCIAL_ROW
)
def test_kasko_premium_on_a_commercial_vehicle_or_leasing_follows_the_commercial_row(
    cover, damage, in_network, luxury, deductible, payable
):
    result = settle_claim(
        claim(
            cover,
            damage=D(damage),
            in_network=in_network,
            luxury_brand=luxury,
            commercial_or_leasing=True,
        )
    )
    assert figures(result) == ("partial", deductible, payable)


def test_the_commercial_row_does_not_touch_theft_claims():
    result = settle_claim(claim("furto", damage=D("4000"), commercial_or_leasing=True))
    assert figures(result) == ("partial", "400.00", "3600.00")


@pytest.mark.parametrize("cover", ["kasko_base", "collisione_base"])
@pytest.mark.parametrize("luxury", [False, True])
@pytest.mark.parametrize("commercial", [False, True])
@pytest.mark.parametrize(
    ("in_network", "deductible", "payable"),
    [(True, "300.00", "1200.00"), (False, "600.00", "900.00")],
)
def test_kasko_and_collisione_base_have_a_fixed_franchigia(
    cover, luxury, commercial, in_network, deductible, payable
):
    result = settle_claim(
        claim(
            cover,
            damage=D("1500"),
            in_network=in_network,
            luxury_brand=luxury,
            commercial_or_leasing=commercial,
        )
    )
    assert figures(result) == ("partial", deductible, payable)


@pytest.mark.parametrize("cover", ["kasko_base", "collisione_base"])
def test_kasko_and_collisione_base_pay_at_most_2000_a_claim(cover):
    result = settle_claim(claim(cover, damage=D("5000")))
    assert figures(result) == ("partial", "300.00", "2000.00")


@pytest.mark.parametrize(
    ("cover", "damage", "in_network", "deductible"),
    [
        ("furto", "250", True, "250.00"),  # minimum 400
        ("calamita_naturali_premium", "1200", False, "1200.00"),  # minimum 1,500
        ("kasko_base", "200", True, "200.00"),  # franchigia 300
        ("collisione_base", "599.99", False, "599.99"),  # franchigia 600
        ("cristalli", "80", True, "80.00"),  # franchigia 100
    ],
)
def test_a_deductible_is_never_more_than_the_damage(cover, damage, in_network, deductible):
    result = settle_claim(claim(cover, damage=D(damage), in_network=in_network))
    assert figures(result) == ("partial", deductible, "0.00")


# --- Cristalli ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "replaced", "deductible", "payable"),
    [
        ("1000", True, "100.00", "900.00"),
        ("1000", False, "0.00", "1000.00"),
        ("3000", True, "100.00", "2500.00"),  # 2,900 capped at 2,500
        ("2600", False, "0.00", "2500.00"),
        ("2600", True, "100.00", "2500.00"),  # exactly the limit
    ],
)
def test_glass_has_a_franchigia_of_100_only_when_replaced_and_a_limit_of_2500(
    damage, replaced, deductible, payable
):
    result = settle_claim(claim("cristalli", damage=D(damage), glass_replaced=replaced))
    assert figures(result) == ("partial", deductible, payable)


def test_glass_damage_is_always_partial_even_at_the_whole_insured_value():
    result = settle_claim(
        claim("cristalli", insured_value=D("20000"), damage=D("20000"), in_network=False)
    )
    assert figures(result) == ("partial", "100.00", "2500.00")


# --- The 75% boundary ----------------------------------------------------------------------


def test_damage_just_under_75_percent_of_the_insured_value_is_partial():
    result = settle_claim(claim(insured_value=D("20000"), damage=D("14999.99")))
    assert figures(result) == ("partial", "1500.00", "13499.99")  # 10% = 1,499.999


def test_damage_of_exactly_75_percent_of_the_insured_value_is_total():
    # base 20,000 (year 1, new), no replacement in Rome: scoperto 10%
    result = settle_claim(claim(insured_value=D("20000"), damage=D("15000")))
    assert figures(result) == ("total", "2000.00", "18000.00")
    assert result.base == D("20000.00")


# --- Total damage: every cell of the depreciation table ------------------------------------


@pytest.mark.parametrize(
    ("condition", "year", "base"),
    [
        ("new", 1, "20000.00"),
        ("new", 2, "14000.00"),
        ("new", 3, "12000.00"),
        ("new", 4, "10000.00"),
        ("new", 5, "9000.00"),
        ("used", 1, "20000.00"),
        ("used", 2, "18000.00"),
        ("used", 3, "16000.00"),
        ("used", 4, "14000.00"),
        ("used", 5, "12000.00"),
    ],
)
def test_a_total_loss_pays_the_insured_value_depreciated_by_policy_year(condition, year, base):
    result = settle_claim(
        claim(
            insured_value=D("20000"),
            damage=D("20000"),
            vehicle_condition=Condition(condition),
            policy_year=year,
            replacement=True,
        )
    )
    assert figures(result) == ("total", "0.00", base)
    assert result.base == D(base)


def test_depreciation_applies_to_every_package_by_default():
    result = settle_claim(
        claim(insured_value=D("20000"), damage=D("20000"), policy_year=2, package=Package.GIALLO)
    )
    assert result.base == D("14000.00")


def test_head_office_can_limit_depreciation_to_the_blu_package():
    params = FurtoDanniParams(depreciated_packages=(Package.BLU,))
    facts = claim(insured_value=D("20000"), damage=D("20000"), policy_year=2, replacement=True)
    giallo = settle_claim(replace(facts, package=Package.GIALLO), params)
    blu = settle_claim(replace(facts, package=Package.BLU), params)
    assert (giallo.base, blu.base) == (D("20000.00"), D("14000.00"))


def test_partial_damage_is_not_depreciated():
    result = settle_claim(claim(damage=D("10000"), policy_year=5))
    assert figures(result) == ("partial", "1000.00", "9000.00")


# --- Total damage: the province rule -------------------------------------------------------
# insured 30,000, new vehicle, policy year 2: base 21,000


def total_claim(**overrides: object) -> ClaimFacts:
    facts = claim(insured_value=D("30000"), damage=D("30000"), policy_year=2)
    return replace(facts, **overrides)


@pytest.mark.parametrize(
    ("province", "replacement", "deductible", "payable"),
    [
        ("RM", True, "0.00", "21000.00"),
        ("RM", False, "2100.00", "18900.00"),  # 10%
        ("MI", False, "2100.00", "18900.00"),
        ("BT", True, "5250.00", "15750.00"),  # 25%
        ("BT", False, "6300.00", "14700.00"),  # 30%
    ],
)
def test_total_loss_deductible_by_replacement_and_province(
    province, replacement, deductible, payable
):
    result = settle_claim(total_claim(province=province, replacement=replacement))
    assert figures(result) == ("total", deductible, payable)


@pytest.mark.parametrize("province", SOUTHERN)
@pytest.mark.parametrize(
    ("replacement", "deductible", "payable"),
    [(True, "3150.00", "17850.00"), (False, "5250.00", "15750.00")],  # 15% / 25%
)
def test_listed_provinces_keep_15_percent_with_replacement_and_25_without(
    province, replacement, deductible, payable
):
    result = settle_claim(total_claim(province=province, replacement=replacement))
    assert figures(result) == ("total", deductible, payable)


def test_a_province_code_is_read_whatever_its_case():
    result = settle_claim(total_claim(province=" na ", replacement=False))
    assert figures(result) == ("total", "5250.00", "15750.00")


@pytest.mark.parametrize(
    "cover",
    ["incendio", "atti_vandalici", "calamita_naturali_premium", "kasko_premium", "collisione_base"],
)
def test_the_province_rule_applies_to_total_damage_under_every_cover(cover):
    result = settle_claim(total_claim(cover=Cover(cover), province="BT", replacement=True))
    assert figures(result) == ("total", "5250.00", "15750.00")


def test_head_office_can_narrow_the_province_rule_to_some_covers():
    params = FurtoDanniParams(province_rule_covers=(Cover.FURTO,))
    kasko = settle_claim(total_claim(cover=Cover.KASKO_PREMIUM, province="NA"), params)
    furto = settle_claim(total_claim(cover=Cover.FURTO, province="NA"), params)
    assert (kasko.deductible, furto.deductible) == (D("2100.00"), D("5250.00"))


def test_the_partial_limits_do_not_cap_a_total_loss():
    result = settle_claim(total_claim(cover=Cover.CALAMITA_NATURALI_BASE))
    assert figures(result) == ("total", "2100.00", "18900.00")


# --- Rounding ------------------------------------------------------------------------------


def test_the_base_is_rounded_before_the_deductible_is_taken():
    # 12,345.67 x 45% = 5,555.5515 -> 5,555.55; 25% = 1,388.8875 -> 1,388.89
    result = settle_claim(
        claim(
            insured_value=D("12345.67"),
            damage=D("12345.67"),
            policy_year=5,
            province="NA",
        )
    )
    assert figures(result) == ("total", "1388.89", "4166.66")
    assert result.base == D("5555.55")


def test_a_scoperto_is_rounded_half_up_to_the_cent():
    # 10% of 10,000.05 = 1,000.005 -> 1,000.01 (half-even would give 1,000.00)
    result = settle_claim(claim(damage=D("10000.05")))
    assert figures(result) == ("partial", "1000.01", "9000.04")


@pytest.mark.parametrize(
    ("field", "value"),
    [("damage", D("-1")), ("insured_value", D("-0.01")), ("policy_year", 6), ("policy_year", 0)],
)
def test_impossible_claim_figures_are_invalid_input(field, value):
    with pytest.raises(InvalidInput) as raised:
        settle_claim(claim(**{field: value}))
    assert raised.value.field == field


# --- Properties ----------------------------------------------------------------------------

money_amounts = st.decimals(min_value=0, max_value=500_000, places=2)
claims = st.builds(
    ClaimFacts,
    cover=st.sampled_from(Cover),
    insured_value=money_amounts,
    damage=money_amounts,
    in_network=st.booleans(),
    province=st.sampled_from([*SOUTHERN, "BT", "RM", "MI", "TO"]),
    vehicle_condition=st.sampled_from(Condition),
    policy_year=st.integers(1, 5),
    luxury_brand=st.booleans(),
    commercial_or_leasing=st.booleans(),
    replacement=st.booleans(),
    glass_replaced=st.booleans(),
)


@given(claims)
def test_a_deductible_never_exceeds_what_it_is_taken_from_and_nothing_is_negative(facts):
    result = settle_claim(facts)
    assert D(0) <= result.deductible <= result.base
    assert result.payable >= 0
    if result.damage_kind == DamageKind.PARTIAL:
        assert result.base == facts.damage
        assert result.deductible <= facts.damage


@given(claims)
def test_deductible_and_payable_add_up_to_the_base_before_a_cap(facts):
    result = settle_claim(facts)
    if result.cap is None:
        assert result.deductible + result.payable == result.base
    else:
        assert result.payable == result.cap < result.base - result.deductible


@given(claims)
def test_every_figure_is_in_cents(facts):
    result = settle_claim(facts)
    for amount in (result.base, result.deductible, result.payable):
        assert amount == amount.quantize(D("0.01"))


# --- Eligibility ---------------------------------------------------------------------------


def sale(**overrides: object) -> SaleFacts:
    facts = SaleFacts(
        package=Package.BLU,
        options=(),
        vehicle_type="autovettura",
        first_registration=date(2024, 3, 1),
        sale_date=date(2024, 6, 1),
        invoice_price=D("30000"),
        duration_years=3,
    )
    return replace(facts, **overrides)


def codes(facts: SaleFacts) -> list[str]:
    return [r.code for r in assess_eligibility(facts).refusals]


def test_a_new_car_at_its_invoice_price_is_eligible():
    result = assess_eligibility(sale())
    assert result.eligible
    assert (result.vehicle_condition, result.insured_value) == ("new", D("30000.00"))
    assert result.refusals == ()
    assert result.currency == "EUR"


@pytest.mark.parametrize(
    ("first_registration", "sale_date", "condition"),
    [
        (date(2022, 3, 1), date(2023, 3, 1), "new"),  # 365 days
        (date(2022, 3, 1), date(2023, 3, 2), "used"),  # 366 days
        (date(2023, 3, 1), date(2024, 2, 29), "new"),  # 365 days across 29 February
        (date(2023, 3, 1), date(2024, 3, 1), "used"),  # 366 days: a leap year
        (date(2024, 6, 1), date(2024, 5, 20), "new"),  # sold before registration
    ],
)
def test_a_vehicle_is_used_when_registered_more_than_365_days_before_the_sale(
    first_registration, sale_date, condition
):
    result = assess_eligibility(
        sale(first_registration=first_registration, sale_date=sale_date, market_value=D("30000"))
    )
    assert result.vehicle_condition == condition


def test_a_used_vehicle_without_its_market_value_cannot_be_judged():
    with pytest.raises(MissingMarketValue) as raised:
        assess_eligibility(sale(first_registration=date(2020, 1, 1)))
    assert isinstance(raised.value, ValueError)
    assert raised.value.field == "market_value"


@pytest.mark.parametrize(
    ("invoice_price", "market_value", "insured_value"),
    [
        ("30000", "20000", "24000.00"),  # 120% of 20,000
        ("30000", "25000", "30000.00"),  # cap equal to the price
        ("30000", "26000", "30000.00"),  # cap 31,200 above the price
        ("30000", "20000.01", "24000.01"),  # 24,000.012
    ],
)
def test_a_used_vehicle_is_insured_at_most_at_120_percent_of_its_market_value(
    invoice_price, market_value, insured_value
):
    result = assess_eligibility(
        sale(
            first_registration=date(2021, 1, 1),
            invoice_price=D(invoice_price),
            market_value=D(market_value),
        )
    )
    assert (result.vehicle_condition, result.insured_value) == ("used", D(insured_value))


def test_the_market_value_does_not_cap_a_new_vehicle():
    result = assess_eligibility(sale(market_value=D("10000")))
    assert result.insured_value == D("30000.00")


@pytest.mark.parametrize("vehicle_type", ["autocarro", "motociclo", "camper", ""])
def test_it_refuses_vehicles_outside_the_target_market(vehicle_type):
    assert codes(sale(vehicle_type=vehicle_type)) == ["target_market"]


@pytest.mark.parametrize("vehicle_type", ["autovettura", "autotassametro", "Autovettura"])
def test_cars_and_taxis_are_the_target_market(vehicle_type):
    assert codes(sale(vehicle_type=vehicle_type)) == []


@pytest.mark.parametrize(
    ("first_registration", "sale_date", "refused"),
    [
        (date(2014, 6, 1), date(2024, 6, 1), False),  # the 10th anniversary itself
        (date(2014, 6, 1), date(2024, 6, 2), True),
        (date(2016, 2, 29), date(2026, 2, 28), False),  # anniversary read as 28 February
        (date(2016, 2, 29), date(2026, 3, 1), True),
    ],
)
def test_it_refuses_a_vehicle_more_than_10_years_old(first_registration, sale_date, refused):
    facts = sale(
        first_registration=first_registration, sale_date=sale_date, market_value=D("30000")
    )
    assert codes(facts) == (["vehicle_too_old"] if refused else [])


@pytest.mark.parametrize(
    ("invoice_price", "market_value", "refused"),
    [
        ("3999.99", None, True),
        ("4000.00", None, False),
        ("10000", "3000", True),  # used: 120% of 3,000 = 3,600
        ("10000", "3333.34", False),  # used: 4,000.008 -> 4,000.01
    ],
)
def test_it_refuses_an_insured_value_below_4000(invoice_price, market_value, refused):
    first = date(2024, 3, 1) if market_value is None else date(2021, 1, 1)
    facts = sale(
        first_registration=first,
        invoice_price=D(invoice_price),
        market_value=None if market_value is None else D(market_value),
    )
    assert codes(facts) == (["value_too_low"] if refused else [])


@pytest.mark.parametrize(
    "option", ["kasko_premium", "kasko_base", "collisione_premium", "collisione_base"]
)
@pytest.mark.parametrize(
    ("first_registration", "sale_date", "refused"),
    [
        (date(2019, 6, 1), date(2024, 6, 1), False),  # the 5th anniversary itself
        (date(2019, 6, 1), date(2024, 6, 2), True),
        (date(2020, 2, 29), date(2025, 2, 28), False),
        (date(2020, 2, 29), date(2025, 3, 1), True),
    ],
)
def test_it_refuses_kasko_on_a_vehicle_more_than_5_years_old(
    option, first_registration, sale_date, refused
):
    facts = sale(
        options=(Option(option),),
        first_registration=first_registration,
        sale_date=sale_date,
        market_value=D("30000"),
    )
    assert codes(facts) == (["kasko_too_old"] if refused else [])


def test_an_old_vehicle_without_kasko_is_not_refused_for_kasko():
    facts = sale(first_registration=date(2016, 1, 1), market_value=D("30000"))
    assert codes(facts) == []


@pytest.mark.parametrize("option", ["restart_10k", "restart_20k"])
@pytest.mark.parametrize(
    ("first_registration", "sale_date", "duration", "refused"),
    [
        (date(2019, 6, 1), date(2024, 6, 1), 4, False),  # used, exactly 5 years
        (date(2019, 6, 1), date(2024, 6, 2), 4, True),  # used, more than 5 years
        (date(2020, 2, 29), date(2025, 3, 1), 3, True),
        (date(2024, 3, 1), date(2024, 6, 1), 4, False),  # new, 4 years
        (date(2024, 3, 1), date(2024, 6, 1), 5, True),  # new, 5 years
        (date(2019, 6, 1), date(2024, 6, 2), 5, True),  # both reasons, one code
    ],
)
def test_it_refuses_restart_on_a_used_vehicle_over_5_years_or_a_policy_over_4_years(
    option, first_registration, sale_date, duration, refused
):
    facts = sale(
        options=(Option(option),),
        first_registration=first_registration,
        sale_date=sale_date,
        duration_years=duration,
        market_value=D("30000"),
    )
    assert codes(facts) == (["restart_not_allowed"] if refused else [])


def test_a_five_year_policy_without_restart_is_fine():
    assert codes(sale(duration_years=5)) == []


@pytest.mark.parametrize("package", ["rosso", "giallo"])
def test_it_refuses_kasko_finanziaria_outside_the_blu_package(package):
    facts = sale(
        package=Package(package), options=(Option.KASKO_FINANZIARIA,), financed_by_lfs=True
    )
    assert codes(facts) == ["option_not_in_package"]


def test_kasko_finanziaria_on_a_new_blu_car_financed_by_lfs_is_eligible():
    facts = sale(options=(Option.KASKO_FINANZIARIA,), financed_by_lfs=True)
    assert codes(facts) == []


@pytest.mark.parametrize(
    ("first_registration", "financed"),
    [(date(2021, 1, 1), True), (date(2024, 3, 1), False), (date(2021, 1, 1), False)],
)
def test_it_refuses_kasko_finanziaria_on_a_used_or_unfinanced_vehicle(first_registration, financed):
    facts = sale(
        options=(Option.KASKO_FINANZIARIA,),
        first_registration=first_registration,
        market_value=D("30000"),
        financed_by_lfs=financed,
    )
    assert codes(facts) == ["kasko_finanziaria_not_allowed"]


def test_kasko_finanziaria_is_not_a_kasko_option_for_the_age_limit():
    facts = sale(
        options=(Option.KASKO_FINANZIARIA,),
        first_registration=date(2017, 1, 1),
        market_value=D("30000"),
        financed_by_lfs=True,
    )
    assert codes(facts) == ["kasko_finanziaria_not_allowed"]


def test_it_refuses_fattura_rimborsata_without_protezione_franchigia():
    assert codes(sale(options=(Option.FATTURA_RIMBORSATA,))) == ["option_requires"]


def test_fattura_rimborsata_with_protezione_franchigia_is_eligible():
    options = (Option.FATTURA_RIMBORSATA, Option.PROTEZIONE_FRANCHIGIA)
    assert codes(sale(options=options)) == []


def test_every_applicable_code_appears_once_in_the_order_of_the_api():
    facts = sale(
        package=Package.ROSSO,
        options=(
            Option.KASKO_PREMIUM,
            Option.KASKO_BASE,
            Option.RESTART_10K,
            Option.RESTART_20K,
            Option.KASKO_FINANZIARIA,
            Option.FATTURA_RIMBORSATA,
            Option.FATTURA_RIMBORSATA,
        ),
        vehicle_type="motociclo",
        first_registration=date(2010, 1, 1),
        invoice_price=D("5000"),
        market_value=D("3000"),
        duration_years=5,
    )
    result = assess_eligibility(facts)
    assert not result.eligible
    assert (result.vehicle_condition, result.insured_value) == ("used", D("3600.00"))
    assert [r.code for r in result.refusals] == [
        "target_market",
        "vehicle_too_old",
        "value_too_low",
        "kasko_too_old",
        "restart_not_allowed",
        "kasko_finanziaria_not_allowed",
        "option_requires",
        "option_not_in_package",
    ]


def test_refusals_are_in_italian_by_default_and_in_english_on_request():
    facts = sale(invoice_price=D("3500"), options=(Option.FATTURA_RIMBORSATA,))
    italian = assess_eligibility(facts).refusals
    english = assess_eligibility(facts, lang="en").refusals
    assert [r.message for r in italian] == [
        "Il valore assicurato di 3.500,00\u00a0€ è inferiore al minimo di 4.000,00\u00a0€.",
        "La garanzia Fattura Rimborsata può essere acquistata solo insieme a "
        "Protezione Franchigia.",
    ]
    assert [r.message for r in english] == [
        "The insured value of 3.500,00\u00a0€ is below the minimum of 4.000,00\u00a0€.",
        "Fattura Rimborsata can only be bought together with Protezione Franchigia.",
    ]


def test_every_refusal_has_a_sentence_in_both_languages():
    facts = sale(
        package=Package.GIALLO,
        options=(
            Option.KASKO_BASE,
            Option.RESTART_20K,
            Option.KASKO_FINANZIARIA,
            Option.FATTURA_RIMBORSATA,
        ),
        vehicle_type="autocarro",
        first_registration=date(2012, 1, 1),
        invoice_price=D("3000"),
        market_value=D("3000"),
        duration_years=5,
    )
    italian = assess_eligibility(facts, lang="it").refusals
    english = assess_eligibility(facts, lang="en").refusals
    assert len(italian) == len(english) == 8
    for it, en in zip(italian, english, strict=True):
        assert it.code == en.code
        assert it.message and en.message and it.message != en.message


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("invoice_price", {"invoice_price": D("-1")}),
        ("market_value", {"market_value": D("-1")}),
        ("duration_years", {"duration_years": 0}),
        ("duration_years", {"duration_years": 6}),
    ],
)
def test_impossible_sale_figures_are_invalid_input(field, overrides):
    with pytest.raises(InvalidInput) as raised:
        assess_eligibility(sale(**overrides))
    assert raised.value.field == field


# --- Package contents and the limits of the other covers -----------------------------------

ALL_INCLUDED = {
    "incendio_furto",
    "atti_vandalici",
    "cristalli",
    "calamita_naturali",
    "garanzie_speciali",
    "mobilita",
    "soccorso_stradale",
    "auto_sostitutiva",
}


@pytest.mark.parametrize(
    ("package", "covers"),
    [
        ("blu", ALL_INCLUDED),
        ("rosso", ALL_INCLUDED),
        ("giallo", ALL_INCLUDED - {"atti_vandalici", "calamita_naturali"}),
    ],
)
def test_each_package_includes_the_covers_of_its_column(package, covers):
    assert set(included_covers(Package(package))) == covers


@pytest.mark.parametrize(
    ("cover", "package", "options", "covered"),
    [
        ("atti_vandalici", "rosso", (), True),
        ("atti_vandalici", "giallo", (), False),
        ("calamita_naturali_base", "giallo", (), False),
        ("furto", "giallo", (), True),
        ("cristalli", "giallo", (), True),
        ("kasko_premium", "blu", (), False),
        ("kasko_premium", "giallo", ("kasko_premium",), True),
        ("collisione_base", "blu", ("kasko_base",), False),
    ],
)
def test_a_claim_is_covered_by_the_package_or_by_an_option(cover, package, options, covered):
    chosen = [Option(o) for o in options]
    assert claim_is_covered(Cover(cover), Package(package), chosen) is covered


def test_special_expenses_are_each_limited_and_516_a_claim_in_all():
    result = special_expenses_refund(
        {
            SpecialExpense.GARAGE_TRANSPORT: D("300"),  # limit 250
            SpecialExpense.SALVAGE: D("200"),  # limit 150
            SpecialExpense.KEYS: D("100"),
        },
        total_theft_or_fire=False,
    )
    assert [str(i.allowed) for i in result.items] == ["250", "150", "100.00"]
    assert result.total == D("500.00")
    capped = special_expenses_refund(
        {SpecialExpense.ROAD_VICTIMS: D("600"), SpecialExpense.KEYS: D("100")},
        total_theft_or_fire=False,
    )
    assert capped.total == D("516")  # 516 + 100, limited to 516


def test_re_registration_documents_and_tax_are_paid_only_on_total_theft_or_fire():
    claimed = {
        SpecialExpense.RE_REGISTRATION: D("300"),
        SpecialExpense.DOCUMENTS: D("100"),
        SpecialExpense.OWNERSHIP_TAX: D("120"),
    }
    assert special_expenses_refund(claimed, total_theft_or_fire=False).total == D("0.00")
    assert special_expenses_refund(claimed, total_theft_or_fire=True).total == D("470.00")


def test_ownership_tax_is_refunded_from_the_month_after_the_claim():
    # claim in March, tax paid to the end of August: April to August, 5 of 12 months of 360
    refund = ownership_tax_refund(D("360"), date(2024, 3, 15), date(2024, 8, 31))
    assert refund == D("150.00")
    assert ownership_tax_refund(D("360"), date(2024, 9, 1), date(2024, 8, 31)) == D("0.00")


@pytest.mark.parametrize(
    ("days", "theft", "package", "total"),
    [
        (31, False, "blu", "850.00"),  # hire 10 days x 35 = 350, lodging 500
        (30, False, "blu", "0.00"),  # not over 30 days
        (45, True, "blu", "0.00"),  # theft is excluded
        (31, False, "giallo", "850.00"),  # Giallo has Garanzie speciali too
    ],
)
def test_mobility_pays_hire_and_lodging_only_after_30_days_unable_to_drive(
    days, theft, package, total
):
    expenses = MobilityExpenses(
        days_unable_to_drive=days, hire_with_driver=D("400"), hire_days=10, lodging=D("600")
    )
    assert mobility_refund(expenses, Package(package), cause_is_theft=theft).total == D(total)


def test_mobility_pays_at_most_1500():
    expenses = MobilityExpenses(
        days_unable_to_drive=60, hire_with_driver=D("1400"), hire_days=40, lodging=D("500")
    )
    assert mobility_refund(expenses, Package.BLU, cause_is_theft=False).total == D("1500")


@pytest.mark.parametrize(
    ("option", "settlement", "benefit"),
    [
        ("restart_10k", "35000", "10000"),  # shortfall 15,000
        ("restart_20k", "35000", "15000.00"),
        ("restart_20k", "25000", "20000"),  # shortfall 25,000
        ("restart_10k", "52000", "0.00"),
    ],
)
def test_restart_pays_the_invoice_price_less_the_settlement_up_to_its_limit(
    option, settlement, benefit
):
    assert restart_benefit(Option(option), D("50000"), D(settlement)) == D(benefit)


def partial(damage: str, deductible: str) -> Settlement:
    return Settlement(
        DamageKind.PARTIAL, D(damage), D(deductible), D(damage) - D(deductible), None, None
    )


@pytest.mark.parametrize(
    ("settlement", "in_network", "refunded", "refund"),
    [
        (partial("2000", "400"), True, "0", "400"),
        (partial("2000", "400"), False, "0", "0"),  # outside the network
        (partial("2000", "400"), True, "300", "100"),  # 400 a year
        (partial("20000", "2000"), True, "0", "400"),
        (partial("300", "300"), True, "0", "0"),  # damage not above the deductible
        (
            Settlement(DamageKind.TOTAL, D("20000"), D("2000"), D("18000"), D("1"), None),
            True,
            "0",
            "0",
        ),
    ],
)
def test_protezione_franchigia_refunds_the_deductible_up_to_400_a_year(
    settlement, in_network, refunded, refund
):
    assert protezione_franchigia_refund(settlement, in_network, D(refunded)) == D(refund)


@pytest.mark.parametrize(
    ("invoices", "total_theft", "refund"),
    [("1500", True, "1000"), ("600", True, "600.00"), ("600", False, "0")],
)
def test_fattura_rimborsata_refunds_network_invoices_up_to_1000_on_total_theft(
    invoices, total_theft, refund
):
    assert fattura_rimborsata_refund(D(invoices), total_theft) == D(refund)


@pytest.mark.parametrize(
    ("cost", "already", "refund"), [("300", 0, "250"), ("120", 0, "120.00"), ("120", 1, "0")]
)
def test_protezione_pneumatici_pays_one_tyre_a_year_up_to_250(cost, already, refund):
    assert tyre_refund(D(cost), already) == D(refund)


def test_kasko_finanziaria_pays_the_residual_debt_only_on_a_total_kasko_loss():
    total = Settlement(DamageKind.TOTAL, D("20000"), D("0"), D("20000"), D("1"), None)
    assert kasko_finanziaria_benefit(Cover.KASKO_PREMIUM, total, D("17500")) == D("17500.00")
    assert kasko_finanziaria_benefit(Cover.FURTO, total, D("17500")) == D("0")
    assert kasko_finanziaria_benefit(Cover.KASKO_BASE, partial("5000", "300"), D("17500")) == 0


def test_kasko_base_partial_damage_pays_at_most_4000_a_year():
    assert base_partial_year_payable(D("2000"), D("3000")) == D("1000")
    assert base_partial_year_payable(D("2000"), D("4000")) == D("0")
    assert base_partial_year_payable(D("1500"), D("0")) == D("1500")


@pytest.mark.parametrize(
    ("kind", "in_network", "needed", "days"),
    [
        ("partial", True, 20, 15),
        ("partial", True, 5, 5),
        ("partial", False, 20, 0),
        ("total", False, 40, 30),
        ("total", True, 12, 12),
    ],
)
def test_a_courtesy_car_for_up_to_15_days_partial_in_network_and_30_days_total(
    kind, in_network, needed, days
):
    assert courtesy_car_days(DamageKind(kind), in_network, needed) == days


def test_included_cover_names_match_the_api_vocabulary():
    assert {c.value for c in IncludedCover} == ALL_INCLUDED
