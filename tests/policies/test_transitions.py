"""A policy's status moves only by its one transition table (policies/transitions.py): the
sale, cancellation, the renewal job and the demo all go through it."""

import random
from datetime import timedelta

import pytest
from django.utils import translation

from policies import transitions
from policies.models import Policy, PolicyStatus
from policies.renewal_steps import _expire, _lapse
from policies.renewals import renewals_run
from policies.transitions import (
    NEW,
    IllegalPolicyMove,
    Move,
    check_move,
    new_status,
    policies_move,
    policy_move,
)
from servicing.cancellation import policy_cancel

from .selling import MOTOR, SMART, TODAY, deal_for, disclosed, sell

S = PolicyStatus

ALLOWED = [
    (NEW, "sell", S.LIVE),
    (NEW, "issue_renewal", S.LIVE),
    (S.LIVE, "cancel", S.CANCELLED),
    (S.LIVE, "renew", S.RENEWED),
    (S.LIVE, "lapse", S.LAPSED),
    (S.LIVE, "expire", S.EXPIRED),
]


def test_the_table_is_exactly_these_moves():
    assert [(m.source, m.action, m.target) for m in transitions.MOVES] == ALLOWED


@pytest.mark.parametrize(("source", "action", "target"), ALLOWED)
def test_every_move_of_the_table_is_allowed(source, action, target):
    assert check_move(source, action).target == target


FORBIDDEN = [
    (S.LIVE, "sell"),  # sold once
    (S.LIVE, "issue_renewal"),
    (NEW, "cancel"),
    *((s, a) for s in (S.CANCELLED, S.RENEWED, S.LAPSED, S.EXPIRED)
      for a in ("cancel", "renew", "lapse", "expire", "sell")),  # every end is final
    (S.LIVE, "reinstate"),  # not an action at all
]  # fmt: skip


@pytest.mark.parametrize(("source", "action"), FORBIDDEN)
def test_a_move_not_in_the_table_is_refused(source, action):
    with pytest.raises(IllegalPolicyMove):
        check_move(source, action)


def test_the_refusal_says_what_and_from_where_in_the_users_language():
    with pytest.raises(IllegalPolicyMove, match="You cannot cancel a policy that is lapsed."):
        check_move(S.LAPSED, "cancel")
    with translation.override("it"), pytest.raises(IllegalPolicyMove) as e:
        check_move(S.LAPSED, "cancel")
    assert str(e.value) == "Non puoi annullare una polizza nello stato «decaduta»."


def test_a_move_that_makes_policies_cannot_move_saved_ones_in_bulk(db):
    with pytest.raises(IllegalPolicyMove):
        policies_move(Policy.objects.all(), "sell", reason="sold")


def motor_policy(dealer, days_left=30):
    start = TODAY - timedelta(days=365 - days_left)
    deal = deal_for(dealer)
    disclosed(deal, "motor-uk", given_on=start)
    return sell(deal, "motor-uk", MOTOR, on=start)


@pytest.mark.django_db
def test_one_policy_moved_is_recorded_with_who_and_why(uk_dealer, products):
    policy = motor_policy(uk_dealer)
    handler = policy.sold_by
    policy_move(policy, "lapse", by=handler, reason="test", end_reason="x")
    row = policy.history.latest("history_id")
    assert (row.status, row.history_user, row.history_change_reason, row.end_reason) == (
        S.LAPSED, handler, "test", "x",
    )  # fmt: skip
    with pytest.raises(IllegalPolicyMove):
        policy_move(policy, "cancel", by=handler, reason="again")
    policy.refresh_from_db()
    assert policy.status == S.LAPSED and policy.history.count() == 2  # sold, lapsed


@pytest.mark.django_db
def test_the_bulk_move_leaves_policies_it_may_not_move_as_they_are(uk_dealer, products):
    live, cancelled = motor_policy(uk_dealer), motor_policy(uk_dealer)
    assert policies_move(Policy.objects.filter(pk=cancelled.pk), "cancel", reason="gone",
                         cancelled_on=TODAY, refund=0) == {cancelled.pk}  # fmt: skip
    before = Policy.objects.get(pk=cancelled.pk)
    moved = policies_move(Policy.objects.filter(pk__in=[live.pk, cancelled.pk]), "lapse",
                          reason="lapsed", end_reason="Not renewed.")  # fmt: skip
    assert moved == {live.pk}
    after = Policy.objects.get(pk=cancelled.pk)
    assert (after.status, after.version, after.end_reason) == (S.CANCELLED, before.version, "")
    assert after.history.count() == 2  # sold, cancelled: nothing for the lapse
    live.refresh_from_db()
    assert (live.status, live.version, live.history.latest("history_id").history_change_reason
            ) == (S.LAPSED, 2, "lapsed")  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("step", "status"), [(_lapse, S.LAPSED), (_expire, S.EXPIRED)])
def test_the_renewal_jobs_steps_end_only_the_policies_still_in_force(
    uk_dealer, products, step, status
):
    """A policy read by the job and cancelled since is not lapsed or expired over it."""
    live, cancelled = motor_policy(uk_dealer), motor_policy(uk_dealer)
    policy_cancel(policy=cancelled, on=TODAY, reason="sold the car",
                  cancelled_by=cancelled.sold_by)  # fmt: skip
    done = step([live, cancelled], live.end_date, [])
    assert done == [live]
    assert Policy.objects.get(pk=live.pk).status == status
    assert Policy.objects.get(pk=cancelled.pk).status == S.CANCELLED


def without(action):
    return tuple(m for m in transitions.MOVES if m.action != action)


@pytest.mark.django_db
def test_the_sale_moves_by_the_table(uk_dealer, products, monkeypatch):
    monkeypatch.setattr(transitions, "MOVES", without("sell"))
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover")
    with pytest.raises(IllegalPolicyMove):
        sell(deal, "smart-cover", SMART)
    assert not Policy.objects.exists()


@pytest.mark.django_db
def test_a_cancellation_moves_by_the_table(uk_dealer, products, monkeypatch):
    policy = motor_policy(uk_dealer)
    monkeypatch.setattr(transitions, "MOVES", without("cancel"))
    with pytest.raises(IllegalPolicyMove):
        policy_cancel(policy=policy, on=TODAY, reason="x", cancelled_by=policy.sold_by)
    assert Policy.objects.get(pk=policy.pk).status == S.LIVE


@pytest.mark.django_db
def test_the_renewal_job_moves_by_the_table(uk_dealer, products, monkeypatch):
    policy = motor_policy(uk_dealer)
    renewals_run(on=policy.end_date - timedelta(days=21))
    monkeypatch.setattr(transitions, "MOVES", without("lapse"))
    renewals_run(on=policy.end_date)
    assert Policy.objects.get(pk=policy.pk).status == S.LIVE  # the table has no lapse
    monkeypatch.undo()
    renewals_run(on=policy.end_date)
    assert Policy.objects.get(pk=policy.pk).status == S.LAPSED


@pytest.mark.django_db
def test_a_renewal_is_issued_in_force_by_the_table(monkeypatch):
    assert new_status("issue_renewal") == S.LIVE
    monkeypatch.setattr(transitions, "MOVES", (Move("issue_renewal", NEW, S.EXPIRED),))
    assert new_status("issue_renewal") == S.EXPIRED


@pytest.mark.django_db
def test_the_demo_cancels_by_the_table_and_only_a_policy_in_force(uk_dealer, products):
    from demo.book import _cancel

    policy = motor_policy(uk_dealer, days_left=30)
    assert _cancel(random.Random(1), policy, TODAY) == 1
    policy.refresh_from_db()
    assert policy.status == S.CANCELLED and policy.refund is not None
    row = policy.history.latest("history_id")
    assert (row.status, row.history_change_reason) == (S.CANCELLED, "Sold the car (demo)")
    assert _cancel(random.Random(1), policy, TODAY) == 0  # already cancelled: left alone
