"""Lexus Comprehensive Motor rules, straight from the tables of PRODUCTS.md §5 and API.md.

Every expected figure is worked out by hand from the premium, excess and claims guide
(seed 003), never by calling the code under test. No database.
"""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.au_comprehensive import (
    AuParams,
    ClaimType,
    Discount,
    ExcessClaim,
    InvalidInput,
    LicenceType,
    OptionPremium,
    State,
    VoluntaryExcessTooHigh,
    au_excess,
    compose_premium,
    payment_options,
)

EVENTS = ("theft", "fire", "flood", "hail", "storm", "malicious", "parked")


def excess_claim(**overrides: object) -> ExcessClaim:
    """An experienced named driver at fault in NSW: only the basic excess."""
    facts = ExcessClaim(
        state=State.NSW,
        claim_type=ClaimType.ACCIDENT,
        at_fault=True,
        other_party_identified=True,
        driver_age=40,
        licence_years=D("20"),
        licence_type=LicenceType.FULL,
        driver_named=True,
    )
    return replace(facts, **overrides)


def items(facts: ExcessClaim, params: AuParams | None = None) -> list[tuple[str, str]]:
    result = au_excess(facts) if params is None else au_excess(facts, params)
    return [(item.type.value, str(item.amount)) for item in result.items]


# A young learner, not named, with a voluntary and a special excess: every excess could apply.
EVERYTHING = {
    "state": State.VIC,
    "driver_age": 22,
    "licence_years": D("1"),
    "licence_type": LicenceType.LEARNER,
    "driver_named": False,
    "voluntary_excess": D("500"),
    "special_excess": D("300"),
}
ALL_ITEMS = [
    ("basic", "775.00"),
    ("voluntary", "500.00"),
    ("age", "700.00"),
    ("special", "300.00"),
    ("undisclosed_driver", "1000.00"),
]


# --- The excess table ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "basic"),
    [
        ("ACT", "700.00"),
        ("NSW", "750.00"),
        ("NT", "550.00"),
        ("QLD", "750.00"),
        ("SA", "500.00"),
        ("TAS", "500.00"),
        ("VIC", "775.00"),
        ("WA", "550.00"),
    ],
)
def test_the_basic_excess_depends_on_the_state_of_residence(state, basic):
    result = au_excess(excess_claim(state=State(state)))
    assert items(excess_claim(state=State(state))) == [("basic", basic)]
    assert result.total == D(basic)
    assert result.currency == "AUD"


@pytest.mark.parametrize("voluntary", ["250", "2000"])
def test_a_voluntary_excess_up_to_2000_is_added_to_the_basic(voluntary):
    result = au_excess(excess_claim(voluntary_excess=D(voluntary)))
    assert items(excess_claim(voluntary_excess=D(voluntary))) == [
        ("basic", "750.00"),
        ("voluntary", f"{voluntary}.00"),
    ]
    assert result.total == D("750") + D(voluntary)


@pytest.mark.parametrize("voluntary", ["2000.01", "2500"])
def test_a_voluntary_excess_above_2000_is_invalid_input(voluntary):
    with pytest.raises(VoluntaryExcessTooHigh) as raised:
        au_excess(excess_claim(voluntary_excess=D(voluntary)))
    assert isinstance(raised.value, ValueError)
    assert raised.value.field == "voluntary_excess"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("voluntary_excess", D("-1")),
        ("special_excess", D("-0.01")),
        ("driver_age", -1),
        ("licence_years", D("-1")),
    ],
)
def test_negative_figures_are_invalid_input(field, value):
    with pytest.raises(InvalidInput) as raised:
        au_excess(excess_claim(**{field: value}))
    assert raised.value.field == field


@pytest.mark.parametrize(("age", "applies"), [(17, True), (24, True), (25, False), (60, False)])
def test_the_age_excess_of_700_applies_to_a_driver_under_25(age, applies):
    age_item = [("age", "700.00")] if applies else []
    assert items(excess_claim(driver_age=age)) == [("basic", "750.00"), *age_item]


@pytest.mark.parametrize(
    ("years", "licence_type", "applies"),
    [
        (D("1.99"), "full", True),
        (D("0"), "full", True),
        (D("2"), "full", False),
        (D("10"), "overseas", True),
        (D("10"), "probationary", True),
        (D("10"), "provisional", True),
        (D("10"), "learner", True),
    ],
)
def test_the_licence_excess_of_700_applies_to_a_new_or_restricted_licence(
    years, licence_type, applies
):
    facts = excess_claim(licence_years=years, licence_type=LicenceType(licence_type))
    licence_item = [("licence", "700.00")] if applies else []
    assert items(facts) == [("basic", "750.00"), *licence_item]


def test_the_licence_excess_does_not_come_on_top_of_the_age_excess():
    facts = excess_claim(driver_age=20, licence_years=D("1"), licence_type=LicenceType.LEARNER)
    assert items(facts) == [("basic", "750.00"), ("age", "700.00")]


def test_the_special_excess_on_the_schedule_is_added():
    assert items(excess_claim(special_excess=D("450"))) == [
        ("basic", "750.00"),
        ("special", "450.00"),
    ]


@pytest.mark.parametrize(
    ("age", "named", "expected"),
    [
        (24, False, [("age", "700.00"), ("undisclosed_driver", "1000.00")]),
        (24, True, [("age", "700.00")]),
        (25, False, []),
    ],
)
def test_the_undisclosed_driver_excess_of_1000_is_for_a_driver_under_25_not_named(
    age, named, expected
):
    facts = excess_claim(driver_age=age, driver_named=named)
    assert items(facts) == [("basic", "750.00"), *expected]


def test_every_excess_is_listed_in_order_and_added_together():
    result = au_excess(excess_claim(**EVERYTHING))
    assert items(excess_claim(**EVERYTHING)) == ALL_ITEMS
    assert result.total == D("3275.00")  # 775 + 500 + 700 + 300 + 1,000


def test_an_older_new_driver_gets_the_licence_excess_in_the_place_of_the_age_excess():
    facts = excess_claim(**{**EVERYTHING, "driver_age": 30})
    assert items(facts) == [
        ("basic", "775.00"),
        ("voluntary", "500.00"),
        ("licence", "700.00"),
        ("special", "300.00"),
    ]


# --- Which excesses a claim attracts -------------------------------------------------------


@pytest.mark.parametrize(
    ("at_fault", "identified", "expected"),
    [
        (True, True, ALL_ITEMS),
        (True, False, ALL_ITEMS),
        (False, True, []),  # no fault, no excess
        (False, False, ALL_ITEMS),  # the cost cannot be recovered
    ],
)
def test_an_accident_attracts_every_excess_unless_not_at_fault_with_the_other_party_named(
    at_fault, identified, expected
):
    facts = excess_claim(**EVERYTHING, at_fault=at_fault, other_party_identified=identified)
    assert items(facts) == expected
    assert au_excess(facts).total == sum((D(a) for _, a in expected), D(0))


@pytest.mark.parametrize("claim_type", EVENTS)
def test_theft_fire_weather_malice_and_parked_damage_with_the_offender_named_have_no_excess(
    claim_type,
):
    facts = excess_claim(
        **EVERYTHING, claim_type=ClaimType(claim_type), other_party_identified=True
    )
    assert items(facts) == []
    assert au_excess(facts).total == D("0")


@pytest.mark.parametrize("claim_type", EVENTS)
@pytest.mark.parametrize("at_fault", [True, False])
def test_theft_fire_weather_malice_and_parked_damage_otherwise_take_basic_voluntary_and_special(
    claim_type, at_fault
):
    facts = excess_claim(
        **EVERYTHING,
        claim_type=ClaimType(claim_type),
        at_fault=at_fault,
        other_party_identified=False,
    )
    assert items(facts) == [("basic", "775.00"), ("voluntary", "500.00"), ("special", "300.00")]
    assert au_excess(facts).total == D("1575.00")


@pytest.mark.parametrize("at_fault", [True, False])
@pytest.mark.parametrize("identified", [True, False])
def test_a_glass_claim_takes_the_basic_and_voluntary_excess_whoever_was_at_fault(
    at_fault, identified
):
    facts = excess_claim(
        **EVERYTHING,
        claim_type=ClaimType.GLASS,
        at_fault=at_fault,
        other_party_identified=identified,
    )
    assert items(facts) == [("basic", "775.00"), ("voluntary", "500.00")]
    assert au_excess(facts).total == D("1275.00")


def test_a_glass_claim_with_excess_free_glass_cover_has_no_excess():
    facts = excess_claim(**EVERYTHING, claim_type=ClaimType.GLASS, excess_free_glass=True)
    assert items(facts) == []
    assert au_excess(facts).total == D("0")


def test_excess_free_glass_cover_does_not_touch_other_claims():
    facts = excess_claim(**EVERYTHING, excess_free_glass=True)
    assert items(facts) == ALL_ITEMS


def test_head_office_can_put_the_special_excess_on_glass_claims():
    facts = excess_claim(**EVERYTHING, claim_type=ClaimType.GLASS)
    params = AuParams(special_excess_on_glass=True)
    assert items(facts, params) == [
        ("basic", "775.00"),
        ("voluntary", "500.00"),
        ("special", "300.00"),
    ]


def test_a_zero_voluntary_or_special_excess_is_left_out():
    facts = excess_claim(voluntary_excess=D("0"), special_excess=D("0.00"))
    assert items(facts) == [("basic", "750.00")]


# --- Payment options -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standard", "discount", "annual", "monthly"),
    [
        ("594", "59.40", "534.60", "49.50"),  # the guide's own example
        ("594.00", "59.40", "534.60", "49.50"),
        ("1000", "100.00", "900.00", "83.33"),
        ("100.05", "10.01", "90.04", "8.34"),  # 10.005 and 8.3375, rounded half-up
        ("0", "0.00", "0.00", "0.00"),
    ],
)
def test_annual_payment_gets_10_percent_off_and_monthly_is_a_twelfth(
    standard, discount, annual, monthly
):
    result = payment_options(D(standard))
    assert (str(result.annual_discount), str(result.annual_premium)) == (discount, annual)
    assert str(result.monthly_instalment) == monthly
    assert result.currency == "AUD"


def test_the_annual_discount_rate_is_a_parameter():
    result = payment_options(D("594"), AuParams(annual_discount=D("0.15")))
    assert (result.annual_discount, result.annual_premium) == (D("89.10"), D("504.90"))


def test_the_twelve_instalments_add_back_to_the_standard_premium():
    result = payment_options(D("1000"))
    assert result.instalments == (D("83.34"),) * 4 + (D("83.33"),) * 8


def test_a_negative_premium_is_invalid_input():
    with pytest.raises(InvalidInput):
        payment_options(D("-1"))


# --- Premium composition -------------------------------------------------------------------


def test_discounts_apply_to_the_base_in_turn_before_the_options_are_added():
    result = compose_premium(
        D("1000"),
        [Discount("lifetime_rating_1", D("0.30")), Discount("voluntary_excess", D("0.05"))],
        [OptionPremium("excess_free_glass", D("45.50"))],
    )
    # 30% of 1,000 = 300; 5% of the 700 left = 35; 665 + 45.50
    assert [(d.name, d.amount) for d in result.discounts] == [
        ("lifetime_rating_1", D("300.00")),
        ("voluntary_excess", D("35.00")),
    ]
    assert result.discounted_base == D("665.00")
    assert [(o.name, o.amount) for o in result.options] == [("excess_free_glass", D("45.50"))]
    assert result.premium == D("710.50")
    assert result.currency == "AUD"


def test_head_office_can_add_discounts_up_instead_of_compounding_them():
    result = compose_premium(
        D("1000"),
        [Discount("lifetime_rating_1", D("0.30")), Discount("voluntary_excess", D("0.05"))],
        [OptionPremium("excess_free_glass", D("45.50"))],
        AuParams(compound_discounts=False),
    )
    assert [d.amount for d in result.discounts] == [D("300.00"), D("50.00")]
    assert (result.discounted_base, result.premium) == (D("650.00"), D("695.50"))


def test_a_discount_never_touches_the_option_premiums():
    result = compose_premium(
        D("500"), [Discount("payment_method", D("0.10"))], [OptionPremium("glass", D("60"))]
    )
    assert (result.discounted_base, result.premium) == (D("450.00"), D("510.00"))


def test_without_discounts_or_options_the_premium_is_the_base():
    result = compose_premium(D("594"), [], [])
    assert (result.discounted_base, result.premium) == (D("594.00"), D("594.00"))


@pytest.mark.parametrize(
    ("base", "discounts", "options"),
    [
        (D("-1"), [], []),
        (D("100"), [Discount("x", D("1.5"))], []),
        (D("100"), [Discount("x", D("-0.1"))], []),
        (D("100"), [], [OptionPremium("glass", D("-5"))]),
    ],
)
def test_impossible_premium_figures_are_invalid_input(base, discounts, options):
    with pytest.raises(InvalidInput):
        compose_premium(base, discounts, options)


# --- Properties ----------------------------------------------------------------------------

money_amounts = st.decimals(min_value=0, max_value=100_000, places=2)
excess_claims = st.builds(
    ExcessClaim,
    state=st.sampled_from(State),
    claim_type=st.sampled_from(ClaimType),
    at_fault=st.booleans(),
    other_party_identified=st.booleans(),
    driver_age=st.integers(16, 99),
    licence_years=st.decimals(min_value=0, max_value=80, places=1),
    licence_type=st.sampled_from(LicenceType),
    driver_named=st.booleans(),
    voluntary_excess=st.decimals(min_value=0, max_value=2000, places=2),
    special_excess=st.decimals(min_value=0, max_value=5000, places=2),
    excess_free_glass=st.booleans(),
)
ORDER = ["basic", "voluntary", "age", "licence", "special", "undisclosed_driver"]


@given(excess_claims)
def test_the_excess_total_is_the_sum_of_its_items_and_never_negative(facts):
    result = au_excess(facts)
    assert result.total == sum((i.amount for i in result.items), D(0))
    assert result.total >= 0
    assert all(i.amount > 0 for i in result.items)
    kinds = [i.type.value for i in result.items]
    assert kinds == sorted(kinds, key=ORDER.index)
    assert not {"age", "licence"} <= set(kinds)


@given(money_amounts)
def test_annual_premium_and_discount_add_up_to_the_standard_premium(standard):
    result = payment_options(standard)
    assert result.annual_premium + result.annual_discount == standard
    assert sum(result.instalments, D(0)) == standard
    assert result.annual_premium >= 0


@given(
    money_amounts,
    st.lists(st.decimals(min_value=0, max_value=1, places=3), max_size=4),
    st.lists(money_amounts, max_size=3),
    st.booleans(),
)
def test_the_premium_lines_add_up_and_nothing_is_negative(base, rates, option_premiums, compound):
    result = compose_premium(
        base,
        [Discount(f"d{i}", r) for i, r in enumerate(rates)],
        [OptionPremium(f"o{i}", p) for i, p in enumerate(option_premiums)],
        AuParams(compound_discounts=compound),
    )
    assert result.discounted_base + sum((d.amount for d in result.discounts), D(0)) == base
    assert result.premium == result.discounted_base + sum((o.amount for o in result.options), D(0))
    assert result.discounted_base >= 0
    assert all(d.amount >= 0 for d in result.discounts)
