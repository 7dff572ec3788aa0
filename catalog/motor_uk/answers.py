"""The answers of Lexus Motor Insurance: the menu's form and the quote API's request are
both derived from them (products/answers.py), so that they cannot drift."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from policies.driving import ncd_problem
from policies.rules.motor_uk import MOTOR_EXTRA_LABELS
from products.answers import Answers, Question

# The voluntary excesses the rate card prices (discount:voluntary_excess:<n>): any other
# amount has no price, so neither the menu nor the API takes it.
VOLUNTARY_EXCESSES = (0, 100, 250, 500)


class MotorUkAnswers(Answers):
    vehicle_value = Question("money", label=_("Vehicle value"))
    area = Question("choice", label=_("Rating area"), choices=tuple((a, a) for a in "ABCDEF"))
    driver_age = Question("int", label=_("Youngest driver's age"), min=17, max=120)
    named_drivers = Question("int", label=_("Named drivers"), min=1, max=5, initial=1,
                             priced=False)  # fmt: skip
    # Up to 99 as a bound of the type; the real bound is the driver's age (check below).
    ncd_years = Question("int", label=_("No claims discount (years)"), min=0, max=99)
    ncd_protected = Question("bool", label=_("Protect the no claims discount"), required=False,
                             default=False)  # fmt: skip
    fault_claims_past_two_years = Question(
        "int", label=_("Fault claims in the past two years"), min=0, max=50, required=False,
        default=0,
    )  # fmt: skip
    voluntary_excess = Question(
        "choice", label=_("Voluntary excess"), required=False, default=0,
        choices=tuple((v, f"£{v}") for v in VOLUNTARY_EXCESSES),
    )  # fmt: skip
    options = Question(
        "choices", label=_("Optional extras"), required=False,
        choices=tuple((str(extra), label) for extra, label in MOTOR_EXTRA_LABELS.items()),
    )  # fmt: skip

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, str]:
        ncd_years, age = values.get("ncd_years"), values.get("driver_age")
        if None not in (ncd_years, age) and (problem := ncd_problem(ncd_years, age)):
            return {"ncd_years": problem}
        return {}
