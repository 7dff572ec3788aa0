"""GAP Insurance by smart (PRODUCTS.md §6, API.md gap-benefit, seed 004).

Expected figures are worked out by hand from the sources, never by the code under test.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.asset_protector import Payee
from policies.rules.smart_gap import (
    InvalidGapRequest,
    SmartGapClaim,
    SmartGapExtras,
    SmartGapParams,
    SmartGapSale,
    combined_gap_benefit,
    lease_contribution,
    lease_gap_benefit,
    smart_gap_sale_refusals,
)

CUSTOMER, FINANCE = Payee.CUSTOMER, Payee.FINANCE_COMPANY


def opt(value):
    return None if value is None else D(value)


def test_the_seed_example_pays_four_thousand_on_combined_gap():
    result = combined_gap_benefit(SmartGapClaim(D("14000"), D("10000")))
    assert (result.covered, result.benefit, result.payee) == (True, D("4000.00"), CUSTOMER)


def test_the_seed_example_pays_four_thousand_on_lease_gap():
    claim = SmartGapClaim(D("14000"), D("10000"), finance_settlement=D("14000"))
    result = lease_gap_benefit(claim)
    assert (result.covered, result.benefit, result.payee) == (True, D("4000.00"), FINANCE)


# max(invoice, finance settlement or 0) - settlement, floored, + min(excess, 250)
@pytest.mark.parametrize(
    ("invoice", "settlement", "finance", "excess", "benefit", "payee"),
    [
        ("14000", "10000", None, "0", "4000.00", CUSTOMER),  # cash buyer
        ("14000", "10000", "16000", "0", "6000.00", FINANCE),  # finance above invoice
        ("14000", "10000", "12000", "0", "4000.00", CUSTOMER),  # finance below invoice
        ("14000", "10000", "14000", "0", "4000.00", CUSTOMER),  # equal: not greater
        ("14000", "10000", None, "100", "4100.00", CUSTOMER),
        ("14000", "10000", None, "250", "4250.00", CUSTOMER),
        ("14000", "10000", None, "250.01", "4250.00", CUSTOMER),
        ("14000", "10000", None, "1000", "4250.00", CUSTOMER),
        ("14000", "15000", None, "300", "250.00", CUSTOMER),  # floored before the excess
    ],
)
def test_combined_gap_pays_the_larger_shortfall_plus_the_excess(
    invoice, settlement, finance, excess, benefit, payee
):
    claim = SmartGapClaim(D(invoice), D(settlement), opt(finance), motor_excess=D(excess))
    result = combined_gap_benefit(claim)
    assert (result.covered, result.benefit, result.payee) == (True, D(benefit), payee)


# lease settlement - settlement, floored, + min(excess, 250) + min(3 x rental, 2500)
@pytest.mark.parametrize(
    ("lease", "settlement", "excess", "rental", "new_lease", "benefit"),
    [
        ("14000", "10000", "0", "0", False, "4000.00"),
        ("14000", "10000", "250", "0", False, "4250.00"),
        ("14000", "10000", "400", "0", False, "4250.00"),
        ("14000", "10000", "0", "500", True, "5500.00"),
        ("14000", "10000", "0", "833.33", True, "6499.99"),
        ("14000", "10000", "0", "833.34", True, "6500.00"),  # 2,500.02 capped at 2,500
        ("14000", "10000", "0", "1000", True, "6500.00"),
        ("14000", "10000", "0", "1000", False, "4000.00"),  # no new lease, no contribution
        ("9000", "10000", "100", "200", True, "700.00"),  # floored before the additions
    ],
)
def test_lease_gap_pays_the_shortfall_the_excess_and_the_new_lease_contribution(
    lease, settlement, excess, rental, new_lease, benefit
):
    claim = SmartGapClaim(
        D("14000"),
        D(settlement),
        D(lease),
        motor_excess=D(excess),
        monthly_rental=D(rental),
        new_lease=new_lease,
    )
    result = lease_gap_benefit(claim)
    assert (result.covered, result.benefit, result.payee) == (True, D(benefit), FINANCE)


def test_lease_gap_cannot_be_calculated_without_the_lease_settlement():
    with pytest.raises(InvalidGapRequest):
        lease_gap_benefit(SmartGapClaim(D("14000"), D("10000")))


@pytest.mark.parametrize(
    ("first_registration", "invoice", "hire_and_reward", "codes"),
    [
        (None, "30000", False, []),  # new, not yet registered
        (date(2015, 6, 1), "30000", False, []),  # exactly 10 years old on the sale date
        (date(2015, 5, 31), "30000", False, ["smart_gap_vehicle_too_old"]),
        (date(2020, 1, 1), "75000", False, []),
        (date(2020, 1, 1), "75000.01", False, ["smart_gap_invoice_too_high"]),
        (date(2020, 1, 1), "100000", True, []),  # Hire and Reward: up to 125,000
        (date(2020, 1, 1), "125000", True, []),
        (date(2020, 1, 1), "125000.01", True, ["smart_gap_invoice_too_high"]),
        (
            date(2010, 1, 1),
            "80000",
            False,
            ["smart_gap_vehicle_too_old", "smart_gap_invoice_too_high"],
        ),
    ],
)
def test_the_sale_respects_the_vehicle_age_and_invoice_price_limits(
    first_registration, invoice, hire_and_reward, codes
):
    sale = SmartGapSale(D(invoice), date(2025, 6, 1), first_registration, hire_and_reward)
    assert [r.code for r in smart_gap_sale_refusals(sale)] == codes


def test_the_invoice_refusal_names_the_limit_that_applies():
    cars = smart_gap_sale_refusals(SmartGapSale(D("80000"), date(2025, 6, 1)))
    hire = smart_gap_sale_refusals(SmartGapSale(D("130000"), date(2025, 6, 1), None, True))
    assert "£75,000" in cars[0].message
    assert "£125,000" in hire[0].message


def test_without_extras_the_answer_is_the_api_answer_even_above_the_purchase_price():
    # 30,000 owed on a car invoiced at 14,000: the API contract pays the full shortfall.
    claim = SmartGapClaim(D("14000"), D("0"), finance_settlement=D("30000"))
    assert combined_gap_benefit(claim).benefit == D("30000.00")


@pytest.mark.parametrize(
    ("settlement", "finance", "accessories", "licence", "benefit"),
    [
        ("10000", None, "0", "0", "4000.00"),  # empty extras change nothing here
        ("10000", None, "1500", "0", "5500.00"),
        ("10000", None, "1500.01", "0", "5500.00"),
        ("10000", None, "0", "200", "4200.00"),
        ("10000", None, "0", "200.01", "4200.00"),
        ("10000", None, "2000", "300", "5700.00"),
        ("10000", "13000", "1500", "200", "5700.00"),  # 4,000 + 1,500 + 200
        ("0", "30000", "0", "0", "14000.00"),  # 30,000 limited to the purchase price
        ("1000", "14000", "1500", "200", "14000.00"),  # 13,000 + 1,700 limited
    ],
)
def test_the_extended_claim_adds_accessories_and_licence_within_the_purchase_price(
    settlement, finance, accessories, licence, benefit
):
    claim = SmartGapClaim(D("14000"), D(settlement), opt(finance))
    extras = SmartGapExtras(D(accessories), D(licence))
    assert combined_gap_benefit(claim, extras=extras).benefit == D(benefit)


def test_the_extended_lease_claim_is_limited_to_the_purchase_price():
    claim = SmartGapClaim(
        D("14000"), D("1000"), D("14000"), new_lease=True, monthly_rental=D("900")
    )
    extras = SmartGapExtras(D("1500"), D("200"))
    # 13,000 + 2,500 + 1,500 + 200 = 17,200, limited to 14,000
    assert lease_gap_benefit(claim, extras=extras).benefit == D("14000.00")


def test_head_office_can_change_the_excess_limit():
    claim = SmartGapClaim(D("14000"), D("10000"), motor_excess=D("400"))
    params = SmartGapParams(motor_excess_limit=D("300"))
    assert combined_gap_benefit(claim, params).benefit == D("4300.00")


money = st.decimals(min_value=0, max_value=500_000, places=2)


@given(
    invoice=money,
    settlement=money,
    finance=money,
    excess=money,
    rental=money,
    new_lease=st.booleans(),
)
def test_no_smart_benefit_is_negative_and_the_contribution_stays_within_2500(
    invoice, settlement, finance, excess, rental, new_lease
):
    claim = SmartGapClaim(invoice, settlement, finance, excess, rental, new_lease)
    assert D("0") <= lease_contribution(claim) <= D("2500")
    assert lease_gap_benefit(claim).benefit >= 0
    assert combined_gap_benefit(claim).benefit >= 0


@given(invoice=money, settlement=money, finance=money, accessories=money, licence=money)
def test_the_extended_claim_never_exceeds_the_purchase_price(
    invoice, settlement, finance, accessories, licence
):
    claim = SmartGapClaim(invoice, settlement, finance)
    extras = SmartGapExtras(accessories, licence)
    assert D("0") <= combined_gap_benefit(claim, extras=extras).benefit <= invoice
