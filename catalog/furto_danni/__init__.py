"""Polizza Furto e Danni, Italy: packages Blu, Rosso and Giallo with optional covers
(seed 001)."""

from decimal import Decimal as D
from typing import Any

from django.utils.translation import gettext_lazy as _

from catalog.base import COVER_CHOSEN, QUOTE_VALID, Product, commission_cap, cooling_off
from documents.content import ProductContent
from documents.models import DocumentKind
from policies.eligibility import params_from
from policies.models import ChangeKind
from policies.rules import premiums
from policies.rules.furto_danni.eligibility import SaleFacts, assess_eligibility
from policies.rules.furto_danni.params import FurtoDanniParams, Option, Package
from products.registry import Reference

from .answers import FurtoDanniAnswers
from .claims import FurtoDanniForm, assess_furto_danni
from .demo import DEMO
from .documents import TITLES, cover_sections, excess_sections, schedule, text
from .reference import RATES


class FurtoDanni(Product):
    code = "furto-danni"
    label = _("Polizza Furto e Danni")
    answers = FurtoDanniAnswers
    needs = (("furto", _("Theft and fire")), ("danni", _("Accidental damage (Kasko)")),
             ("assistenza", _("Roadside assistance")))  # fmt: skip
    demo = DEMO
    record_facts = ("sale_date", "first_registration", "vehicle_type")
    # Good, better, best: Giallo lacks vandalism and natural disasters, Blu alone offers
    # Kasko Finanziaria (PRODUCTS.md section 4).
    packages = (("giallo", _("Good")), ("rosso", _("Better")), ("blu", _("Best")))
    change_answers = {
        ChangeKind.ADDRESS: (),
        ChangeKind.CAR: ("invoice_price",),  # the insured value follows the invoice
    }
    claim_form = FurtoDanniForm
    documents = ProductContent(
        cover_sections, text, excess_sections,
        parts={DocumentKind.SCHEDULE: schedule}, titles=TITLES,  # its own schedule, in Italian
    )  # fmt: skip
    reference = Reference(
        market="IT", currency="EUR", renewable=True,
        insurer="Aioi Nissay Dowa Insurance Company of Europe SE",  # seed 001
        settings={"terms_months": [12, 24, 36, 48, 60], "payment_plans": ["single", "monthly"],
                  **QUOTE_VALID, "policy_number_prefix": "PFD", "renewal_terms_months": [12],
                  **COVER_CHOSEN},
        contacts={"enquiries_phone": ("06 62292910", "Assistenza clienti (seed 001)."),
                  "enquiries_email": ("clienti@lexus-im.com", "Assistenza clienti (seed 001).")},
        # The refund in it is that of any cancellation: the days of cover left, no fee.
        readings={**cooling_off(14, "Reading: seed 001 names no period of recesso; 14 days, "
                                    "refunding the days of cover left, as any cancellation. "
                                    "Head office to confirm."),
                  **commission_cap("0.3000", "Reading: 30%; seed 001 sets none (IVASS "
                                             "asks that the remuneration be disclosed). "
                                             "Head office to confirm.")},
        rates=RATES,
        taxes=(("imposta", "Imposte", D("0.135"), "", "standard", False, 1),
               ("imposta_assistenza", "Imposte (assistenza)", D("0.10"), "", "assistance",
                False, 1)),
        commission=D("0.1500"),
    )  # fmt: skip

    FACTS = ("vehicle_type", "first_registration", "sale_date", "invoice_price",
             "market_value", "financed_by_lfs", "first_sale_date")  # fmt: skip

    def quote_inputs(self, answers: dict[str, Any]) -> dict[str, Any]:
        furto = {k: answers[k] for k in ["package", "duration_years", "options"]}
        facts = {k: answers.get(k) for k in self.FACTS}
        return {"furto": {**furto, "insured_value": None}, "eligibility": facts}

    def components(self, inputs, rates, lang, discount) -> list:
        return premiums.furto_danni_components(
            rates, premiums.FurtoDanniInputs(**inputs["furto"]), lang
        )

    def instalments(self, inputs) -> int:
        return 12 * inputs["furto"]["duration_years"]

    def refusals(self, inputs, config, on, lang):
        if not inputs.get("eligibility"):
            return super().refusals(inputs, config, on, lang)
        furto = inputs["furto"]
        sale = _sale_facts(inputs, on, tuple(Option(o) for o in furto.get("options", ())))
        verdict = assess_eligibility(sale, params_from(FurtoDanniParams, config), lang)
        furto["insured_value"] = verdict.insured_value
        details = {
            "insured_value": verdict.insured_value,
            "vehicle_condition": verdict.vehicle_condition,
        }
        return list(verdict.refusals), details

    def unavailable_options(self, answers, config, on, lang):
        """Kasko Finanziaria is not offered outside Blu. With the vehicle's facts known,
        each option is judged alone (with the options it requires): Kasko on a car over
        five years old, Restart on an old used car or a long policy, are offered greyed."""
        params = params_from(FurtoDanniParams, config)
        package = Package(answers["package"])
        out: dict[str, str | None] = {
            option.value: None
            for option in Option
            if package not in params.option_packages.get(option, (package,))
        }
        needed = ("duration_years", "first_registration", "invoice_price", "vehicle_type")
        if any(answers.get(k) is None for k in needed):
            return out
        inputs = self.quote_inputs({"options": [], **answers})
        for option in Option:
            if option.value in out:
                continue
            alone = (option, *params.option_requirements.get(option, ()))
            try:
                verdict = assess_eligibility(_sale_facts(inputs, on, alone), params, lang)
            except ValueError:  # not judged yet (a used car's market value missing)
                return out
            reasons = [r.message for r in verdict.refusals if r.code in OPTION_REFUSALS]
            if reasons:
                out[option.value] = " ".join(reasons)
        return out

    def address_answers(self, address, config) -> dict[str, Any]:
        """The province the policy keeps (claims read it: the province's scoperti)."""
        return {"province": address.region.upper()} if address.region else {}

    def assess(self, claim, facts):
        return assess_furto_danni(claim, facts)


# The refusals that rule out an option, not the package (policies.rules.furto_danni).
OPTION_REFUSALS = ("kasko_too_old", "restart_not_allowed", "kasko_finanziaria_not_allowed")


def _sale_facts(inputs, on, options: tuple[Option, ...]) -> SaleFacts:
    furto, facts = inputs["furto"], inputs["eligibility"]
    return SaleFacts(
        package=Package(furto["package"]),
        options=options,
        vehicle_type=facts["vehicle_type"],
        first_registration=facts["first_registration"],
        sale_date=facts.get("sale_date") or on,
        invoice_price=facts["invoice_price"],
        duration_years=furto["duration_years"],
        market_value=facts.get("market_value"),
        financed_by_lfs=facts.get("financed_by_lfs", False),
        first_sale_date=facts.get("first_sale_date"),
    )
