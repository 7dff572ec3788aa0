"""Every action a customer takes on their page is confirmed to them by email (issue 20),
sent by the workers once the action commits, in their dealer's language."""

from celery import shared_task
from django.db import transaction
from django.utils import translation

from claims.forms import event_label
from claims.models import Claim
from dealers.models import Customer
from policies.models import Policy

from .mail import customer_email_send

RENEWAL_ON, RENEWAL_OFF, RENEWAL_ACCEPTED = "renewal_on", "renewal_off", "renewal_accepted"


def confirmation_queue(policy: Policy, what: str, **facts: str) -> None:
    """`facts`: what the email says beyond the policy (text, as the task's JSON carries)."""
    policy_id = policy.pk
    transaction.on_commit(lambda: send_confirmation_task.delay(policy_id, what, facts))


def contact_confirmation_queue(customer_id: int, old_email: str) -> None:
    transaction.on_commit(lambda: send_contact_confirmation_task.delay(customer_id, old_email))


@shared_task(name="portal.tasks.send_contact_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_contact_confirmation_task(customer_id: int, old_email: str) -> None:
    """To the address now on the record, and to the one it replaced."""
    customer = Customer.objects.select_related("dealer").get(pk=customer_id)
    customer_email_send(customer, "customer_contact", old_email=old_email)
    if old_email:
        customer_email_send(customer, "customer_contact", old_email=old_email, to=old_email)


@shared_task(name="portal.tasks.send_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_confirmation_task(policy_id: int, what: str, facts: dict | None = None) -> None:
    policy = Policy.objects.select_related("customer__dealer", "product").get(pk=policy_id)
    customer_email_send(policy.customer, "customer_confirmation", policy=policy, what=what,
                        **(facts or {}))  # fmt: skip


def claim_confirmation_queue(claim_id: int) -> None:
    transaction.on_commit(lambda: send_claim_confirmation_task.delay(claim_id))


@shared_task(name="portal.tasks.send_claim_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_claim_confirmation_task(claim_id: int) -> None:
    """The claim the customer notified on their page, confirmed with its number."""
    claim = Claim.objects.select_related("policy__customer__dealer", "policy__product").get(
        pk=claim_id
    )
    customer = claim.policy.customer
    with translation.override(customer.dealer.language):
        event = event_label(claim)
    customer_email_send(customer, "customer_claim", claim=claim, policy=claim.policy,
                        event=event)  # fmt: skip
