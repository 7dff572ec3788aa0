"""A product that lives only in the tests: Tyre and Alloy Cover (UK), registered by the
test settings (config/settings/test.py) and sold, documented, emailed, claimed, cancelled
and renewed by the application's own flows, with no code outside this package knowing it.

It is the proof that a product is one package (issue 18): if adding it needed a change
anywhere else, the registry would not be doing its job. Its figures are made up."""

from decimal import Decimal as D
from typing import Any

from django.utils.translation import gettext_lazy as _

from catalog.base import QUOTE_VALID, Product, uk_ipt
from claims.assessment import Assessment, Figure, declined, incomplete, money_of
from claims.forms import ClaimForm, money_field
from dealers.money import round_money
from documents.content import ProductContent
from documents.content.common import DocumentFacts, ProductText, Section
from policies.rules.pricing import Component
from products.answers import Answers, Question
from products.registry import Reference

CODE = "tyre-alloy"


def _upgrade_1(stored: dict[str, Any]) -> dict[str, Any]:
    """Version 1 asked "alloys" (yes or no, four wheels); version 2 asks how many wheels."""
    upgraded = {k: v for k, v in stored.items() if k != "alloys"}
    upgraded["wheels"] = 4 if stored.get("alloys") else 0
    return upgraded


class TyreAlloyAnswers(Answers):
    version = 2
    upgrades = {1: _upgrade_1}

    term_months = Question("int", label=_("Term"), min=12, max=36)
    wheels = Question("int", label="Alloy wheels covered", min=0, max=5)
    run_flat = Question("bool", label="Run-flat tyres", required=False, default=False)
    invoice_price = Question("money", label="Invoice price", min=D("0"), max=D("250000"))
    fitter = Question("text", label="Preferred tyre fitter", required=False, priced=False)

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, str]:
        if values.get("run_flat") and values.get("wheels") == 0:
            return {"run_flat": "Run-flat cover needs at least one wheel covered."}
        return {}


class TyreAlloyClaim(ClaimForm):
    EVENTS = [("puncture", "Puncture"), ("kerbed", "Alloy wheel kerbed")]
    # Version 1 called the cost "cost"; version 2 says what it is.
    FACTS_VERSION = 2
    FACTS_UPGRADES = {1: lambda facts: {**facts, "repair_cost": facts.get("cost")}}
    repair_cost = money_field("Repair or replacement cost", required=True)


def _covers(facts: DocumentFacts) -> list[Section]:
    limit = facts.limit(facts.settings["claim_limit"])
    excess = facts.money(facts.settings["claim_excess"])
    wheels = str(facts.answers.get("wheels", 0))
    return [Section("What is covered", (
        ("Tyres", f"Repair or replacement after a puncture, up to {limit} a claim."),
        ("Alloy wheels", f"Cosmetic repair of {wheels} wheels, up to {limit} a claim."),
        ("Excess", f"{excess} each claim."),
    ))]  # fmt: skip


class TyreAlloy(Product):
    code = CODE
    label = "Tyre and Alloy Cover"
    answers = TyreAlloyAnswers
    needs = (("tyres", "Tyres and alloy wheels"),)
    claim_form = TyreAlloyClaim
    documents = ProductContent(
        _covers,
        ProductText(arranged_by="Sample Insurance Services Ltd (a test product).",
                    contacts=(("To claim", "0800 000 0000"),),
                    cancellation="Cancel at any time: the days of cover left are refunded."),
        value=("invoice_price", "Invoice price"),
    )  # fmt: skip
    reference = Reference(
        market="UK", currency="GBP", renewable=True, on_sale=False,
        insurer="Sample Insurance Company Ltd",
        settings={"terms_months": [12, 24, 36], "payment_plans": ["single", "monthly"],
                  **QUOTE_VALID, "policy_number_prefix": "TAC", "claim_limit": "400",
                  "claim_excess": "25"},
        rates={"term:12": D("120.00"), "term:24": D("190.00"), "term:36": D("240.00"),
               "wheel": D("15.00"), "run_flat": D("30.00")},
        taxes=(uk_ipt("0.12"),), commission=D("0.2000"),
    )  # fmt: skip

    def quote_inputs(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {k: answers.get(k) for k in ("term_months", "wheels", "run_flat", "invoice_price")}

    def components(self, inputs, rates, lang, discount) -> list:
        parts = [
            Component("cover", f"Tyres, {inputs['term_months']} months",
                      rates[f"term:{inputs['term_months']}"]),
            Component("wheels", f"Alloy wheels x {inputs['wheels']}",
                      round_money(rates["wheel"] * inputs["wheels"])),
        ]  # fmt: skip
        if inputs.get("run_flat"):
            parts.append(Component("run_flat", "Run-flat tyres", rates["run_flat"]))
        return parts

    def assess(self, claim, facts) -> Assessment:
        if facts.get("repair_cost") is None:
            return incomplete(["Repair or replacement cost"])
        settings = claim.policy.product.settings.all()
        config = {s.key: s.value for s in settings}
        limit, excess = D(config["claim_limit"]), D(config["claim_excess"])
        covered = min(facts["repair_cost"], limit)
        payable = max(covered - excess, D("0.00"))
        figures = (
            Figure("Cost", money_of(claim, facts["repair_cost"]),
                   f"Paid up to {money_of(claim, limit)} a claim."),
            Figure("Excess", money_of(claim, excess), "Each claim."),
        )  # fmt: skip
        if not payable:
            return declined("The cost is within the excess.", figures)
        return Assessment(True, round_money(payable), "customer", figures)
