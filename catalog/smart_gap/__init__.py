"""GAP Insurance by smart, UK: smart Combined GAP and smart Lease GAP (seed 004)."""

from decimal import Decimal as D

from django.utils.translation import gettext_lazy as _

from catalog.base import (
    GAP_COMMISSION_CAP,
    GAP_DEFERRAL,
    QUOTE_VALID,
    TERM_FACTORS,
    FullRefundCoolingOff,
    TermPriced,
    banded,
    cooling_off,
    uk_ipt,
)
from catalog.demo_gap import gap_demo
from documents.content import ProductContent
from policies.eligibility import params_from
from policies.rules.smart_gap import SmartGapParams, SmartGapSale, smart_gap_sale_refusals
from products.registry import Reference

from .answers import SmartGapAnswers
from .claims import SmartGapForm, SmartLeaseGapForm, assess_smart_gap
from .documents import smart_gap_covers, smart_gap_text, smart_lease_gap_covers

INSURER = "Acasta European Insurance Company Ltd"  # seed 004
SETTINGS = {"terms_months": [24, 36, 48], "payment_plans": ["single"], **GAP_DEFERRAL,
            **QUOTE_VALID, "european_cover_days": 90}  # a year abroad (seed 004)  # fmt: skip
CONTACTS = {"claims_phone": ("01279 456 507", "Claims Department (seed 004).")}
COOLING_OFF = {
    **cooling_off(
        14,
        "Reading: seed 004 gives none; 14 days, the cooling-off of "
        "general insurance (FCA ICOBS 7.1), a full refund if no claim. "
        "Head office to confirm.",
    ),
    **GAP_COMMISSION_CAP,
}
BANDS = [25000, 40000, 60000, 75000, 125000]
# Which GAP fits how the car is paid for (policies.pos.fit_advice): Combined GAP a car
# bought, in cash or on finance (hire purchase, PCP); Lease GAP a leased one (seed 004).
BOUGHT = ["cash", "finance", "pcp"]


class SmartCombinedGap(FullRefundCoolingOff, TermPriced):
    code = "smart-combined-gap"
    label = _("smart Combined GAP")
    answers = SmartGapAnswers
    needs = (("gap", _("Cover for the gap between the insurer's settlement and the invoice")),)
    demo = gap_demo(take_up=0.4)
    record_facts = ("first_registration", "hire_and_reward")
    claim_form = SmartGapForm
    documents = ProductContent(smart_gap_covers, smart_gap_text,
                               value=("invoice_price", _("Invoice price")))  # fmt: skip
    reference = Reference(
        market="UK", currency="GBP", brand="smart", insurer=INSURER,
        settings={**SETTINGS, "policy_number_prefix": "SCG", "fits_finance": BOUGHT},
        contacts=CONTACTS, readings=COOLING_OFF,
        rates=banded(TERM_FACTORS, BANDS, ["249", "299", "349", "399", "499"]),
        taxes=(uk_ipt("0.20"),), commission=D("0.2500"),
    )  # fmt: skip

    def refusals(self, inputs, config, on, lang):
        refusals, details = super().refusals(inputs, config, on, lang)
        sale = SmartGapSale(
            inputs["invoice_price"], on, inputs.get("first_registration"),
            inputs.get("hire_and_reward", False),
        )  # fmt: skip
        return refusals + smart_gap_sale_refusals(sale, params_from(SmartGapParams, config)), {}

    def assess(self, claim, facts):
        return assess_smart_gap(claim, facts)


class SmartLeaseGap(SmartCombinedGap):
    code = "smart-lease-gap"
    label = _("smart Lease GAP")
    claim_form = SmartLeaseGapForm
    demo = gap_demo(take_up=0.5)
    documents = ProductContent(smart_lease_gap_covers, smart_gap_text,
                               value=("invoice_price", _("Invoice price")))  # fmt: skip
    reference = Reference(
        market="UK", currency="GBP", brand="smart", insurer=INSURER,
        settings={**SETTINGS, "policy_number_prefix": "SLG", "fits_finance": ["lease"]},
        contacts=CONTACTS, readings=COOLING_OFF,
        rates=banded(TERM_FACTORS, BANDS, ["229", "279", "329", "379", "469"]),
        taxes=(uk_ipt("0.20"),), commission=D("0.2500"),
    )  # fmt: skip

    def assess(self, claim, facts):
        return assess_smart_gap(claim, facts, lease=True)
