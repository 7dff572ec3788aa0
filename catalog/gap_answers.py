"""The answers of the GAP products, Asset Protector and the smart GAPs: a term, the net
invoice price, the finance agreement and the vehicle's registration and use. Each
product's schema takes this one and says which answers its price depends on."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from products.answers import Answers, Question

from .checks import registered_by_the_sale

FINANCE_AGREEMENTS = (
    ("cash", _("None (cash)")), ("finance", _("Hire purchase")), ("pcp", _("PCP")),
    ("lease", _("Lease")),
)  # fmt: skip


class GapAnswers(Answers):
    # The menu offers the terms head office set (policies.menu.Questions); the API takes
    # any term and the quote refuses one that is not offered.
    term_months = Question("int", label=_("Term"), min=1, max=120)
    invoice_price = Question("money", label=_("Net invoice price"))
    finance_agreement = Question(
        "choice", label=_("Finance agreement"), choices=FINANCE_AGREEMENTS, required=False
    )
    finance_term_months = Question(
        "int", label=_("Finance term (months)"), min=0, max=120, required=False
    )
    first_registration = Question(
        "date", label=_("First registration"), when="first_registration", required=False
    )
    hire_and_reward = Question(
        "bool", label=_("Hire and Reward vehicle"), required=False, default=False
    )

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, Any]:
        return registered_by_the_sale(values)
