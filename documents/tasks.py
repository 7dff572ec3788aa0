"""Celery tasks of documents: found by the worker through autodiscovery (config/celery.py)."""

import logging

from celery import shared_task

from . import emails

MAX_RETRIES = 5
RETRY_BASE_SECONDS = 60

logger = logging.getLogger(__name__)


def retry_countdown(retries: int) -> int:
    """Exponential backoff: 1, 2, 4, 8 then 16 minutes after each failure (31 in all)."""
    return RETRY_BASE_SECONDS * 2**retries


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
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


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
            send_policy_email_task.apply_async((send_id,), countdown=retry_countdown(0), retries=1)
        except Exception:  # noqa: BLE001 - one email's fault must not hold back the rest
            logger.exception("Email %s could not be sent", send_id)
