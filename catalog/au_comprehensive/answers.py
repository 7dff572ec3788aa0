"""The answers of Lexus Comprehensive Motor: the menu's form and the quote API's request
are both derived from them (products/answers.py), so that they cannot drift."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from localflavor.au.au_states import STATE_CHOICES

from policies.driving import licence_problem
from products.answers import Answers, Question

# The steps the rate card discounts (discount:voluntary_excess:<n>), up to the 2,000 the
# rules allow: any other amount has no price, so neither the menu nor the API takes it.
VOLUNTARY_EXCESSES = (0, 500, 1000, 2000)
LICENCE_TYPES = (
    ("full", _("Full")), ("probationary", _("Probationary")), ("provisional", _("Provisional")),
    ("learner", _("Learner")), ("overseas", _("Overseas")),
)  # fmt: skip


class AuComprehensiveAnswers(Answers):
    state = Question("choice", label=_("State or territory"), choices=STATE_CHOICES)
    agreed_value = Question("money", label=_("Agreed value"))
    youngest_driver_age = Question("int", label=_("Youngest driver's age"), min=16, max=120)
    # Kept with the policy for its documents and claims (the licence excess): the price
    # does not depend on them.
    licence_type = Question("choice", label=_("Youngest driver's licence"),
                            choices=LICENCE_TYPES, priced=False)  # fmt: skip
    licence_years = Question("int", label=_("Years licensed"), min=0, max=90, priced=False)
    business_use = Question("bool", label=_("Business use"), required=False, default=False)
    lifetime_rating_1 = Question(
        "bool", label=_("Lifetime Rating 1"), required=False, default=False,
        help_text=_("The highest discount level, kept for the life of the policy whatever "
                    "the claims."),
    )  # fmt: skip
    voluntary_excess = Question(
        "choice", label=_("Voluntary excess"), required=False, default=0,
        choices=tuple((v, f"${v:,}") for v in VOLUNTARY_EXCESSES),
    )  # fmt: skip
    excess_free_glass = Question("bool", label=_("Excess-free glass"), required=False,
                                 default=False)  # fmt: skip

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, str]:
        years, age = values.get("licence_years"), values.get("youngest_driver_age")
        if None not in (years, age) and (problem := licence_problem(years, age)):
            return {"licence_years": problem}
        return {}
