"""The calendar windows every typed date is checked against (dealers.plausibility)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dealers.plausibility import PlausibleDate, age_on, date_problem, years_before

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("any", date(1, 1, 1)),
        ("any", date(9999, 12, 31)),
        ("birth", date(1726, 5, 1)),  # 300 years old
        ("birth", date(2020, 1, 1)),  # six years old
        ("birth", date(2027, 1, 1)),  # not born yet
        ("first_registration", date(1900, 1, 1)),
        ("first_registration", date(2028, 1, 1)),
        ("deal", date(2001, 1, 1)),
        ("deal", date(2028, 6, 1)),
        ("delivery", date(2029, 1, 1)),
        ("loss", date(2026, 12, 4)),  # tomorrow
        ("loss", date(2016, 12, 2)),
    ],
)
def test_it_refuses_a_date_outside_its_window(kind, value):
    assert date_problem(value, kind, today=TODAY)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("any", date(1900, 1, 1)),
        ("any", date(2100, 12, 31)),
        ("birth", date(1906, 12, 3)),  # 120 today
        ("birth", date(2010, 12, 3)),  # 16 today
        ("first_registration", date(2027, 12, 3)),
        ("deal", date(2016, 12, 3)),
        ("delivery", date(2028, 12, 3)),
        ("loss", TODAY),
    ],
)
def test_it_accepts_a_date_on_the_edge_of_its_window(kind, value):
    assert date_problem(value, kind, today=TODAY) is None


def test_the_refusal_names_the_window_it_allows():
    assert date_problem(date(1726, 5, 1), "birth", today=TODAY) == (
        "A date of birth must give an age from 16 to 120 years: between 03/12/1906 and 03/12/2010."
    )


def test_the_validator_raises_with_a_code_of_its_kind_and_lets_none_through():
    validate = PlausibleDate("loss")
    validate(None)
    with pytest.raises(ValidationError) as error:
        validate(date(9999, 1, 1))
    assert error.value.code == "implausible_loss"


def test_an_unknown_kind_is_an_error_at_once():
    with pytest.raises(KeyError):
        PlausibleDate("birthday")


def test_ages_and_leap_days():
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 3, 1)) == 26
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
