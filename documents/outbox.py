"""The customer's emails, from their record to the mail server: an email is recorded
(EmailSend) in the transaction of the event it tells of, handed to the workers once that
commits, sent by a task (retried with backoff, never twice), and swept up again when its
task was lost with the broker. What an email says and how it is delivered is
documents/emails.py."""

import logging
import uuid
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dealers.models import User
from policies.models import Policy

from . import emails
from .emails import emails_quiet, event_key_of, send_fields
from .models import EmailEvent, EmailSend, SendStatus

MAX_RETRIES = 5

logger = logging.getLogger(__name__)


def retry_countdown(retries: int) -> float:
    """Exponential backoff: 1, 2, 4, 8 then 16 minutes after each failure (31 in all), with
    the default EMAIL_RETRY_SECONDS of 60."""
    return settings.EMAIL_RETRY_SECONDS * 2**retries


def _retry_later(send_id: int, retries: int) -> float:
    """The countdown of the next retry, recorded on the send first for the sweep."""
    countdown = retry_countdown(retries)
    emails.email_retry_at(send_id=send_id, at=timezone.now() + timedelta(seconds=countdown))
    return countdown


@shared_task(bind=True, name="documents.tasks.send_policy_email_task", max_retries=MAX_RETRIES)
def send_policy_email_task(self, send_id: int) -> str:
    """Send the email of an EmailSend to the customer, once; retried with backoff while
    the mail server refuses it or cannot be reached, then marked failed. Safe to run twice:
    a send already sent is left alone (documents.emails.email_deliver)."""
    try:
        return emails.email_deliver(send_id=send_id).status
    except emails.DeliveryFailed as error:
        if self.request.retries >= self.max_retries:
            return emails.email_give_up(send_id=send_id).status
        countdown = _retry_later(send_id, self.request.retries)
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(name="documents.tasks.send_policy_emails_task", ignore_result=True, acks_late=True)
def send_policy_emails_task(send_ids: list[int]) -> None:
    """Send many emails handed over at once (the daily renewal job: one message for a
    chunk's invitations instead of one each), in turn. One the mail server refuses goes on
    to send_policy_email_task, retried with backoff as its first retry; one that fails
    otherwise is logged and stays pending on its policy, and the others still go. Delivered
    again after a killed worker, it skips what was sent."""
    for send_id in send_ids:
        try:
            emails.email_deliver(send_id=send_id)
        except emails.DeliveryFailed:
            countdown = _retry_later(send_id, 0)
            send_policy_email_task.apply_async(
                (send_id,), countdown=countdown, retries=1, ignore_result=True
            )
        except Exception:  # noqa: BLE001 - one email's fault must not hold back the rest
            logger.exception("Email %s could not be sent", send_id)


@shared_task(name="documents.tasks.send_pending_emails_task", ignore_result=True)
def send_pending_emails_task() -> int:
    """The sweep (beat: every few minutes): the emails still pending EMAIL_RESEND_AFTER_MINUTES
    after their task was due go to the workers again; their task was lost with the broker."""
    return emails_pending_resend(older_than=timedelta(minutes=settings.EMAIL_RESEND_AFTER_MINUTES))


def email_queue(
    *, policy: Policy, event: str, requested_by: User | None = None, resend: bool = False
) -> EmailSend | None:
    """Record an email of `event` to the customer and send it once the transaction
    commits. The event itself is recorded once: queued again, the first record is returned
    and nothing more is sent. A resend (by staff) is a new record with a key of its own.
    None inside quiet()."""
    if emails_quiet():
        return None
    event = EmailEvent(event)
    key = event_key_of(policy, event) + (f":resend:{uuid.uuid4().hex}" if resend else "")
    send, created = EmailSend.objects.get_or_create(
        event_key=key, defaults=send_fields(policy, event, requested_by)
    )
    if created:
        _send_on_commit([send.pk])
    return send


def emails_queue(*, policies: list[Policy], event: str) -> list[EmailSend]:
    """email_queue for many policies at once (the daily renewal job), in one insert. Each
    policy's event must not have been recorded before: the caller holds the policies'
    row locks and has decided the event is due; a second record is refused by the unique
    event key."""
    if emails_quiet():
        return []
    event = EmailEvent(event)
    sends = EmailSend.objects.bulk_create(
        EmailSend(event_key=event_key_of(p, event), **send_fields(p, event, None)) for p in policies
    )
    _send_on_commit([s.pk for s in sends])
    return sends


def _send_on_commit(send_ids: list[int]) -> None:
    """Hand the sends to the workers once the transaction commits. Robust: the sale,
    cancellation or renewal has committed; a broker that is down must not turn it into an
    error. The sends stay pending on the policy page, and the sweep (emails_pending_resend)
    hands them over once the broker is back."""
    if len(send_ids) == 1:
        transaction.on_commit(lambda: _hand_over(send_policy_email_task, send_ids[0]), robust=True)
    elif send_ids:
        transaction.on_commit(lambda: send_policy_emails_task.delay(send_ids), robust=True)


def _hand_over(task, send_id: int, **options) -> None:
    """Send the task, its result not wanted: nobody here waits for it, and asking for it
    subscribes to the result backend first, which with Redis down takes some 20 seconds
    of retries (the request waits) before it gives up."""
    task.apply_async((send_id,), ignore_result=True, **options)


# Sends per sweep: a broker back after a long outage is not handed them all at once.
RESEND_BATCH = 500


def emails_pending_resend(*, older_than: timedelta) -> int:
    """Hand the workers again the sends still pending `older_than` after they were queued,
    or after the retry or resend that was due for them: their task was lost (the broker was
    down when the sale committed, or when the retry was handed over). Returns how many.

    Nothing is sent twice: each send's resend is recorded (next_attempt_at) in the
    transaction that picks it, so the next sweeps wait for it; rows another sweep is
    picking are skipped; and a task that finds its send no longer pending sends nothing
    (email_deliver)."""
    now = timezone.now()
    cutoff = now - older_than
    with transaction.atomic():
        due = list(
            EmailSend.objects.select_for_update(skip_locked=True)
            .filter(status=SendStatus.PENDING)
            .filter(
                Q(next_attempt_at__lte=cutoff)
                | Q(next_attempt_at__isnull=True, requested_at__lte=cutoff)
            )
            .order_by("pk")
            .values_list("pk", "attempts")[:RESEND_BATCH]
        )
        EmailSend.objects.filter(pk__in=[pk for pk, _attempts in due]).update(next_attempt_at=now)
    for pk, attempts in due:
        # Counted on from the attempts made: the backoff goes on, and gives up on time.
        _hand_over(send_policy_email_task, pk, retries=min(attempts, MAX_RETRIES))
    if due:
        logger.warning("%d pending emails handed to the workers again", len(due))
    return len(due)
