"""Polizza Furto e Danni's answers: the package (the menu's column), the optional covers
and the duration, and the vehicle's facts its eligibility and insured value are judged on.
The province is asked and kept with the policy (claims read it); the price does not
depend on it."""

from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from localflavor.it.it_province import PROVINCE_CHOICES

from catalog.checks import registered_by_the_sale, sale_day
from policies.rules.furto_danni.eligibility import vehicle_condition
from policies.rules.furto_danni.params import Condition
from products.answers import Answers, Question

PACKAGES = (("blu", "Blu"), ("rosso", "Rosso"), ("giallo", "Giallo"))
OPTIONS = (
    ("kasko_premium", _("Kasko Premium")), ("kasko_base", _("Kasko Base")),
    ("collisione_premium", _("Collisione Premium")), ("collisione_base", _("Collisione Base")),
    ("kasko_finanziaria", _("Kasko Finanziaria")), ("restart_10k", _("Restart 10.000")),
    ("restart_20k", _("Restart 20.000")), ("protezione_franchigia", _("Protezione Franchigia")),
    ("fattura_rimborsata", _("Fattura Rimborsata")),
    ("protezione_pneumatici", _("Protezione Pneumatici")),
)  # fmt: skip


def _years(n: int) -> str:
    return ngettext("%(n)d year", "%(n)d years", n) % {"n": n}


# Translated when shown, in the language of the request (ngettext_lazy(...) % {...}
# would translate at once, at import).
_years_lazy = lazy(_years, str)
DURATIONS = tuple((n, _years_lazy(n)) for n in range(1, 6))


class FurtoDanniAnswers(Answers):
    # hidden: the menu's column and the deal give them, never the browser (a sale date
    # posted back ten years would make an old car new).
    package = Question("choice", label=_("Package"), choices=PACKAGES, hidden=True)
    options = Question("choices", label=_("Optional covers"), choices=OPTIONS, required=False)
    duration_years = Question("choice", label=_("Duration"), choices=DURATIONS)
    province = Question("choice", label=_("Province"), choices=PROVINCE_CHOICES, priced=False)
    vehicle_type = Question("text", max_length=40, hidden=True)
    first_registration = Question("date", label=_("First registration"), when="first_registration")
    sale_date = Question("date", when="deal", required=False, hidden=True)
    invoice_price = Question("money", label=_("Invoice price"))
    market_value = Question("money", label=_("Market value (used vehicles)"), required=False)
    financed_by_lfs = Question(
        "bool", label=_("Financed by Lexus Financial Services"), required=False, default=False
    )

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, Any]:
        if problem := registered_by_the_sale(values):
            return problem
        registered = values.get("first_registration")
        used = registered is not None and (
            vehicle_condition(registered, sale_day(values)) is Condition.USED
        )
        if used and values.get("market_value") is None:
            # A used vehicle's insured value is capped by its market value (PRODUCTS.md §4).
            return {"market_value": _("The market value is required for a used vehicle.")}
        return {}
