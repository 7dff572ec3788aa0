"""Celery tasks of documents: found by the worker through autodiscovery (config/celery.py)."""

from celery import shared_task

from . import emails

MAX_RETRIES = 5
RETRY_BASE_SECONDS = 60


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
