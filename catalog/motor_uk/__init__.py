"""Lexus Motor Insurance, UK (seed 002)."""

from decimal import Decimal as D
from typing import Any

from django.utils.translation import gettext_lazy as _

from catalog.base import COVER_CHOSEN, QUOTE_VALID, Product, commission_cap, cooling_off, uk_ipt
from documents.content import ProductContent
from documents.models import DocumentKind
from policies.eligibility import params_from
from policies.models import ChangeKind
from policies.rules import premiums
from policies.rules.motor_uk import (
    MOTOR_EXTRA_LABELS,
    MotorUkParams,
    extras_to_cancel,
    motor_refund,
    ncd_protection_refusals,
)
from products.address import AddressNotRated
from products.registry import Reference

from .address import POSTCODE_RATING_AREAS, rating_area
from .answers import MotorUkAnswers
from .claim_form import MotorForm
from .claims import assess_motor
from .demo import DEMO
from .documents import PARTS, cover_sections, excess_sections, text, vehicle_rows
from .proposal import DriversForm
from .reference import CONTACTS, RATES
from .renewal import ncd_at_renewal, policies_claimed


class MotorUk(Product):
    code = "motor-uk"
    label = _("Lexus Motor Insurance")
    answers = MotorUkAnswers
    needs = (("motor", _("Motor insurance for the new car")),)
    demo = DEMO
    change_answers = {
        ChangeKind.ADDRESS: ("area",),
        ChangeKind.CAR: ("vehicle_value",),
        ChangeKind.DRIVERS: ("driver_age",),
    }
    claim_form = MotorForm
    proposal_form = DriversForm
    documents = ProductContent(
        cover_sections, text, excess_sections,
        issued=(DocumentKind.SCHEDULE, DocumentKind.CERTIFICATE,
                DocumentKind.STATEMENT_OF_FACT, DocumentKind.IMPORTANT_INFORMATION),
        value=("vehicle_value", _("Value of the car")), vehicle_rows=vehicle_rows, parts=PARTS,
        extra_labels=MOTOR_EXTRA_LABELS, key_protect=True, auto_renewal=True,
    )  # fmt: skip
    reference = Reference(
        market="UK", currency="GBP", renewable=True,
        insurer="Aioi Nissay Dowa Insurance UK Limited",  # seed 002
        settings={**QUOTE_VALID,
            "terms_months": [12], "payment_plans": ["single", "monthly"], "max_car_changes": 3,
            "policy_number_prefix": "LMI",
            # The excesses a motor claim pays (policies/rules/motor_claims.py):
            # ILLUSTRATIVE amounts, as the schedule would show them.
            "compulsory_excess": "250", "glass_replacement_excess": "100",
            "glass_repair_excess": "25", **COVER_CHOSEN,
            # Section 6: covered abroad for at most "the maximum days abroad as detailed in
            # your Policy Schedule". Seed 002 gives no figure: ILLUSTRATIVE reading.
            "max_days_abroad": 90,
        },
        contacts=CONTACTS, rates=RATES, taxes=(uk_ipt("0.12"),),
        readings={**cooling_off(14, "seed 002 s.14.6, the 14 day cooling off period; the "
                                    "refund is that of any cancellation, pro rata less the "
                                    "fee."),
            **commission_cap("0.2000", "Reading: 20% for annual motor cover; seed 002 sets "
                                       "none. Head office to confirm."),
            "postcode_rating_areas": (POSTCODE_RATING_AREAS, "Reading: the rating area (A-F) "
                "of a postcode's outward code, district or area, for an address the customer "
                "changes. ILLUSTRATIVE: seed 002 gives no table. Head office to confirm."),
        },
        fees=(("cancellation", "Cancellation administration fee", D("35.00")),),
        commission=D("0.1000"),
    )  # fmt: skip

    KEYS = ("vehicle_value", "area", "driver_age", "ncd_years", "ncd_protected",
            "voluntary_excess", "options")  # fmt: skip

    def quote_inputs(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {"motor": {k: answers[k] for k in self.KEYS},
                "fault_claims_past_two_years": answers["fault_claims_past_two_years"]}  # fmt: skip

    def components(self, inputs, rates, lang, discount) -> list:
        return premiums.motor_components(rates, premiums.MotorInputs(**inputs["motor"]), lang)

    def refusals(self, inputs, config, on, lang):
        refusals, details = super().refusals(inputs, config, on, lang)
        motor_inputs = inputs["motor"]
        if motor_inputs.get("ncd_protected"):
            refusals += ncd_protection_refusals(
                motor_inputs["ncd_years"], inputs.get("fault_claims_past_two_years", 0),
                params_from(MotorUkParams, config),
            )  # fmt: skip
        return refusals, details

    def refund(self, cancellation, fee, lang):
        return motor_refund(cancellation, admin_fee=fee)

    def address_answers(self, address, config) -> dict[str, Any]:
        """The rating area of the postcode (head office's `postcode_rating_areas`)."""
        area = rating_area(address.postcode, config.get("postcode_rating_areas") or {})
        if area is None:
            raise AddressNotRated(address.postcode)
        return {"area": area}

    def cancelled_extras(self, answers) -> list[str]:
        return [str(e) for e in extras_to_cancel(answers.get("options", []))]

    def renewal_context(self, policies):
        return policies_claimed(policies)

    def renewal_answers(self, policy, answers, context):
        return {**answers, **ncd_at_renewal(policy, answers, context)}

    def assess(self, claim, facts):
        return assess_motor(claim, facts)
