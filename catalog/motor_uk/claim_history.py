"""What a policy's motor claims mean for it, read from claims: the rules' view of a claim,
how each counts for the No Claim Discount at renewal (section 12), and what Key Protect
has paid in the period.

Reading: a claim counts as claims.selectors counts it (notified, not declined or
withdrawn), in the period of cover its date of loss falls in.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce

from claims.forms import facts_typed
from claims.models import Claim
from claims.selectors import claims_in_period
from policies.models import Policy
from policies.rules.motor_claims import MotorClaim, Section, ncd_kind
from policies.rules.motor_uk import COUNTED_KINDS, ClaimKind

from .claim_form import KEY_PROTECT


def motor_claim_of(claim: Claim, facts: dict) -> MotorClaim:
    """The rules' view of a UK motor claim's facts (claim_form.MotorForm)."""
    return MotorClaim(
        section=Section(claim.event),
        cost=facts.get("cost") or Decimal(0),
        at_fault=facts.get("at_fault", False),
        outlay_recovered=facts.get("outlay_recovered", False),
        uninsured_driver=facts.get("uninsured_driver", False),
        voluntary_excess=Decimal(claim.policy.answers.get("voluntary_excess") or 0),
        glass_replaced=facts.get("glass_replaced", True),
        approved_repairer=facts.get("approved_repairer", True),
        imported_car=claim.policy.vehicle.imported,  # as the schedule states it
        emergency_treatment_only=facts.get("emergency_treatment_only", False),
        vandalism_crime_reference=bool(facts.get("vandalism_crime_reference")),
        persons=facts.get("persons") or 1,
        deaths=facts.get("deaths") or 0,
        losses=facts.get("losses") or 0,
    )


def ncd_kinds(claims: Iterable[Claim]) -> tuple[ClaimKind, ...]:
    """How each motor claim counts for the NCD (Key Protect is not a section 12 claim)."""
    return tuple(
        ncd_kind(motor_claim_of(c, facts_typed(c)))[0] for c in claims if c.event != KEY_PROTECT
    )


def previous_periods(policy: Policy, n: int = 2) -> list[Policy]:
    periods, current = [], policy
    while current.renewed_from_id and len(periods) < n:
        current = current.renewed_from
        periods.append(current)
    return periods


def claim_in_past_two_periods(policy: Policy) -> bool:
    """Table B of section 12: a claim that reduces the NCD in either of the two periods
    of continuous cover with us before this one (reading: "the past two periods" are
    those before the period now ending; a first period is new business, table A)."""
    return any(
        k in COUNTED_KINDS for p in previous_periods(policy) for k in ncd_kinds(claims_in_period(p))
    )


def key_protect_paid_in_period(policy: Policy, *, exclude: Claim | None = None) -> Decimal:
    """What Key Protect has paid, or agreed to pay, in the policy's period."""
    claims = claims_in_period(policy, exclude=exclude).filter(event=KEY_PROTECT)
    paid = claims.aggregate(
        paid=Sum(Coalesce("settled_amount", "approved_amount")),
    )["paid"]
    return paid or Decimal("0.00")
