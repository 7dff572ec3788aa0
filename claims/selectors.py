"""Reads of claims, scoped as every read is (dealers/selectors.py), and what a policy's
claims mean for it: the refund on cancellation, what the claims of a period or a window
have paid under a cover (a product's own reads, such as the motor No Claim Discount, are
in its package).

Reading: a claim counts against its policy from the day it is notified, unless it is
declined or withdrawn (a reopened claim counts again); it belongs to the period of cover
its date of loss falls in.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet

from dealers.models import User
from dealers.selectors import scoped, search_words
from policies.models import Policy

from .models import Claim, Decision

COUNTING = ~Q(decision__in=[Decision.DECLINED, Decision.WITHDRAWN])
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
