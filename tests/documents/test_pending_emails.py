"""The sweep of emails still pending (documents.emails.emails_pending_resend, run by the
beat): a send whose task was lost goes to the workers again, once; one in retry backoff
waits for its retry; one sent or given up is never sent again."""

from datetime import timedelta

import pytest
from celery.signals import task_retry
from django.core import mail
from django.utils import timezone

from config.celery import app as celery_app
from documents.models import EmailSend
from documents.outbox import emails_pending_resend
from documents.tasks import send_pending_emails_task, send_policy_email_task
from tests.policies.selling import SMART, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

QUARTER = timedelta(minutes=15)


@pytest.fixture
def pending(uk_dealer):
    """A sale whose email task never reached a worker: its transaction is the test's, so
    what it queued on commit never runs."""
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover")
    policy = sell(deal, "smart-cover", SMART)
    return EmailSend.objects.get(policy=policy)


def queued_ago(send, minutes, **more):
    EmailSend.objects.filter(pk=send.pk).update(
        requested_at=timezone.now() - timedelta(minutes=minutes), **more
    )


@pytest.fixture
def handed_over(monkeypatch):
    """What the sweep hands to the workers: (send id, retries) each."""
    seen = []
    monkeypatch.setattr(
        send_policy_email_task, "apply_async",
        lambda args, retries=0, **options: seen.append((args[0], retries)),
    )  # fmt: skip
    return seen


def test_an_email_whose_task_was_lost_is_sent_by_the_sweep_once(pending):
    assert emails_pending_resend(older_than=QUARTER) == 0  # just queued: its task may come
    queued_ago(pending, 16)
    assert emails_pending_resend(older_than=QUARTER) == 1  # the task runs here (eagerly)
    pending.refresh_from_db()
    assert (pending.status, pending.attempts, len(mail.outbox)) == ("sent", 1, 1)
    assert mail.outbox[0].to == [pending.to]
    assert emails_pending_resend(older_than=QUARTER) == 0
    assert len(mail.outbox) == 1


def test_a_resend_waits_a_period_before_the_next_one(pending, handed_over):
    queued_ago(pending, 16)
    assert emails_pending_resend(older_than=QUARTER) == 1
    assert emails_pending_resend(older_than=QUARTER) == 0  # its resend is on its way
    EmailSend.objects.filter(pk=pending.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=16)
    )  # that one was lost too
    assert emails_pending_resend(older_than=QUARTER) == 1
    assert handed_over == [(pending.pk, 0), (pending.pk, 0)]


def test_an_email_in_retry_backoff_is_left_to_its_retry_until_it_is_overdue(pending, handed_over):
    later = timezone.now() + timedelta(minutes=8)
    queued_ago(pending, 60, attempts=4, next_attempt_at=later)
    assert emails_pending_resend(older_than=QUARTER) == 0
    EmailSend.objects.filter(pk=pending.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=16)
    )
    assert emails_pending_resend(older_than=QUARTER) == 1
    assert handed_over == [(pending.pk, 4)]  # the backoff goes on from the fourth attempt


@pytest.mark.parametrize("status", ["sent", "failed"])
def test_an_email_sent_or_given_up_is_never_handed_over_again(pending, handed_over, status):
    queued_ago(pending, 60, status=status, sent_at=timezone.now() if status == "sent" else None)
    assert emails_pending_resend(older_than=QUARTER) == 0
    assert handed_over == []


def test_the_beat_sweeps_every_five_minutes_after_the_setting(pending, handed_over, settings):
    entry = settings.CELERY_BEAT_SCHEDULE["emails-pending"]
    assert (entry["task"], entry["schedule"]) == (send_pending_emails_task.name, 300.0)
    assert settings.EMAIL_RESEND_AFTER_MINUTES == 15
    queued_ago(pending, 10)
    assert send_pending_emails_task.apply().get() == 0
    settings.EMAIL_RESEND_AFTER_MINUTES = 5
    assert send_pending_emails_task.apply().get() == 1


def test_a_retry_records_when_it_is_due_for_the_sweep(pending, smtp_port, monkeypatch, settings):
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    due_in: list[float] = []

    def record(**kwargs):
        send = EmailSend.objects.get(pk=pending.pk)
        due_in.append((send.next_attempt_at - timezone.now()).total_seconds())

    task_retry.connect(record, weak=False)
    try:
        assert send_policy_email_task.apply(args=[pending.pk]).get() == "failed"
    finally:
        task_retry.disconnect(record)
    base = settings.EMAIL_RETRY_SECONDS
    expected = [base, 2 * base, 4 * base, 8 * base, 16 * base]
    assert len(due_in) == 5 and all(0 <= e - d < 5 for d, e in zip(due_in, expected, strict=True))
