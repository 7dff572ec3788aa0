"""Celery tasks of documents, found by the worker through autodiscovery (config/celery.py):
they live with the outbox that hands emails to them (documents/outbox.py), and with the
quotes (documents/quotes.py) and the GAP sales at a distance (documents/distance.py)."""

from .distance import distance_reminders_task, send_distance_email_task
from .outbox import send_pending_emails_task, send_policy_email_task, send_policy_emails_task
from .quotes import send_quote_email_task
from .statements import render_statements_task

__all__ = [
    "distance_reminders_task", "send_distance_email_task", "send_pending_emails_task",
    "send_policy_email_task", "send_policy_emails_task", "send_quote_email_task",
    "render_statements_task",
]  # fmt: skip
