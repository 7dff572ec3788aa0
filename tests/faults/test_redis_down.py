"""Redis down during a sale: the sale completes, and its email goes out, once, when Redis
is back (the sweep, documents.tasks.send_pending_emails_task)."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse

from documents.models import EmailSend
from documents.tasks import send_pending_emails_task
from policies.models import Instalment, Policy
from tests.celery_worker import _workers
from tests.policies.selling import TODAY, deal_for, page_values

from .helpers import until

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("products"),
]


def sell_page_form():
    p = "smart-cover"
    return {f"{p}-term_months": "12", f"{p}-sale_date": TODAY.isoformat(),
            f"{p}-delivery_date": (TODAY + timedelta(days=7)).isoformat(),
            f"{p}-payment_plan": "single", "disclosure-document": "IPID SMART Cover",
            "disclosure-acknowledged": "on"}  # fmt: skip


def test_a_sale_while_redis_is_down_completes_and_is_emailed_once_redis_is_back(
    client, redis_server, tasks_to, smtp_sink, worker_env, uk_dealer, settings
):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client.force_login(deal.salesperson)
    inbox = smtp_sink.start()
    tasks_to(redis_server.url)
    url = reverse("policies:deal-sell", args=[deal.pk, "smart-cover"])
    shown = client.post(url, {**sell_page_form(), "update": ""})  # the page the seller sees
    with _workers(redis_server.url, 1, queue="celery", **worker_env) as worker:
        redis_server.stop()
        started = time.monotonic()
        page = client.post(
            url,
            {**sell_page_form(), **page_values(shown.content.decode()), "sell": ""},
            follow=True,
        )
        assert time.monotonic() - started < 15  # the broker's retries do not hold it long
        policy = Policy.objects.get()
        assert page.redirect_chain == [(reverse("policies:deal-menu", args=[deal.pk]), 302)]
        html = page.content.decode()
        assert f"Policy {policy.number} issued." in html
        assert f"The documents are queued to be emailed to {policy.customer.email}" in html
        policy_page = client.get(reverse("policies:policy-detail", args=[policy.pk]))
        assert ">Waiting to be sent<" in policy_page.content.decode()
        assert Instalment.objects.filter(policy=policy).count() == 1
        send = EmailSend.objects.get(policy=policy)
        assert (send.event, send.status, send.attempts) == ("sale", "pending", 0)

        redis_server.start()  # the same port: the worker connects again
        until(lambda: worker.control.ping(timeout=0.5), what="the worker back on Redis")
        assert inbox.received == []  # the task was never handed over: nothing came by itself
        settings.EMAIL_RESEND_AFTER_MINUTES = 0
        assert send_pending_emails_task.apply().get() == 1
        until(lambda: EmailSend.objects.get(pk=send.pk).status == "sent", what="the email")
        assert [rcpt for rcpt, _message in inbox.received] == [[policy.customer.email]]
        assert inbox.received[0][1]["Subject"] == f"Your Lexus SMART Cover policy {policy.number}"

        assert send_pending_emails_task.apply().get() == 0  # sent: the sweep leaves it
        # Handed over once more all the same (a duplicate from the broker): nothing is sent.
        again = worker.send_task("documents.tasks.send_policy_email_task", args=[send.pk])
        assert again.get(timeout=30) == "sent"
    send.refresh_from_db()
    assert (send.status, send.attempts, len(inbox.received)) == ("sent", 1, 1)
    assert send.message_id == inbox.received[0][1]["Message-ID"]
