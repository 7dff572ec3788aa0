"""A new link for a customer whose link has expired: asked with their email address and
a policy number. The answer is the same whether or not they match, and the email (when
they do) is sent by the workers, so neither the words nor the time tell. Requests are
counted per address of the asker and per email address asked about (the cache: Redis in
production) and refused over PORTAL_LINK_REQUESTS_PER_HOUR."""

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from dealers.models import Customer
from policies.models import Policy

from .mail import customer_email_send

WINDOW_SECONDS = 3600


def over_limit(*keys: str) -> bool:
    """Count one request under each key; True when any is over the hour's limit."""
    limit, over = settings.PORTAL_LINK_REQUESTS_PER_HOUR, False
    for key in keys:
        name = f"portal-link:{key}"
        cache.add(name, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.set(name, 1, WINDOW_SECONDS)
            count = 1
        over = over or count > limit
    return over


def link_request(email: str, number: str) -> None:
    """Email a new link if `email` and the policy `number` are one customer's."""
    policy = (Policy.objects.select_related("customer")
              .filter(number__iexact=number.strip(), customer__email__iexact=email.strip(),
                      customer__erased_at__isnull=True).first())  # fmt: skip
    if policy is not None:
        customer_id = policy.customer_id
        transaction.on_commit(lambda: send_customer_link_task.delay(customer_id))


@shared_task(name="portal.tasks.send_customer_link_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_customer_link_task(customer_id: int) -> None:
    customer = Customer.objects.select_related("dealer").get(pk=customer_id)
    customer_email_send(customer, "customer_link", days=settings.CUSTOMER_LINK_DAYS)
