"""Driving histories no one can have, refused wherever they are typed (the menu, the sale
page, the API): more years of No Claim Discount than years since a UK licence could be
held, or an Australian licence held for longer than since the age a learner permit is
issued. One sentence each, so every entry point says the same."""

from django.utils.translation import gettext as _

UK_DRIVING_AGE = 17  # a year of No Claim Discount is a year of insured driving: none before
AU_LICENCE_AGE = 16  # the youngest age at which an Australian licence (learner) is held


def ncd_problem(ncd_years: int, driver_age: int) -> str | None:
    most = max(0, driver_age - UK_DRIVING_AGE)
    if ncd_years <= most:
        return None
    return _("A driver of %(age)d cannot have more than %(most)d years of No Claim "
             "Discount: that is every year since %(start)d.") % {
        "age": driver_age, "most": most, "start": UK_DRIVING_AGE}  # fmt: skip


def licence_problem(licence_years: int, driver_age: int) -> str | None:
    most = max(0, driver_age - AU_LICENCE_AGE)
    if licence_years <= most:
        return None
    return _("A driver of %(age)d cannot have held a licence for more than %(most)d "
             "years (licences start at %(start)d).") % {
        "age": driver_age, "most": most, "start": AU_LICENCE_AGE}  # fmt: skip
