"""Lexus Asset Protector (PRODUCTS.md §1, API.md gap-benefit, seed 000).

Expected figures are worked out by hand from the sources, never by the code under test.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.asset_protector import (
    AssetProtectorClaim,
    AssetProtectorParams,
    CoverDates,
    CoverPeriod,
    Payee,
    asset_protector_benefit,
    cover_dates,
    cover_period,
    month_of_loss,
    term_refusals,
)

CUSTOMER, FINANCE = Payee.CUSTOMER, Payee.FINANCE_COMPANY


def test_the_seed_example_pays_nine_thousand_to_the_customer():
    claim = AssetProtectorClaim(D("22000"), D("13000"), months_since_delivery=12)
    result = asset_protector_benefit(claim)
    assert (result.covered, result.benefit, result.payee) == (True, D("9000.00"), CUSTOMER)
    assert result.reason


# months 1-36: max(NIP, finance settlement or 0) - max(insurer, Glass's Guide)
@pytest.mark.parametrize(
    ("nip", "insurer", "glass", "finance", "month", "benefit", "payee"),
    [
        ("22000", "13000", None, None, 1, "9000.00", CUSTOMER),
        ("22000", "13000", None, None, 36, "9000.00", CUSTOMER),
        ("22000", "12000", "13000", None, 6, "9000.00", CUSTOMER),  # Glass's Guide higher
        ("22000", "13000", "12000", None, 6, "9000.00", CUSTOMER),  # insurer higher
        ("22000", "13000", None, "25000", 6, "12000.00", FINANCE),  # settlement above NIP
        ("22000", "13000", None, "20000", 6, "9000.00", CUSTOMER),  # settlement below NIP
        ("22000", "13000", None, "22000", 6, "9000.00", CUSTOMER),  # equal: not greater
        ("22000", "23000", None, None, 6, "0.00", CUSTOMER),  # market value above NIP
        ("22000", "13000", "23500", "23000", 6, "0.00", FINANCE),  # floored at 0
        ("22000.50", "13000.25", None, None, 6, "9000.25", CUSTOMER),
    ],
)
def test_standard_cover_pays_the_shortfall_to_the_market_value(
    nip, insurer, glass, finance, month, benefit, payee
):
    claim = AssetProtectorClaim(
        D(nip),
        D(insurer),
        month,
        glass_guide_value=None if glass is None else D(glass),
        finance_settlement=None if finance is None else D(finance),
    )
    result = asset_protector_benefit(claim)
    assert (result.covered, result.benefit, result.payee) == (True, D(benefit), payee)


# months 37-48: only finance term > 36 and a finance settlement; then nothing
@pytest.mark.parametrize(
    ("month", "term", "finance", "covered", "benefit", "payee"),
    [
        (37, 48, "15000", True, "2000.00", FINANCE),
        (48, 48, "15000", True, "2000.00", FINANCE),
        (37, 37, "15000", True, "2000.00", FINANCE),
        (40, 60, "12000", True, "0.00", FINANCE),  # settlement below market value
        (40, 60, "30000", True, "17000.00", FINANCE),  # NIP plays no part
        (49, 60, "15000", False, "0.00", CUSTOMER),
        (37, 36, "15000", False, "0.00", CUSTOMER),  # term not longer than 36
        (37, None, "15000", False, "0.00", CUSTOMER),  # no finance agreement
        (37, 48, None, False, "0.00", CUSTOMER),  # no finance settlement
        (120, None, None, False, "0.00", CUSTOMER),
    ],
)
def test_after_month_36_only_a_long_finance_agreement_keeps_limited_cover(
    month, term, finance, covered, benefit, payee
):
    claim = AssetProtectorClaim(
        D("22000"),
        D("13000"),
        month,
        finance_settlement=None if finance is None else D(finance),
        finance_term_months=term,
    )
    result = asset_protector_benefit(claim)
    assert (result.covered, result.benefit, result.payee) == (covered, D(benefit), payee)
    assert result.reason


def test_a_refused_month_says_why_in_the_reason():
    outside = asset_protector_benefit(AssetProtectorClaim(D("22000"), D("13000"), 37))
    no_settlement = asset_protector_benefit(
        AssetProtectorClaim(D("22000"), D("13000"), 37, finance_term_months=48)
    )
    assert "outside the cover" in outside.reason
    assert "no finance settlement" in no_settlement.reason


@pytest.mark.parametrize(
    ("month", "term", "period"),
    [
        (1, None, CoverPeriod.STANDARD),
        (36, None, CoverPeriod.STANDARD),
        (37, None, CoverPeriod.NONE),
        (37, 36, CoverPeriod.NONE),
        (37, 37, CoverPeriod.LIMITED),
        (48, 60, CoverPeriod.LIMITED),
        (49, 60, CoverPeriod.NONE),
    ],
)
def test_each_month_falls_in_the_standard_limited_or_no_cover(month, term, period):
    assert cover_period(month, term) is period


def test_month_zero_is_not_a_month_of_cover():
    with pytest.raises(ValueError):
        cover_period(0, None)


def test_head_office_can_change_the_cover_lengths():
    params = AssetProtectorParams(standard_months=24, limited_months=30)
    assert cover_period(25, 36, params) is CoverPeriod.LIMITED
    assert cover_period(31, 36, params) is CoverPeriod.NONE


@pytest.mark.parametrize(
    ("delivery", "term", "expected"),
    [
        (date(2025, 3, 15), None, CoverDates(date(2028, 3, 15), date(2028, 3, 15), False)),
        (date(2025, 3, 15), 36, CoverDates(date(2028, 3, 15), date(2028, 3, 15), False)),
        (date(2025, 3, 15), 48, CoverDates(date(2028, 3, 15), date(2029, 3, 15), True)),
        (date(2024, 2, 29), 60, CoverDates(date(2027, 2, 28), date(2028, 2, 29), True)),
    ],
)
def test_cover_ends_36_months_after_delivery_or_48_with_limited_cover(delivery, term, expected):
    assert cover_dates(delivery, term) == expected


@pytest.mark.parametrize(
    ("delivery", "loss", "month"),
    [
        (date(2025, 1, 15), date(2025, 1, 15), 1),
        (date(2025, 1, 15), date(2025, 2, 14), 1),
        (date(2025, 1, 15), date(2025, 2, 15), 2),
        (date(2025, 1, 15), date(2028, 1, 14), 36),
        (date(2025, 1, 15), date(2028, 1, 15), 37),
        (date(2024, 1, 31), date(2024, 2, 28), 1),
        (date(2024, 1, 31), date(2024, 2, 29), 2),  # a short month ends on its last day
    ],
)
def test_the_month_of_loss_counts_from_delivery(delivery, loss, month):
    assert month_of_loss(delivery, loss) == month


money = st.decimals(min_value=0, max_value=500_000, places=2)


@given(
    nip=money,
    insurer=money,
    glass=st.none() | money,
    finance=st.none() | money,
    month=st.integers(1, 100),
    term=st.none() | st.integers(1, 84),
)
def test_the_benefit_is_never_negative_and_nothing_is_paid_without_cover(
    nip, insurer, glass, finance, month, term
):
    claim = AssetProtectorClaim(nip, insurer, month, glass, finance, term)
    result = asset_protector_benefit(claim)
    assert result.benefit >= 0
    assert result.benefit == result.benefit.quantize(D("0.01"))
    if not result.covered:
        assert result.benefit == D("0.00")


# Seed 000: "up to 36 months* from the date you take delivery"; months 37 to 48 only
# where the vehicle is on a finance agreement whose term is longer than 36 months.
@pytest.mark.parametrize(
    ("agreement", "finance_term", "why"),
    [("cash", None, "no finance agreement"), (None, None, "no finance agreement"),
     ("finance", 36, "runs 36 months"), ("pcp", 24, "runs 24 months"),
     ("finance", None, "term is not given")],
)  # fmt: skip
def test_it_refuses_a_48_month_term_without_finance_longer_than_36_months(
    agreement, finance_term, why
):
    refusals = term_refusals(48, agreement, finance_term)

    assert [r.code for r in refusals] == ["asset_protector_term_needs_finance"]
    assert why in refusals[0].message
    assert "months 37 to 48" in refusals[0].message


@pytest.mark.parametrize(
    ("term", "agreement", "finance_term"),
    [(48, "finance", 37), (48, "pcp", 48), (48, "lease", 60), (36, "cash", None),
     (24, None, None), (36, "finance", 24)],
)  # fmt: skip
def test_it_sells_a_term_the_customer_is_covered_for(term, agreement, finance_term):
    assert term_refusals(term, agreement, finance_term) == []
