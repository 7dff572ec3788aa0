"""The renewal invitation's offer: the next period priced again through the quote service
on the renewal date, with the rate card, taxes and readings in force then.

A product may change its answers at renewal (motor: the No Claim Discount that section 12
gives for the period's claims). When the answers can no longer
be priced (the vehicle has aged out of a rule, the rate card has no entry), the offer
keeps the current premium and says that it is indicative."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation

from policies.models import Policy
from policies.quotes import inputs_from_answers, quote_calculate
from policies.rules.common import add_months
from policies.sales import breakdown_json
from policies.selectors import NotConfigured, answers_as_first_sold
from policies.stored_answers import answers_decoded
from products.registry import product_definition


@dataclass(frozen=True)
class PaymentChoice:
    plan: str
    total: Decimal
    instalments: tuple[Decimal, ...]
    discount: Decimal


@dataclass(frozen=True)
class RenewalOffer:
    starts: date
    ends: date
    repriced: bool  # False: the current premium, shown as indicative
    breakdown: dict[str, Any]  # the shape of Policy.breakdown
    choices: tuple[PaymentChoice, ...] = ()
    reasons: tuple[str, ...] = ()  # why it could not be priced again
    answers: dict[str, Any] = field(default_factory=dict)  # as priced for the renewal

    def choice(self, plan: str) -> PaymentChoice:
        """The way of paying the renewal takes: the policy's plan, or the first offered."""
        return next((c for c in self.choices if c.plan == plan), self.choices[0])


def renewal_answers(policy: Policy, starts: date, context: Any = None) -> dict[str, Any]:
    """The answers the renewal is priced on: as first sold, with what its product changes
    at renewal (motor: the NCD after the period's claims). `context`: what the product
    read for many renewals at once (ProductDefinition.renewal_context), None to read it."""
    code = policy.product.code
    stored = answers_decoded(code, answers_as_first_sold(policy), policy.answers_version)
    answers = {**stored, "product": code}
    answers = product_definition(code).renewal_answers(policy, answers, context)
    if "sale_date" in answers:  # ages are judged on the renewal day, values on the first sale
        answers["sale_date"] = starts
    return answers


def claim_chain(policy: Policy) -> list[int]:
    """The ids of the policy and the two periods before it, whose claims its NCD reads."""
    chain = [policy.pk, policy.renewed_from_id]
    if policy.renewed_from_id:
        chain.append(policy.renewed_from.renewed_from_id)
    return [pk for pk in chain if pk]


def renewal_offer(policy: Policy, context: Any = None) -> RenewalOffer:
    """The offer for the period that follows the policy's, priced on its first day
    (`context`: as renewal_answers)."""
    starts = policy.end_date
    ends = add_months(starts, policy.term_months)
    answers = renewal_answers(policy, starts, context)
    lang = "it" if translation.get_language() == "it" else "en"
    try:
        quote = quote_calculate(
            product_code=policy.product.code, inputs=inputs_from_answers(answers), on=starts,
            region=answers.get("state") or "", lang=lang,
        )  # fmt: skip
    except (NotConfigured, ValueError, KeyError):  # answers the rules can no longer take
        return _indicative(policy, starts, ends, (), answers)
    plan = next((p for p in quote.plans if p.option.plan == policy.payment_plan), None)
    if not quote.eligible or plan is None:
        return _indicative(policy, starts, ends, tuple(r.message for r in quote.refusals), answers)
    choices = tuple(PaymentChoice(p.option.plan, p.option.total, tuple(p.option.instalments),
                                  p.option.discount) for p in quote.plans)  # fmt: skip
    return RenewalOffer(starts, ends, True, breakdown_json(plan), choices, answers=answers)


def _indicative(policy: Policy, starts: date, ends: date, reasons: tuple[str, ...], answers):
    instalments = tuple(i.amount for i in policy.instalments.all())
    choice = PaymentChoice(policy.payment_plan, policy.total_premium, instalments, Decimal(0))
    return RenewalOffer(starts, ends, False, policy.breakdown, (choice,), reasons, answers)
