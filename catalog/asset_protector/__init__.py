"""Lexus Asset Protector (GAP), UK: seed 000."""

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
from policies.rules.asset_protector import AssetProtectorParams, term_refusals
from products.registry import Reference

from .answers import AssetProtectorAnswers
from .claims import AssetProtectorForm, assess_asset_protector
from .documents import ASSET_PROTECTOR_TEXT, asset_protector_covers


class AssetProtector(FullRefundCoolingOff, TermPriced):
    code = "asset-protector"
    label = _("Lexus Asset Protector (GAP)")
    answers = AssetProtectorAnswers
    needs = (("gap", _("Cover for the gap between the insurer's settlement and the invoice")),)
    demo = gap_demo(take_up=0.35)
    record_facts = ("finance_agreement", "finance_term_months")
    claim_form = AssetProtectorForm
    cover_from_delivery = True  # the assessor reads the months from delivery (claims.py)
    documents = ProductContent(asset_protector_covers, ASSET_PROTECTOR_TEXT,
                               value=("invoice_price", _("Net Invoice Price")))  # fmt: skip
    reference = Reference(
        market="UK", currency="GBP",
        # Seed 000 does not name Asset Protector's insurer: an illustrative reading.
        insurer="Aioi Nissay Dowa Insurance UK Limited (illustrative)",
        settings={**QUOTE_VALID, "terms_months": [24, 36, 48], "payment_plans": ["single"],
                  "policy_number_prefix": "LAP", **GAP_DEFERRAL,
                  "cover_start": "delivery"},  # seed 000: cover from delivery
        readings={**cooling_off(14, "Reading: seed 000 gives none for Asset Protector; 14 "
                                    "days, the cooling-off of general insurance (FCA ICOBS "
                                    "7.1), with SMART Cover's full refund if no claim. Head "
                                    "office to confirm."),
                  **GAP_COMMISSION_CAP},
        rates=banded(TERM_FACTORS, [25000, 40000, 60000, 80000, 100000, 150000],
                     ["299", "349", "399", "449", "499", "599"]),
        taxes=(uk_ipt("0.12"),), commission=D("0.2500"),
    )  # fmt: skip

    def refusals(self, inputs, config, on, lang):
        refusals, details = super().refusals(inputs, config, on, lang)
        if inputs.get("term_months") is not None:  # months 37-48 need long finance
            refusals += term_refusals(
                inputs["term_months"], inputs.get("finance_agreement"),
                inputs.get("finance_term_months"), params_from(AssetProtectorParams, config),
                lang,
            )  # fmt: skip
        return refusals, details

    def assess(self, claim, facts):
        return assess_asset_protector(claim, facts)
