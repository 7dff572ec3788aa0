"""The shared date rules at the ends of the calendar."""

from datetime import date

from policies.rules.common import more_than_years_old


def test_a_vehicle_registered_in_the_last_decade_of_the_calendar_is_never_too_old():
    """Found by fuzzing the menu: its 10th anniversary is after the year 9999."""
    assert more_than_years_old(date(9999, 12, 31), date(9999, 12, 31), 10) is False
    assert more_than_years_old(date(9995, 2, 28), date(9999, 12, 31), 4) is True


def test_more_than_n_years_means_after_the_nth_anniversary():
    assert more_than_years_old(date(2016, 5, 1), date(2026, 5, 1), 10) is False
    assert more_than_years_old(date(2016, 5, 1), date(2026, 5, 2), 10) is True
