"""Lexus Motor Insurance (PRODUCTS.md §3, API.md ncd and cancellation-refund, seed 002).

Expected figures are worked out by hand from the sources, never by the code under test.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from policies.rules.motor_uk import (
    ClaimKind,
    InvalidNcdRequest,
    MotorExtra,
    MotorUkParams,
    NcdRequest,
    NcdResult,
    NewCarReplacementClaim,
    car_change_refusals,
    extras_to_cancel,
    motor_refund,
    ncd_next_renewal,
    ncd_protection_refusals,
    new_car_replacement_refusals,
)
from policies.rules.smart_cover import Cancellation, InvalidCancellation

# --- No Claim Discount: section 12, copied from PRODUCTS.md ------------------------------
# held | 1, 2, 3 claims unprotected | 1, 2, 3 claims protected ("-": no protection).
# "unaffected" is written out as the years held.
TABLE_A = """
1 | 0 0 0 | - - -
2 | 1 0 0 | 2 2 0
3 | 2 1 0 | 3 3 0
4 | 3 2 0 | 4 4 0
5 | 4 3 0 | 5 5 0
6 | 4 4 0 | 6 6 0
"""
TABLE_B = """
1 | 0 0 0 | - - -
2 | 1 0 0 | 2 1 0
3 | 2 1 0 | 3 2 0
4 | 3 2 0 | 4 3 0
5 | 4 3 0 | 5 4 0
6 | 4 4 0 | 6 4 0
"""


def cells(table, table_b):
    for line in table.strip().splitlines():
        held, unprotected, protected = line.split("|")
        for claims, years in enumerate(unprotected.split(), start=1):
            yield pytest.param(int(held), False, table_b, claims, int(years))
        for claims, years in enumerate(protected.split(), start=1):
            if years != "-":
                yield pytest.param(int(held), True, table_b, claims, int(years))


NCD_CELLS = [*cells(TABLE_A, False), *cells(TABLE_B, True)]


def test_the_table_covers_every_cell_of_the_scale():
    # 6 rows x 3 unprotected + 5 rows x 3 protected, in each of tables A and B
    assert len(NCD_CELLS) == 2 * (6 * 3 + 5 * 3)


@pytest.mark.parametrize(("held", "protected", "table_b", "claims", "expected"), NCD_CELLS)
def test_every_cell_of_the_ncd_scale(held, protected, table_b, claims, expected):
    request = NcdRequest(held, protected, table_b, (ClaimKind.AT_FAULT,) * claims)
    assert ncd_next_renewal(request).years_next_renewal == expected
    assert ncd_next_renewal(request).counted_claims == claims


@pytest.mark.parametrize(
    ("held", "protected", "table_b", "claims", "expected"),
    [
        (9, False, False, 1, 4),  # above 6 reads the "6 years +" row
        (9, False, False, 2, 4),
        (9, True, False, 2, 9),  # unaffected keeps all nine years
        (9, True, True, 1, 9),
        (9, True, True, 2, 4),
        (15, True, True, 3, 0),
        (5, False, False, 4, 0),  # four claims read as the last column
        (5, True, True, 4, 0),
        (0, False, False, 1, 0),  # nothing held, nothing to reduce
    ],
)
def test_years_beyond_the_scale_read_its_last_row_and_column(
    held, protected, table_b, claims, expected
):
    request = NcdRequest(held, protected, table_b, (ClaimKind.AT_FAULT,) * claims)
    assert ncd_next_renewal(request).years_next_renewal == expected


@pytest.mark.parametrize(
    ("held", "protected", "table_b", "expected"),
    [
        (0, False, False, 1),
        (1, False, False, 2),
        (5, False, True, 6),
        (6, False, False, 7),
        (9, False, False, 10),  # no cap: the wording has none
        (20, True, True, 21),
        (4, True, False, 5),
    ],
)
def test_a_period_without_claims_adds_a_year(held, protected, table_b, expected):
    assert ncd_next_renewal(NcdRequest(held, protected, table_b)) == NcdResult(expected, 0)


NOT_COUNTED = [
    ClaimKind.NOT_AT_FAULT_RECOVERED,
    ClaimKind.UNINSURED_DRIVER,
    ClaimKind.GLASS,
    ClaimKind.EMERGENCY_TREATMENT,
    ClaimKind.VANDALISM_CRIME_REFERENCE,
]


@pytest.mark.parametrize("kind", NOT_COUNTED)
def test_claims_that_never_reduce_the_ncd_still_earn_the_year(kind):
    result = ncd_next_renewal(NcdRequest(3, False, False, (kind, kind)))
    assert (result.years_next_renewal, result.counted_claims) == (4, 0)


@pytest.mark.parametrize("kind", [ClaimKind.AT_FAULT, ClaimKind.NOT_AT_FAULT_UNRECOVERED])
def test_fault_and_unrecovered_claims_are_counted(kind):
    result = ncd_next_renewal(NcdRequest(3, False, False, (kind,)))
    assert (result.years_next_renewal, result.counted_claims) == (2, 1)


def test_only_counted_claims_choose_the_column():
    claims = (ClaimKind.GLASS, ClaimKind.AT_FAULT, ClaimKind.UNINSURED_DRIVER)
    result = ncd_next_renewal(NcdRequest(4, False, False, claims))
    assert (result.years_next_renewal, result.counted_claims) == (3, 1)


def test_claim_kinds_arrive_as_their_api_strings():
    result = ncd_next_renewal(NcdRequest(4, False, False, ("glass", "at_fault")))
    assert result.counted_claims == 1


@pytest.mark.parametrize(("held", "protected"), [(0, True), (1, True), (-1, False)])
def test_protection_below_two_years_or_negative_years_are_bad_requests(held, protected):
    with pytest.raises(InvalidNcdRequest):
        ncd_next_renewal(NcdRequest(held, protected, False))
    assert issubclass(InvalidNcdRequest, ValueError)


@pytest.mark.parametrize(
    ("held", "fault_claims", "codes"),
    [
        (2, 0, []),
        (2, 1, []),
        (1, 0, ["motor_ncd_protection_years"]),
        (5, 2, ["motor_ncd_protection_fault_claims"]),
        (0, 3, ["motor_ncd_protection_years", "motor_ncd_protection_fault_claims"]),
    ],
)
def test_protection_is_not_sold_below_two_years_or_with_two_fault_claims(held, fault_claims, codes):
    assert [r.code for r in ncd_protection_refusals(held, fault_claims)] == codes


@given(
    held=st.integers(0, 60),
    protected=st.booleans(),
    table_b=st.booleans(),
    claims=st.lists(st.sampled_from(list(ClaimKind)), max_size=6),
)
def test_the_ncd_is_never_negative_and_never_grows_more_than_a_year(
    held, protected, table_b, claims
):
    assume(not protected or held >= 2)
    years = ncd_next_renewal(NcdRequest(held, protected, table_b, tuple(claims)))
    assert 0 <= years.years_next_renewal <= held + 1


# --- Cancellation: s.14.6 ----------------------------------------------------------------

START, END = date(2025, 1, 1), date(2026, 1, 1)  # 365 days


@pytest.mark.parametrize(
    ("cancel", "claim", "fee", "refund", "charged"),
    [
        (date(2025, 1, 1), False, "50", "315.00", "50.00"),  # no cooling-off full refund
        (date(2025, 1, 15), False, "50", "301.00", "50.00"),  # 351 - 50
        (date(2025, 7, 2), False, "50", "133.00", "50.00"),  # 183 - 50
        (date(2025, 12, 20), False, "50", "0.00", "50.00"),  # 12 - 50, floored
        (date(2025, 7, 2), False, "0", "183.00", "0.00"),
        (date(2025, 1, 2), True, "50", "0.00", "0.00"),  # a claim: full premium due
    ],
)
def test_the_motor_refund_is_pro_rata_less_the_fee_unless_a_claim_was_made(
    cancel, claim, fee, refund, charged
):
    result = motor_refund(Cancellation(D("365"), START, END, cancel, claim), admin_fee=D(fee))
    assert (result.refund, result.admin_fee) == (D(refund), D(charged))
    assert result.reason


def test_a_motor_cancellation_with_a_claim_is_still_checked():
    with pytest.raises(InvalidCancellation):
        motor_refund(Cancellation(D("365"), START, END, date(2027, 1, 1), True), admin_fee=D("50"))


@pytest.mark.parametrize(
    ("held", "cancelled"),
    [
        ([], ()),
        (["road_rescue", "legal_expenses"], (MotorExtra.LEGAL_EXPENSES, MotorExtra.ROAD_RESCUE)),
        ([MotorExtra.ROAD_RESCUE, "road_rescue"], (MotorExtra.ROAD_RESCUE,)),
        (list(MotorExtra), tuple(MotorExtra)),
    ],
)
def test_cancelling_the_policy_cancels_every_optional_extra(held, cancelled):
    assert extras_to_cancel(held) == cancelled


def test_an_unknown_extra_is_bad_input():
    with pytest.raises(ValueError):
        extras_to_cancel(["heated_seats"])


# --- Car changes and new car replacement -----------------------------------------------


@pytest.mark.parametrize(("made", "allowed"), [(0, True), (2, True), (3, False), (5, False)])
def test_the_car_can_be_changed_at_most_three_times_a_period(made, allowed):
    assert (car_change_refusals(made) == []) is allowed


def test_head_office_can_change_the_number_of_car_changes():
    assert car_change_refusals(3, MotorUkParams(max_car_changes=4)) == []


REGISTERED = date(2024, 3, 10)


@pytest.mark.parametrize(
    ("loss", "repair", "stolen", "codes"),
    [
        (date(2025, 3, 10), "24000.01", False, []),  # first anniversary, above 60%
        (date(2024, 6, 1), "24000", False, ["motor_new_car_damage_too_small"]),  # 60% exactly
        (date(2024, 6, 1), "0", True, []),  # stolen and not recovered
        (date(2025, 3, 11), "30000", False, ["motor_new_car_too_old"]),
        (date(2025, 6, 1), "0", True, ["motor_new_car_too_old"]),
        (
            date(2026, 1, 1),
            "100",
            False,
            ["motor_new_car_too_old", "motor_new_car_damage_too_small"],
        ),
    ],
)
def test_a_new_car_is_replaced_in_its_first_year_above_60_percent_or_when_stolen(
    loss, repair, stolen, codes
):
    claim = NewCarReplacementClaim(REGISTERED, loss, D("40000"), D(repair), stolen)
    assert [r.code for r in new_car_replacement_refusals(claim)] == codes


def test_the_replacement_refusal_names_the_threshold():
    claim = NewCarReplacementClaim(REGISTERED, date(2024, 6, 1), D("40000"), D("100"))
    assert "60% of the list price (£24,000.00)" in new_car_replacement_refusals(claim)[0].message
