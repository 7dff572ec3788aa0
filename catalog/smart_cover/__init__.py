"""Lexus SMART Cover, UK: cosmetic repairs (seed 000)."""

from decimal import Decimal as D

from django.utils.translation import gettext_lazy as _

from catalog.base import (
    QUOTE_VALID,
    FullRefundCoolingOff,
    TermPriced,
    commission_cap,
    cooling_off,
    uk_ipt,
)
from documents.content import ProductContent
from policies.eligibility import params_from
from policies.rules.smart_cover import (
    SmartCoverParams,
    SmartCoverSale,
    smart_cover_refund,
    smart_cover_sale_refusals,
)
from products.registry import Reference

from .answers import SmartCoverAnswers
from .claims import SmartCoverForm, assess_smart_cover
from .demo import DEMO
from .documents import smart_cover_covers, smart_cover_text


class SmartCover(FullRefundCoolingOff, TermPriced):
    code = "smart-cover"
    label = _("Lexus SMART Cover")
    answers = SmartCoverAnswers
    needs = (("cosmetic", _("Repairs to small dents, scratches and wheels")),)
    demo = DEMO
    record_facts = ("sale_date", "delivery_date")
    claim_form = SmartCoverForm
    documents = ProductContent(smart_cover_covers, smart_cover_text)
    reference = Reference(
        market="UK", currency="GBP",
        insurer="Red Sands Insurance Company (Europe) Limited and Aioi Nissay Dowa Insurance "
                "UK Limited",  # seed 000
        settings={**QUOTE_VALID, "terms_months": [12, 24, 36, 48, 60], "payment_plans": ["single"],
                  "policy_number_prefix": "LSC"},
        contacts={"claims_phone": ("0800 077 8713", "SMART Cover claims line (seed 000).")},
        readings={**cooling_off(14, "seed 000, within the first 14 days a full refund if no "
                                    "claim was made."),
                  **commission_cap("0.4000", "Reading: 40%, as the GAP products; seed 000 "
                                             "sets none. Head office to confirm.")},
        rates={f"term:{t}": D(p) for t, p in
               [(12, "199"), (24, "349"), (36, "449"), (48, "549"), (60, "649")]},
        taxes=(uk_ipt("0.20"),),
        fees=(("cancellation", "Cancellation administration fee", D("29.99")),),
        commission=D("0.3000"),
    )  # fmt: skip

    def refusals(self, inputs, config, on, lang):
        if not inputs.get("delivery_date"):
            return super().refusals(inputs, config, on, lang)
        # The sale's own rules judge the term, the delivery and the sale date.
        sale = SmartCoverSale(
            inputs.get("sale_date") or on, inputs["delivery_date"], inputs["term_months"]
        )
        return smart_cover_sale_refusals(sale, params_from(SmartCoverParams, config)), {}

    def refund(self, cancellation, fee, lang):
        return smart_cover_refund(cancellation, admin_fee=fee)

    def assess(self, claim, facts):
        return assess_smart_cover(claim, facts)
