"""Every action a customer takes on their page is confirmed to them by email (issue 20),
sent by the workers once the action commits, in their dealer's language."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from dealers.customer_links import customer_link_url
from policies.models import Policy

RENEWAL_ON, RENEWAL_OFF = "renewal_on", "renewal_off"


def confirmation_queue(policy: Policy, what: str) -> None:
    policy_id = policy.pk
    transaction.on_commit(lambda: send_confirmation_task.delay(policy_id, what))


@shared_task(name="portal.tasks.send_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_confirmation_task(policy_id: int, what: str) -> None:
    policy = Policy.objects.select_related("customer", "dealer", "product").get(pk=policy_id)
    customer, dealer = policy.customer, policy.dealer
    context = {"policy": policy, "customer": customer, "dealer": dealer, "what": what,
               "link": customer_link_url(customer), "language": dealer.language}  # fmt: skip
    with translation.override(dealer.language):
        subject = render_to_string("emails/customer_confirmation_subject.txt", context).strip()
        text = render_to_string("emails/customer_confirmation.txt", context)
        html = render_to_string("emails/customer_confirmation.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[customer.email],
                                     reply_to=[dealer.email] if dealer.email else None)  # fmt: skip
    message.attach_alternative(html, "text/html")
    message.send()
