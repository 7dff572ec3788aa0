"""POST /api/v1/calculations/ncd: No Claim Discount at next renewal, UK motor.

Every cell below is copied from the section 12 table in PRODUCTS.md §3."""

import pytest

from .helpers import assert_bad_input, post

pytestmark = pytest.mark.django_db

UNCOUNTED = [
    "not_at_fault_recovered",
    "uninsured_driver",
    "glass",
    "emergency_treatment",
    "vandalism_crime_reference",
]


def ncd(api, years_held, claims=(), protected=False, table_b=False):
    body = {
        "years_held": years_held,
        "protected": protected,
        "claim_in_past_two_periods": table_b,
        "claims": [{"kind": kind} for kind in claims],
    }
    response = post(api, "ncd", body)
    assert response.status_code == 200, response.content
    result = response.json()
    return result["years_next_renewal"], result["counted_claims"]


@pytest.mark.parametrize("years_held", [0, 1, 5, 6, 9])
def test_no_claim_in_the_period_adds_one_year(api, years_held):
    assert ncd(api, years_held) == (years_held + 1, 0)


# NCD held: years after 1, 2 and 3 claims (unprotected; the same in tables A and B)
UNPROTECTED = {1: (0, 0, 0), 2: (1, 0, 0), 3: (2, 1, 0), 4: (3, 2, 0), 5: (4, 3, 0), 6: (4, 4, 0)}


@pytest.mark.parametrize("table_b", [False, True], ids=["table-A", "table-B"])
@pytest.mark.parametrize("years_held", sorted(UNPROTECTED))
@pytest.mark.parametrize("claims", [1, 2, 3])
def test_unprotected_ncd_follows_the_table(api, table_b, years_held, claims):
    expected = UNPROTECTED[years_held][claims - 1]
    assert ncd(api, years_held, ["at_fault"] * claims, table_b=table_b) == (expected, claims)


@pytest.mark.parametrize(("claims", "expected"), [(1, 4), (2, 4), (3, 0)])
def test_more_than_six_years_reads_the_six_years_plus_row(api, claims, expected):
    assert ncd(api, 9, ["at_fault"] * claims) == (expected, claims)


@pytest.mark.parametrize("years_held", [2, 3, 4, 5, 6, 8])
def test_protected_ncd_is_unaffected_by_one_or_two_claims_in_table_a(api, years_held):
    # "unaffected" is the years held, without the extra year of a claim-free period.
    assert ncd(api, years_held, ["at_fault"], protected=True) == (years_held, 1)
    assert ncd(api, years_held, ["at_fault"] * 2, protected=True) == (years_held, 2)


@pytest.mark.parametrize(
    ("years_held", "after_two_claims"), [(2, 1), (3, 2), (4, 3), (5, 4), (6, 4), (7, 4)]
)
def test_protected_ncd_with_a_recent_claim_uses_table_b_for_the_second_claim(
    api, years_held, after_two_claims
):
    assert ncd(api, years_held, ["at_fault"], protected=True, table_b=True) == (years_held, 1)
    two = ncd(api, years_held, ["at_fault"] * 2, protected=True, table_b=True)
    assert two == (after_two_claims, 2)


@pytest.mark.parametrize("table_b", [False, True])
@pytest.mark.parametrize("years_held", [2, 4, 6])
def test_protected_ncd_falls_to_nil_on_a_third_claim(api, table_b, years_held):
    assert ncd(api, years_held, ["at_fault"] * 3, protected=True, table_b=table_b) == (0, 3)


@pytest.mark.parametrize("kind", UNCOUNTED)
def test_claims_that_never_reduce_ncd_are_not_counted(api, kind):
    assert ncd(api, 4, [kind]) == (5, 0)


def test_a_not_at_fault_claim_not_recovered_counts(api):
    assert ncd(api, 4, ["not_at_fault_unrecovered"]) == (3, 1)


def test_only_the_counted_claims_reduce_ncd(api):
    claims = ["glass", "at_fault", "uninsured_driver", "not_at_fault_unrecovered"]
    assert ncd(api, 5, claims) == (3, 2)  # 5 years, 2 counted claims


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"years_held": None}, "years_held"),
        ({"years_held": -1}, "years_held"),
        ({"years_held": "five"}, "years_held"),
        ({"years_held": 2.5}, "years_held"),
        ({"protected": None}, "protected"),
        ({"protected": "perhaps"}, "protected"),
        ({"protected": True, "years_held": 1}, "protected"),  # protection needs 2 years
        ({"protected": True, "years_held": 0}, "protected"),
        ({"claim_in_past_two_periods": None}, "claim_in_past_two_periods"),
        ({"claims": None}, "claims"),
        ({"claims": "at_fault"}, "claims"),
        ({"claims": ["at_fault"]}, "claims"),
        ({"claims": [{"kind": "glass"}, {"kind": "hit_and_run"}]}, "claims"),
        ({"claims": [{}]}, "claims"),
    ],
)
def test_bad_ncd_input_is_refused_on_its_field(api, change, field):
    body = {
        "years_held": 3,
        "protected": False,
        "claim_in_past_two_periods": False,
        "claims": [{"kind": "at_fault"}],
        **change,
    }
    body = {k: v for k, v in body.items() if v is not None}
    assert_bad_input(post(api, "ncd", body), field)


def test_an_unknown_claim_kind_is_reported_with_its_place_in_the_list(api):
    body = {
        "years_held": 3,
        "protected": False,
        "claim_in_past_two_periods": False,
        "claims": [{"kind": "glass"}, {"kind": "hit_and_run"}],
    }
    errors = post(api, "ncd", body).json()["errors"]
    assert errors["claims"] == ['claims[1].kind: "hit_and_run" is not a valid choice.']
