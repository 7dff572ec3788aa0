"""The daily renewal job, policy by policy: invite, take the payment, renew, lapse or
expire, as policies.rules.renewal decides for the date.

Each policy is advanced in its own transaction under a row lock, so a job killed half-way
leaves no policy half-done, and two workers, or a second run, find the step done: the
rule sees `invited_on`, the RenewalPayment (one per policy) and the renewed status. Work
goes through the policy ids in chunks, so memory stays flat whatever their number.

(Issue 6, first part: the Celery beat schedule, the job-run page and the bench follow.)
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.emails import email_queue
from documents.renewal import renewal_offer

from .models import Instalment, JobRun, Policy, PolicyStatus, RenewalPayment
from .rules.common import ZERO, add_months
from .rules.renewal import (
    PolicyFacts,
    Step,
    preference_may_change,
    renewal_step,
)
from .sales import _next_number, answers_json
from .selectors import rate_card_in_force, renewal_params

CHUNK = 500


def _facts(policy: Policy) -> PolicyFacts:
    return PolicyFacts(
        end_date=policy.end_date, live=policy.status == PolicyStatus.LIVE,
        renewable=policy.product.renewable, auto_renew=policy.auto_renew,
        invited=policy.invited_on is not None,
        payment_taken=hasattr(policy, "renewal_payment"),  # read with the policy
        renewed=policy.status == PolicyStatus.RENEWED,  # set with the renewal, terminal
    )  # fmt: skip


def renewal_advance(*, policy_id: int, on: date) -> Step:
    """Do the step due for the policy on `on` (at most one), in one transaction."""
    with transaction.atomic():
        policy = (
            Policy.objects.select_for_update(of=("self",))
            .select_related("product", "dealer", "customer", "renewal_payment")
            .get(pk=policy_id)
        )
        step = renewal_step(_facts(policy), on, renewal_params(policy))
        if step != Step.NOTHING:
            STEPS[step](policy, on)
        return step


def _invite(policy: Policy, on: date) -> None:
    policy.invited_on = on
    _save(policy, "renewal invited")
    email_queue(policy=policy, event="renewal_invitation")


def _offer(policy: Policy):
    """The next period's offer and the way of paying the policy has now."""
    offer = renewal_offer(policy)
    choice = next((c for c in offer.choices if c.plan == policy.payment_plan), offer.choices[0])
    return offer, choice


def _take_payment(policy: Policy, on: date) -> None:
    choice = _offer(policy)[1]
    due = on if on < policy.end_date else policy.end_date
    RenewalPayment.objects.create(
        policy=policy, amount=choice.instalments[0], due_on=due, collected_at=timezone.now()
    )


def _renew(policy: Policy, on: date) -> None:
    offer, choice = _offer(policy)
    b = offer.breakdown
    taxes = sum((Decimal(t["amount"]) for t in b.get("taxes", [])), ZERO)
    fees = sum((Decimal(f["amount"]) for f in b.get("fees", [])), ZERO)
    renewed = Policy(
        number=_next_number(policy.product), product=policy.product, dealer=policy.dealer,
        deal=policy.deal, customer=policy.customer, vehicle=policy.vehicle,
        sold_by=policy.sold_by, sold_at=timezone.now(), start_date=offer.starts,
        end_date=offer.ends, term_months=policy.term_months, payment_plan=policy.payment_plan,
        currency=policy.currency, net_premium=Decimal(b["net_premium"]), tax_total=taxes,
        fee_total=fees, total_premium=choice.total, breakdown=b,
        answers={**policy.answers, **answers_json(offer.answers)},
        rate_card=rate_card_in_force(policy.product, offer.starts),
        submission_key=f"renewal:{policy.pk}", auto_renew=True, renewed_from=policy,
    )  # fmt: skip
    renewed._change_reason = f"renewal of {policy.number}"
    policy.status = PolicyStatus.RENEWED
    policy.ended_on = policy.end_date
    policy.end_reason = f"Renewed as {renewed.number}."
    _save(policy, "renewed")
    renewed.save()
    email_queue(policy=renewed, event="sale")  # the new period's documents, after commit
    Instalment.objects.bulk_create(
        Instalment(policy=renewed, sequence=i, due_date=add_months(offer.starts, i - 1), amount=a)
        for i, a in enumerate(choice.instalments, start=1)
    )


def _lapse(policy: Policy, on: date) -> None:
    policy.status = PolicyStatus.LAPSED
    policy.ended_on = policy.end_date
    policy.end_reason = "Not renewed by the end of the period."
    _save(policy, "lapsed")


def _expire(policy: Policy, on: date) -> None:
    policy.status = PolicyStatus.EXPIRED
    policy.ended_on = policy.end_date
    policy.end_reason = f"The fixed term of {policy.term_months} months ended."
    _save(policy, "expired")


STEPS = {Step.INVITE: _invite, Step.TAKE_PAYMENT: _take_payment, Step.RENEW: _renew,
         Step.LAPSE: _lapse, Step.EXPIRE: _expire}  # fmt: skip


def _save(policy: Policy, reason: str) -> None:
    policy._change_reason = reason
    policy.save()


def preference_closes_on(policy: Policy) -> date | None:
    """The last day the customer may change the renewal choice; None: no choice."""
    if policy.status != PolicyStatus.LIVE or not policy.product.renewable:
        return None
    return policy.end_date - timedelta(days=renewal_params(policy).preference_cutoff_days)


class PreferenceTooLate(Exception):
    """The renewal preference can no longer change for this period."""


def renewal_preference_set(*, policy: Policy, auto_renew: bool, on: date, changed_by) -> Policy:
    """Opt the policy in or out of automatic renewal, up to the cut-off before its end."""
    with transaction.atomic():
        policy = (
            Policy.objects.select_for_update(of=("self",))
            .select_related("product")
            .get(pk=policy.pk)
        )
        if policy.status != PolicyStatus.LIVE or not policy.product.renewable:
            raise PreferenceTooLate(_("Only a policy in force that renews has this choice."))
        params = renewal_params(policy)
        if not preference_may_change(policy.end_date, on, params):
            raise PreferenceTooLate(
                _("The renewal choice closed %(days)d days before the end of cover.")
                % {"days": params.preference_cutoff_days}
            )
        policy.auto_renew = auto_renew
        policy._history_user = changed_by
        _save(policy, "automatic renewal on" if auto_renew else "automatic renewal off")
        return policy


def renewals_run(*, on: date, job: str = "renewals") -> JobRun:
    """Advance every live policy that may have a step due on `on`, chunk by chunk, each in
    its own transaction; record the run with its counts and errors."""
    live = Policy.objects.filter(status=PolicyStatus.LIVE)
    # The policies live when the run starts: a renewal made by this run starts its own
    # calendar and is not looked at again.
    top = live.aggregate(top=Max("pk"))["top"] or 0
    candidates = live.filter(pk__lte=top).order_by("pk")
    run = JobRun.objects.create(job=job, run_date=on, started_at=timezone.now(),
                                total=candidates.count())  # fmt: skip
    counts: Counter[str] = Counter()
    errors: list[dict] = []
    last = 0
    while True:
        ids = list(candidates.filter(pk__gt=last).values_list("pk", flat=True)[:CHUNK])
        if not ids:
            break
        for pk in ids:
            try:
                counts[renewal_advance(policy_id=pk, on=on)] += 1
            except Exception as e:  # one policy's failure must not stop the others
                errors.append({"policy": pk, "error": f"{type(e).__name__}: {e}"})
        last = ids[-1]
        JobRun.objects.filter(pk=run.pk).update(done=run.done + len(ids))
        run.done += len(ids)
    counts.pop(Step.NOTHING, None)
    run.counts, run.errors, run.finished_at = dict(counts), errors, timezone.now()
    run.save(update_fields=["counts", "errors", "finished_at"])
    return run
