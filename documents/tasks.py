"""Celery tasks of documents: found by the worker through autodiscovery (config/celery.py)."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import emails

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
    return emails.emails_pending_resend(
        older_than=timedelta(minutes=settings.EMAIL_RESEND_AFTER_MINUTES)
    )
