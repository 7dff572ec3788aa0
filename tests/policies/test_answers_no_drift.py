"""UK motor and Australia: the menu's form and the quote API take and refuse the same
answers at their boundaries, both being derived from the product's answers schema. Issue
18 found them apart: the menu allowed 30 years of No Claim Discount and the API 99; the
menu offered four voluntary excesses and the API any amount up to 2,000."""

import pytest
from django.utils import timezone

from policies.api.quote_endpoint import quote_request_of
from policies.menu import questions_of
from policies.selectors import product_get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

# A driver of 120 may have held No Claim Discount for 103 years: the bound of 99 is met
# before the driver's age (policies.driving.ncd_problem) is.
MOTOR = {
    "vehicle_value": "45000", "area": "C", "driver_age": 120, "ncd_years": 5,
    "voluntary_excess": 250, "options": ["legal_expenses"],
}  # fmt: skip
AU = {"state": "NSW", "agreed_value": "60000", "youngest_driver_age": 40, "voluntary_excess": 0}
SENT = {"motor-uk": MOTOR, "au-comprehensive": AU}
# What the menu asks besides: the unpriced answers and the sale's own.
MENU_ONLY = {
    "motor-uk": {"named_drivers": "1", "payment_plan": "single"},
    "au-comprehensive": {"licence_type": "full", "licence_years": "10", "payment_plan": "annual"},
}


def posted(code: str, answers: dict) -> dict:
    """The answers as the browser posts them: text, a list for the extras."""
    text = {k: v if isinstance(v, list) else str(v) for k, v in answers.items()}
    return {**text, **MENU_ONLY[code], "cover_start": timezone.localdate().isoformat()}


def menu_form(code: str, answers: dict):
    return questions_of(code)(posted(code, answers), product=product_get(code))


def api_serializer(code: str, answers: dict):
    return quote_request_of(code)(data={"product": code, **answers})


@pytest.mark.parametrize(
    ("code", "name", "value", "accepted"),
    [
        ("motor-uk", "ncd_years", 99, True),
        ("motor-uk", "ncd_years", 100, False),
        ("motor-uk", "ncd_years", 31, True),  # past the menu's old 30
        ("motor-uk", "ncd_years", -1, False),
        ("motor-uk", "voluntary_excess", 500, True),
        ("motor-uk", "voluntary_excess", 0, True),
        ("motor-uk", "voluntary_excess", 300, False),
        ("motor-uk", "voluntary_excess", 1000, False),  # the API took it, unpriceable
        ("motor-uk", "driver_age", 121, False),
        ("motor-uk", "driver_age", 16, False),
        ("motor-uk", "area", "G", False),
        ("motor-uk", "options", ["road_rescue", "legal_expenses"], True),
        ("motor-uk", "options", ["kasko_premium"], False),
        ("au-comprehensive", "voluntary_excess", 2000, True),
        ("au-comprehensive", "voluntary_excess", 2001, False),
        ("au-comprehensive", "voluntary_excess", 250, False),  # no rate prices it
        ("au-comprehensive", "youngest_driver_age", 121, False),
        ("au-comprehensive", "state", "Sydney", False),
        ("au-comprehensive", "lifetime_rating_1", True, True),  # asked by the menu too
    ],
)
def test_the_menu_and_the_api_accept_and_refuse_the_same_answers(code, name, value, accepted):
    answers = {**SENT[code], name: value}
    form, serializer = menu_form(code, answers), api_serializer(code, answers)
    assert form.is_valid() is accepted, form.errors
    assert serializer.is_valid() is accepted, serializer.errors
    if accepted:
        assert form.cleaned_data[name] == serializer.validated_data[name]
    else:
        assert list(form.errors) == [name]
        assert list(serializer.errors) == [name]


def test_impossible_no_claims_years_are_refused_alike_on_the_field():
    answers = {**MOTOR, "driver_age": 20, "ncd_years": 9}
    form, serializer = menu_form("motor-uk", answers), api_serializer("motor-uk", answers)
    assert not form.is_valid() and not serializer.is_valid()
    assert form.errors["ncd_years"] == serializer.errors["ncd_years"]
    assert "A driver of 20" in form.errors["ncd_years"][0]


@pytest.mark.parametrize("code", ["motor-uk", "au-comprehensive"])
def test_unanswered_optional_answers_read_alike(code):
    optional = [n for n in ("ncd_protected", "fault_claims_past_two_years", "voluntary_excess",
                            "options", "business_use", "lifetime_rating_1", "excess_free_glass")
                if n in quote_request_of(code)().fields]  # fmt: skip
    answers = {k: v for k, v in SENT[code].items() if k not in optional}
    form, serializer = menu_form(code, answers), api_serializer(code, answers)
    assert form.is_valid(), form.errors
    assert serializer.is_valid(), serializer.errors
    assert {n: form.cleaned_data[n] for n in optional} == {
        n: serializer.validated_data[n] for n in optional
    }


def test_the_api_does_not_take_what_the_price_does_not_depend_on():
    assert questions_of("motor-uk").extra_fields == ("named_drivers",)
    assert questions_of("au-comprehensive").extra_fields == ("licence_type", "licence_years")
    for code, menu_only in MENU_ONLY.items():
        assert not set(menu_only) & set(quote_request_of(code)().fields)
