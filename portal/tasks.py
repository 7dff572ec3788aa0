"""Celery tasks of portal, found by the worker through autodiscovery (config/celery.py)."""

from .address import send_address_confirmation_task
from .cancellation import send_cancellation_confirmation_task
from .confirmations import (
    send_claim_confirmation_task,
    send_confirmation_task,
    send_contact_confirmation_task,
)
from .links import send_customer_link_task

__all__ = [
    "send_address_confirmation_task",
    "send_cancellation_confirmation_task",
    "send_claim_confirmation_task",
    "send_confirmation_task",
    "send_contact_confirmation_task",
    "send_customer_link_task",
]
