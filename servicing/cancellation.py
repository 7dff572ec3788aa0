"""Cancelling a policy: the refund its product's rule gives (nothing back after a claim in
the period, which it reads from claims; within the product's cooling-off period, its
cooling-off rule), less the instalments not yet paid, recorded with the policy's move to
cancelled and the cancellation event its documents subscribe to."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from claims.selectors import claim_made_in_period
from dealers.models import ON_THEIR_PAGE, User
from dealers.money import round_money
from dealers.versioning import version_claim
from policies.events import PolicyEvent, policy_event_send
from policies.models import Instalment, Policy, PolicyStatus
from policies.refusals import SaleRefused
from policies.rules import smart_cover
from policies.rules.common import ZERO, refusal
from policies.rules.messages import text
from policies.selectors import NotConfigured, fee_in_force, settings_of
from policies.transitions import policy_move
from products.registry import product_definition

# What the history says of a cancellation the customer made on their own page (no member
# of staff made it: history_user is None).
BY_CUSTOMER = f"cancelled in the cooling-off period {ON_THEIR_PAGE}"


def cooling_off_ends(policy: Policy) -> date | None:
    """The last day of the policy's cooling-off period, counted from the start of cover
    (its product's `cooling_off_days`); None: the product has none."""
    days = settings_of(policy.product).get("cooling_off_days")
    return None if days is None else policy.start_date + timedelta(days=int(days))


def cancellation_preview(
    *, policy: Policy, on: date, claim_made: bool | None = None, lang: str = "en"
) -> smart_cover.CancellationRefund:
    """What the customer gets back if the policy is cancelled on `on` (nothing written).
    `claim_made`: None reads the policy's claims (claims.selectors.claim_made_in_period);
    a value answers "what if" for a claim not recorded here."""
    if claim_made is None:
        claim_made = claim_made_in_period(policy)
    if policy.status != PolicyStatus.LIVE:
        raise SaleRefused([refusal("policy_not_live", lang)])
    if not policy.start_date <= on <= policy.end_date or on < timezone.localdate():
        raise SaleRefused([refusal("cancel_date_outside_cover", lang)])
    try:
        fee = fee_in_force(policy.product, "cancellation", on).amount
    except NotConfigured:
        fee = ZERO
    cancellation = smart_cover.Cancellation(
        premium=policy.total_premium, start_date=policy.start_date, end_date=policy.end_date,
        cancel_date=on, claim_made=claim_made,
    )  # fmt: skip
    definition = product_definition(policy.product.code)
    result = None
    ends = cooling_off_ends(policy)
    if ends is not None and on <= ends:
        days = (ends - policy.start_date).days
        result = definition.cooling_off_refund(cancellation, fee, lang, days)
    if result is None:
        result = definition.refund(cancellation, fee, lang)
    return _less_unpaid(policy, on, result, lang)


def _less_unpaid(policy: Policy, on: date, result, lang: str) -> smart_cover.CancellationRefund:
    """The rules refund a premium paid in full. Paid by instalments, the refund is the
    premium paid less the charge for the time on cover and the fee (PRODUCTS.md, motor
    s.14.6): the same figure less the instalments not yet paid, never below zero."""
    unpaid = sum((i.amount for i in policy.instalments.all() if i.due_date > on), ZERO)
    if not unpaid or not result.refund:
        return result
    refund = max(result.refund - unpaid, ZERO)
    reason = f"{result.reason} " + text("refund_less_unpaid", lang, unpaid=round_money(unpaid))
    return smart_cover.CancellationRefund(refund, result.admin_fee, reason.strip())


def cancelled_extras_of(policy: Policy) -> list[str]:
    """The optional extras that end when the policy is cancelled (its product says)."""
    return product_definition(policy.product.code).cancelled_extras(policy.answers)


@transaction.atomic
def policy_cancel(
    *, policy: Policy, on: date, reason: str, cancelled_by: User | None,
    expected_version: int | None = None, by_customer: bool = False,
) -> Policy:  # fmt: skip
    """Cancel the policy on `on` with the refund of cancellation_preview, recorded; a
    claim on the policy in the period (its claims, as recorded) means no refund.
    `expected_version`: the policy's version on the page confirmed; changed since, it
    raises dealers.versioning.VersionConflict and nothing is written. `by_customer`: the
    customer cancelled on their own page (cancelled_by None), which the history says."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    version_claim(policy, expected_version)
    claim_made = claim_made_in_period(policy)
    lang = cancelled_by.language if cancelled_by else policy.dealer.language
    result = cancellation_preview(policy=policy, on=on, claim_made=claim_made, lang=lang)
    history = BY_CUSTOMER if by_customer else reason.strip()
    policy_move(
        policy, "cancel", by=cancelled_by, reason=history, cancelled_on=on,
        refund=result.refund, cancellation_fee=result.admin_fee,
        cancellation_reason=reason.strip()[:300], cancelled_extras=cancelled_extras_of(policy),
    )  # fmt: skip
    if not claim_made:  # after a claim the whole period's premium stays due
        Instalment.objects.filter(policy=policy, due_date__gt=on).delete()
    policy_event_send(policy=policy, event=PolicyEvent.CANCELLATION, by=cancelled_by)
    return policy


# --- mid-term changes -----------------------------------------------------------------
