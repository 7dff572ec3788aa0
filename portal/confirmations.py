"""Every action a customer takes on their page is confirmed to them by email (issue 20),
sent by the workers once the action commits, in their dealer's language."""

from celery import shared_task
from django.db import transaction

from policies.models import Policy

from .mail import customer_email_send

RENEWAL_ON, RENEWAL_OFF = "renewal_on", "renewal_off"


def confirmation_queue(policy: Policy, what: str) -> None:
    policy_id = policy.pk
    transaction.on_commit(lambda: send_confirmation_task.delay(policy_id, what))


@shared_task(name="portal.tasks.send_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_confirmation_task(policy_id: int, what: str) -> None:
    policy = Policy.objects.select_related("customer__dealer", "product").get(pk=policy_id)
    customer_email_send(policy.customer, "customer_confirmation", policy=policy, what=what)
