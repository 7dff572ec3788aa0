"""Reads of claims, scoped as every read is (dealers/selectors.py), and what a policy's
claims mean for it: the refund on cancellation, the No Claim Discount at renewal, the
Key Protect limit left in the period.

Reading: a claim counts against its policy from the day it is notified, unless it is
declined or withdrawn (a reopened claim counts again); it belongs to the period of cover
its date of loss falls in.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from dealers.models import User
from dealers.selectors import scoped, search_words
from policies.models import Policy
from policies.rules.motor_claims import MotorClaim, Section, ncd_kind
from policies.rules.motor_uk import ClaimKind

from .models import Claim, Decision

COUNTING = ~Q(decision__in=[Decision.DECLINED, Decision.WITHDRAWN])
KEY_PROTECT = "key_protect"
CLAIM_SEARCH_FIELDS = (
    "number",
    "policy__number",
    "policy__customer__first_name",
    "policy__customer__last_name",
    "policy__customer__company_name",
    "policy__vehicle__registration",
)


def claims_for(user: User) -> QuerySet[Claim]:
    return scoped(
        Claim.objects.select_related(
            "policy__product", "policy__customer", "policy__vehicle", "dealer", "notified_by"
        ),
        user,
    )


def claim_search(queryset: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    return search_words(queryset, text, CLAIM_SEARCH_FIELDS)


def claims_in_period(policy: Policy, *, exclude: Claim | None = None) -> QuerySet[Claim]:
    """The policy's claims that count, with a loss in its period of cover."""
    claims = policy.claims.filter(
        COUNTING, loss_date__gte=policy.start_date, loss_date__lt=policy.end_date
    )
    return claims.exclude(pk=exclude.pk) if exclude is not None else claims


def policies_with_claims(policy_ids: Iterable[int | None]) -> set[int]:
    """Which of the policies have any claim at all (one query for many)."""
    ids = {pk for pk in policy_ids if pk}
    return set(Claim.objects.filter(policy_id__in=ids).values_list("policy_id", flat=True))


def claim_made_in_period(policy: Policy) -> bool:
    """Whether a claim blocks the refund if the policy is cancelled now."""
    return claims_in_period(policy).exists()


def motor_claim_of(claim: Claim, facts: dict) -> MotorClaim:
    """The rules' view of a UK motor claim's facts (claims/forms.MotorForm)."""
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
    from .forms import facts_typed

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
    from policies.rules.motor_uk import COUNTED_KINDS

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


def renewal_chain(policy: Policy) -> list[Policy]:
    """The policy and every period it was renewed from, the first sale last."""
    chain = [policy]
    while chain[-1].renewed_from_id:
        chain.append(chain[-1].renewed_from)
    return chain


def decided_in_window(
    policy: Policy, start, end, *, exclude: Claim | None = None
) -> QuerySet[Claim]:
    """The claims of the renewal chain with a loss from `start` to `end` that count and
    were approved or settled."""
    claims = Claim.objects.filter(
        COUNTING,
        policy__in=renewal_chain(policy),
        loss_date__gte=start,
        loss_date__lt=end,
    ).filter(Q(approved_amount__isnull=False) | Q(settled_amount__isnull=False))
    return claims.exclude(pk=exclude.pk) if exclude is not None else claims


def paid_in_window(
    policy: Policy, part: str, start, end, *, events=(), exclude: Claim | None = None
) -> Decimal:
    """What the other claims of the renewal chain with a loss from `start` to `end` have
    paid, or been approved to pay, under the cover `part` (a key of their decided
    assessment's `parts`; a claim decided before parts were kept counts in full when its
    event is one of `events`). An open claim has paid nothing yet."""
    total = Decimal("0.00")
    for claim in decided_in_window(policy, start, end, exclude=exclude):
        paid = claim.settled_amount if claim.settled_amount is not None else claim.approved_amount
        parts = (claim.assessment or {}).get("parts")
        if parts:
            total += min(paid, Decimal(parts.get(part, "0")))
        elif claim.event in events:
            total += paid
    return total


def units_paid_in_window(
    policy: Policy, part: str, units: str, start, end, *, exclude: Claim | None = None
) -> int:
    """How many units (the fact `units` of each claim, 1 if not given: the tyres of
    Protezione Pneumatici) the other claims from `start` to `end` were paid or approved
    for under the cover `part`. A claim that paid nothing under it used none."""
    total = 0
    for claim in decided_in_window(policy, start, end, exclude=exclude):
        paid = claim.settled_amount if claim.settled_amount is not None else claim.approved_amount
        parts = (claim.assessment or {}).get("parts") or {}
        if paid > 0 and Decimal(parts.get(part, "0")) > 0:
            total += int(claim.facts.get(units) or 1)
    return total
