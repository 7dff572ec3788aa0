"""Lexus Comprehensive Motor, Australia (seed 003)."""

from decimal import Decimal as D
from typing import Any

from django.utils.translation import gettext_lazy as _

from catalog.base import (
    COVER_CHOSEN,
    QUOTE_VALID,
    FullRefundCoolingOff,
    Product,
    commission_cap,
    cooling_off,
)
from documents.content import ProductContent
from policies.models import ChangeKind
from policies.rules import premiums
from products.registry import Reference

from .answers import AuComprehensiveAnswers
from .claims import AuComprehensiveForm, assess_au
from .demo import DEMO
from .documents import cover_sections, excess_sections, text
from .reference import RATES, STAMP_DUTY


class AuComprehensive(FullRefundCoolingOff, Product):
    code = "au-comprehensive"
    label = _("Lexus Comprehensive Motor")
    answers = AuComprehensiveAnswers
    needs = (("comprehensive", _("Comprehensive motor insurance")),
             ("glass", _("Excess-free windscreen and glass")))  # fmt: skip
    demo = DEMO
    change_answers = {
        ChangeKind.ADDRESS: ("state",),  # stamp duty is by state
        ChangeKind.CAR: ("agreed_value",),
        ChangeKind.DRIVERS: ("youngest_driver_age",),
    }
    claim_form = AuComprehensiveForm
    documents = ProductContent(cover_sections, text, excess_sections,
                               value=("agreed_value", _("Agreed value")))  # fmt: skip
    reference = Reference(
        market="AU", currency="AUD", renewable=True,
        insurer="Aioi Nissay Dowa Insurance Company Australia Pty Ltd",  # seed 003
        settings={**QUOTE_VALID, "terms_months": [12], "payment_plans": ["annual", "monthly"],
                  "annual_discount": "0.10", "policy_number_prefix": "LCM", **COVER_CHOSEN},
        contacts={
            "claims_phone": ("1300 658 067", "About the policy, or to make a claim (seed 003)."),
            "enquiries_phone": ("1300 888 840", "Further information, other insurance needs "
                                                "(seed 003)."),
            "enquiries_email": ("insurance@lexus.com.au", "Email (seed 003)."),
        },
        readings={**cooling_off(21, "Reading: seed 003 gives none; 21 days, the cooling-off "
                                    "of Australian motor PDSs, a full refund if no claim. "
                                    "Head office to confirm."),
                  **commission_cap("0.2000", "Reading: 20%, as ASIC's cap on commission "
                                             "for add-on insurance sold with a car; seed 003 "
                                             "sets none. Head office to confirm.")},
        rates=RATES,
        # GST, then each state's stamp duty charged on the premium including GST.
        taxes=(("gst", "GST", D("0.10"), "", "", False, 1),
               *((("stamp_duty", f"Stamp duty ({state})", D(r), state, "", True, 2))
                 for state, r in STAMP_DUTY.items())),
        commission=D("0.1200"),
    )  # fmt: skip

    KEYS = ("state", "agreed_value", "youngest_driver_age", "business_use",
            "lifetime_rating_1", "voluntary_excess", "excess_free_glass")  # fmt: skip

    def quote_inputs(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {"au": {k: answers[k] for k in self.KEYS}}

    def components(self, inputs, rates, lang, discount) -> list:
        inputs = premiums.AuInputs(**inputs["au"])
        return premiums.au_components(rates, inputs, payment_discount=discount, lang=lang)

    def address_answers(self, address, config) -> dict[str, Any]:
        """The state of residence: its stamp duty, and the basic excess at a claim."""
        return {"state": address.region.upper()} if address.region else {}

    def assess(self, claim, facts):
        return assess_au(claim, facts)
