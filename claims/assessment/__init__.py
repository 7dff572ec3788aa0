"""A claim assessed with its product's rules (policies/rules): what is payable, to whom,
and every figure with the rule that produced it, shown before anyone decides.

`assess(claim)` reads the claim's facts (claims.forms.facts_typed) and the product's
settings, and returns an Assessment; nothing is written. A claim lacking a figure the
rules need is not refused: the assessment lists what is missing.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dealers.markets import format_money
from policies.models import PolicyStatus
from products.registry import product_definition

from ..forms import facts_typed
from ..models import Claim

PAYEES = {
    "customer": gettext_lazy("The customer"),
    "finance_company": gettext_lazy("The finance company"),
    "repairer": gettext_lazy("Repaired by a SMART technician (no payment)"),
    "": gettext_lazy("Nobody"),
}


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    rule: str


@dataclass(frozen=True)
class Assessment:
    covered: bool | None  # None: the rules need more facts first
    payable: Decimal
    payee: str  # a key of PAYEES
    figures: tuple[Figure, ...] = ()
    reasons: tuple[str, ...] = ()  # why nothing (or less) is payable
    notes: tuple[str, ...] = ()  # what else follows from the claim (the NCD)
    missing: tuple[str, ...] = ()  # the facts still needed
    # What each cover of the policy pays of `payable` (kept with the decision, so that a
    # later claim can count what earlier ones paid against a yearly limit).
    parts: dict[str, Decimal] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["payable"] = str(self.payable)
        data["parts"] = {k: str(v) for k, v in self.parts.items()}
        return data

    @property
    def payee_label(self) -> str:
        return str(PAYEES.get(self.payee, self.payee))


def incomplete(missing: list[str], figures=()) -> Assessment:
    return Assessment(None, Decimal("0.00"), "", tuple(figures), missing=tuple(missing))


def declined(reason: str, figures=(), notes=()) -> Assessment:
    return Assessment(False, Decimal("0.00"), "", tuple(figures), (reason,), tuple(notes))


def money_of(claim: Claim, amount) -> str:
    return format_money(amount, claim.currency)


def day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def missing_facts(facts: dict, needed: dict[str, str]) -> list[str]:
    return [str(label) for name, label in needed.items() if facts.get(name) is None]


def outside_cover(claim: Claim) -> str | None:
    """Why the loss date is outside the policy's cover, if it is."""
    policy = claim.policy
    ends = policy.end_date
    if policy.status == PolicyStatus.CANCELLED and policy.cancelled_on:
        ends = min(ends, policy.cancelled_on)
    if policy.start_date <= claim.loss_date < ends:
        return None
    return _("The loss on %(loss)s is outside the cover, from %(start)s to %(end)s.") % {
        "loss": day(claim.loss_date),
        "start": day(policy.start_date),
        "end": day(ends),
    }


def assess(claim: Claim) -> Assessment:
    """The claim assessed by its product (products.registry): the loss date checked
    against the cover first, unless the product's cover runs from delivery."""
    product = product_definition(claim.policy.product.code)
    facts = facts_typed(claim)
    if not product.cover_from_delivery:
        reason = outside_cover(claim)
        if reason:
            return declined(reason)
    return product.assess(claim, facts)
