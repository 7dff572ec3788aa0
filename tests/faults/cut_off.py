"""A sale and a renewal chunk cut off in the middle of their transaction, by whatever
`cut` does there: raise a database error (any database), or have PostgreSQL end the
connection (test_postgres_dropped.py). Each time, nothing of the transaction remains, and
doing it again completes it once."""

from collections.abc import Callable

import pytest
from django.db import DatabaseError

import policies.renewal_steps as renewal_steps
import policies.renewals as renewals
import policies.sales as sales
from documents.emails import quiet
from documents.models import EmailSend
from policies.models import Instalment, JobChunk, Offer, Policy, PolicyStatus
from policies.renewals import renewals_run
from policies.rules.renewal import Step
from policies.selectors import step_totals
from tests.policies.selling import MOTOR, deal_for, disclosed, sell
from tests.policies.test_renewals import due_to_renew, sold_long_ago


def once(cut: Callable[[], None], then: Callable) -> Callable:
    """`then`, with `cut` done first the first time only."""
    calls = []

    def wrapped(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            cut()
        return then(*args, **kwargs)

    return wrapped


def a_sale_cut_off_leaves_nothing_and_is_sold_once_on_retry(dealer, cut, monkeypatch):
    """Cut when the policy, its instalments and its number are written and its email is
    being recorded."""
    monkeypatch.setattr("documents.outbox._send_on_commit", lambda send_ids: None)
    deal = deal_for(dealer)
    disclosed(deal, "motor-uk")
    monkeypatch.setattr(sales, "policy_event_send", once(cut, sales.policy_event_send))
    with pytest.raises(DatabaseError):
        sell(deal, "motor-uk", MOTOR, plan="monthly", key="cut-off")
    assert not Policy.objects.exists() and not Policy.history.exists()
    assert not Instalment.objects.exists() and not EmailSend.objects.exists()
    assert not Offer.objects.filter(deal=deal).exists()

    policy = sell(deal, "motor-uk", MOTOR, plan="monthly", key="cut-off")  # staff retry
    assert sell(deal, "motor-uk", MOTOR, plan="monthly", key="cut-off") == policy
    assert Policy.objects.get() == policy and policy.number == "LMI-000001"  # number free
    assert Instalment.objects.filter(policy=policy).count() == 12
    assert sum(i.amount for i in policy.instalments.all()) == policy.total_premium
    assert EmailSend.objects.get().policy == policy
    assert list(policy.history.values_list("history_change_reason", flat=True)) == ["sold"]
    assert Offer.objects.get(deal=deal).decision == "accepted"


def a_chunk_cut_off_leaves_nothing_and_is_done_once(dealer, cut, monkeypatch):
    """Cut when the chunk's invitation and renewals are written, before it is marked done.
    The job then does the chunk's policies one at a time (renewals_chunk): at that moment
    nothing of the bulk attempt may remain."""
    with quiet():
        renewing, end = due_to_renew(dealer, 2)
        inviting = sold_long_ago(dealer, "motor-uk", MOTOR, days_left=51)
    monkeypatch.setattr("documents.outbox._send_on_commit", lambda send_ids: None)
    history = {p.pk: p.history.count() for p in [*renewing, inviting]}
    monkeypatch.setitem(renewal_steps.STEPS, Step.RENEW, once(cut, renewal_steps.STEPS[Step.RENEW]))
    seen_then = []

    def one_by_one(chunk_id, done_by):
        seen_then.append((
            Policy.objects.filter(renewed_from__isnull=False).count(),
            Policy.objects.filter(invited_on__isnull=False, pk=inviting.pk).count(),
            EmailSend.objects.count(),
            sum(p.history.count() for p in [*renewing, inviting]) - sum(history.values()),
            JobChunk.objects.filter(finished_at__isnull=False, run__run_date=end).count(),
        ))  # fmt: skip
        return original(chunk_id, done_by)

    original = renewals._chunk_one_by_one
    monkeypatch.setattr(renewals, "_chunk_one_by_one", one_by_one)
    job = renewals_run(on=end)
    assert seen_then == [(0, 0, 0, 0, 0)]  # the bulk attempt: rolled back whole
    assert (job.total, job.done, job.error_count, job.finished_at is not None) == (3, 3, 0, True)
    assert step_totals(job.counts) == {"renew": 2, "invite": 1}
    for policy in renewing:
        (renewal,) = Policy.objects.filter(renewed_from=policy)
        assert Policy.objects.get(pk=policy.pk).status == PolicyStatus.RENEWED
        assert policy.history.count() == history[policy.pk] + 1
        assert renewal.instalments.count() == 1 and renewal.history.count() == 1
        assert EmailSend.objects.filter(policy=renewal, event="sale").count() == 1
    assert Policy.objects.get(pk=inviting.pk).invited_on == end
    assert inviting.history.count() == history[inviting.pk] + 1
    assert EmailSend.objects.filter(policy=inviting, event="renewal_invitation").count() == 1
    assert EmailSend.objects.count() == 3
