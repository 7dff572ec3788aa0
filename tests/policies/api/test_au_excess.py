"""POST /api/v1/calculations/au-excess: excesses on an Australian comprehensive claim.

Amounts from the excess tables of PRODUCTS.md §5; order and shape from API.md au-excess."""

from decimal import Decimal

import pytest

from .helpers import assert_bad_input, is_money, post

pytestmark = pytest.mark.django_db

CLAIM = {  # an experienced named driver, at fault, in New South Wales
    "state": "NSW",
    "claim_type": "accident",
    "at_fault": True,
    "other_party_identified": False,
    "driver_age": 40,
    "licence_years": 20,
    "licence_type": "full",
    "driver_named": True,
}
EVENTS = ["theft", "fire", "flood", "hail", "storm", "malicious", "parked"]


def excess(api, **change):
    response = post(api, "au-excess", {**CLAIM, **change})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "AUD"
    assert is_money(body["total"]) and all(is_money(i["amount"]) for i in body["items"])
    assert sum(Decimal(i["amount"]) for i in body["items"]) == Decimal(body["total"])
    return body


def items(body):
    return [(i["type"], i["amount"]) for i in body["items"]]


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
def test_the_basic_excess_is_set_by_the_state_of_residence(api, state, basic):
    body = excess(api, state=state)
    assert items(body) == [("basic", basic)]
    assert body["total"] == basic


def test_a_voluntary_excess_comes_on_top_of_the_basic(api):
    body = excess(api, voluntary_excess="500")
    assert items(body) == [("basic", "750.00"), ("voluntary", "500.00")]
    assert body["total"] == "1250.00"


def test_the_highest_voluntary_excess_of_2000_is_accepted(api):
    assert excess(api, voluntary_excess="2000")["total"] == "2750.00"


@pytest.mark.parametrize(("age", "charged"), [(24, True), (25, False)])
def test_the_age_excess_of_700_is_for_drivers_under_25(api, age, charged):
    body = excess(api, state="VIC", driver_age=age, licence_years=5)
    expected = [("basic", "775.00")] + ([("age", "700.00")] if charged else [])
    assert items(body) == expected


@pytest.mark.parametrize(
    ("licence_years", "licence_type", "charged"),
    [
        ("1.5", "full", True),
        ("1.99", "full", True),
        (1.999, "full", True),  # a number: any fraction of a year
        ("0.3333333", "full", True),
        ("2", "full", False),
        ("10", "overseas", True),
        ("10", "probationary", True),
        ("10", "provisional", True),
        ("10", "learner", True),
    ],
)
def test_the_licence_excess_of_700_is_for_new_or_restricted_licences(
    api, licence_years, licence_type, charged
):
    body = excess(api, licence_years=licence_years, licence_type=licence_type)
    expected = [("basic", "750.00")] + ([("licence", "700.00")] if charged else [])
    assert items(body) == expected


def test_the_licence_excess_does_not_come_on_top_of_the_age_excess(api):
    body = excess(api, driver_age=19, licence_years="0.5", licence_type="learner")
    assert items(body) == [("basic", "750.00"), ("age", "700.00")]


def test_a_driver_under_25_not_named_on_the_schedule_adds_1000(api):
    body = excess(api, state="VIC", driver_age=22, licence_years=4, driver_named=False)
    assert items(body) == [
        ("basic", "775.00"),
        ("age", "700.00"),
        ("undisclosed_driver", "1000.00"),
    ]
    assert body["total"] == "2475.00"


def test_an_unnamed_driver_of_25_or_over_pays_no_undisclosed_driver_excess(api):
    assert items(excess(api, driver_named=False)) == [("basic", "750.00")]


def test_an_at_fault_accident_lists_every_excess_in_the_contract_order(api):
    body = excess(
        api,
        state="QLD",
        voluntary_excess="250",
        special_excess="300",
        driver_age=19,
        licence_years=1,
        licence_type="learner",
        driver_named=False,
    )
    assert items(body) == [
        ("basic", "750.00"),
        ("voluntary", "250.00"),
        ("age", "700.00"),
        ("special", "300.00"),
        ("undisclosed_driver", "1000.00"),
    ]
    assert body["total"] == "3000.00"


def test_the_licence_excess_sits_between_voluntary_and_special(api):
    body = excess(
        api, state="WA", voluntary_excess="250", special_excess="300", licence_type="learner"
    )
    assert [i for i, _ in items(body)] == ["basic", "voluntary", "licence", "special"]
    assert body["total"] == "1800.00"  # 550 + 250 + 700 + 300


def test_a_not_at_fault_accident_with_the_other_party_identified_has_no_excess(api):
    body = excess(api, at_fault=False, other_party_identified=True, voluntary_excess="500")
    assert (body["total"], body["items"]) == ("0.00", [])


def test_a_not_at_fault_accident_without_the_other_party_is_charged_as_at_fault(api):
    body = excess(api, at_fault=False, other_party_identified=False, driver_age=20, licence_years=3)
    assert items(body) == [("basic", "750.00"), ("age", "700.00")]


def test_an_at_fault_accident_pays_even_with_the_other_party_identified(api):
    body = excess(api, at_fault=True, other_party_identified=True)
    assert items(body) == [("basic", "750.00")]


@pytest.mark.parametrize("claim_type", EVENTS)
def test_an_event_with_the_offender_named_by_police_has_no_excess(api, claim_type):
    body = excess(api, claim_type=claim_type, at_fault=False, other_party_identified=True)
    assert (body["total"], body["items"]) == ("0.00", [])


@pytest.mark.parametrize("claim_type", EVENTS)
def test_an_event_without_the_offender_is_basic_voluntary_and_special_only(api, claim_type):
    body = excess(
        api,
        claim_type=claim_type,
        state="SA",
        at_fault=False,
        voluntary_excess="500",
        special_excess="300",
        driver_age=19,
        licence_years=1,
        licence_type="learner",
        driver_named=False,
    )
    assert items(body) == [("basic", "500.00"), ("voluntary", "500.00"), ("special", "300.00")]
    assert body["total"] == "1300.00"


@pytest.mark.parametrize("identified", [True, False])
def test_glass_only_is_basic_and_voluntary_without_special_or_driver_excesses(api, identified):
    body = excess(
        api,
        claim_type="glass",
        state="NT",
        other_party_identified=identified,
        voluntary_excess="200",
        special_excess="300",
        driver_age=19,
        licence_years=2,
        driver_named=False,
    )
    assert items(body) == [("basic", "550.00"), ("voluntary", "200.00")]
    assert body["total"] == "750.00"


def test_glass_with_excess_free_glass_cover_has_no_excess(api):
    body = excess(api, claim_type="glass", voluntary_excess="200", excess_free_glass=True)
    assert (body["total"], body["items"]) == ("0.00", [])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"state": None}, "state"),
        ({"state": "NZ"}, "state"),
        ({"state": "nsw"}, "state"),
        ({"claim_type": "earthquake"}, "claim_type"),
        ({"claim_type": None}, "claim_type"),
        ({"voluntary_excess": "2000.01"}, "voluntary_excess"),
        ({"voluntary_excess": "5000"}, "voluntary_excess"),
        ({"voluntary_excess": "-100"}, "voluntary_excess"),
        ({"special_excess": "-1"}, "special_excess"),
        ({"special_excess": "300.505"}, "special_excess"),
        ({"driver_age": None}, "driver_age"),
        ({"driver_age": "forty"}, "driver_age"),
        ({"driver_age": -3}, "driver_age"),
        ({"licence_years": -1}, "licence_years"),
        ({"licence_years": "many"}, "licence_years"),
        ({"licence_years": "NaN"}, "licence_years"),
        ({"licence_type": "full_time"}, "licence_type"),
        ({"licence_type": None}, "licence_type"),
        ({"driver_named": None}, "driver_named"),
        ({"driver_named": "partly"}, "driver_named"),
        ({"excess_free_glass": "sometimes"}, "excess_free_glass"),
    ],
)
def test_bad_excess_input_is_refused_on_its_field(api, change, field):
    body = {k: v for k, v in {**CLAIM, **change}.items() if v is not None}
    assert_bad_input(post(api, "au-excess", body), field)


def test_an_accident_without_at_fault_is_refused_rather_than_taken_as_not_at_fault(api):
    body = {k: v for k, v in CLAIM.items() if k != "at_fault"}
    response = post(api, "au-excess", {**body, "other_party_identified": True})
    assert_bad_input(response, "at_fault")


@pytest.mark.parametrize("claim_type", [*EVENTS, "glass"])
def test_at_fault_may_be_left_out_of_a_claim_that_is_not_an_accident(api, claim_type):
    body = {k: v for k, v in CLAIM.items() if k != "at_fault"}
    response = post(api, "au-excess", {**body, "claim_type": claim_type})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    ("age", "licence_years", "plausible"),
    [(40, 24, True), (40, "24.5", False), (20, 4, True), (20, 5, False), (16, 0, True),
     (15, 0, True), (15, "0.5", False)],
)  # fmt: skip
def test_nobody_has_held_a_licence_since_before_they_were_sixteen(
    api, age, licence_years, plausible
):
    response = post(api, "au-excess", {**CLAIM, "driver_age": age, "licence_years": licence_years})
    if plausible:
        assert response.status_code == 200, response.content
    else:
        assert_bad_input(response, "licence_years")
        assert str(age) in response.json()["errors"]["licence_years"][0]
