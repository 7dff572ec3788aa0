"""The mail server unreachable when the worker sends: retried with backoff, delivered once
when it is back; given up after MAX_RETRIES, marked failed and shown on the policy page."""

import pytest
from django.urls import reverse

from documents.models import EmailSend
from documents.outbox import MAX_RETRIES
from documents.tasks import send_pending_emails_task
from tests.celery_worker import _workers
from tests.policies.selling import SMART, deal_for, disclosed, sell

from .helpers import until

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("products"),
]


def sold(dealer):
    deal = deal_for(dealer)
    disclosed(deal, "smart-cover")
    return sell(deal, "smart-cover", SMART)  # its email handed to the worker on commit


def test_with_the_mail_server_down_an_email_goes_once_it_is_back_or_is_given_up_in_time(
    client, redis_server, tasks_to, smtp_sink, worker_env, uk_dealer, settings
):
    tasks_to(redis_server.url)
    env = {**worker_env, "EMAIL_RETRY_SECONDS": "0.1"}  # 0.1, 0.2, 0.4, 0.8 then 1.6 s
    with _workers(redis_server.url, 1, queue="celery", **env):
        first = sold(uk_dealer)
        send = EmailSend.objects.get(policy=first)
        until(lambda: EmailSend.objects.get(pk=send.pk).attempts >= 2, what="two attempts")
        send.refresh_from_db()
        assert send.status == "pending" and "ConnectionRefusedError" in send.last_error
        assert send.next_attempt_at is not None  # the retry is due: the sweep leaves it
        inbox = smtp_sink.start()
        until(lambda: EmailSend.objects.get(pk=send.pk).status == "sent", what="the email")
        smtp_sink.stop()

        second = sold(uk_dealer)  # the server never comes back for this one
        given_up = EmailSend.objects.get(policy=second)
        until(lambda: EmailSend.objects.get(pk=given_up.pk).status == "failed", timeout=60,
              what="the email given up")  # fmt: skip
        settings.EMAIL_RESEND_AFTER_MINUTES = 0
        assert send_pending_emails_task.apply().get() == 0  # neither is sent again
    send.refresh_from_db()
    given_up.refresh_from_db()
    assert [rcpt for rcpt, _message in inbox.received] == [[first.customer.email]]
    assert inbox.received[0][1]["Message-ID"] == send.message_id
    assert send.status == "sent" and 3 <= send.attempts <= MAX_RETRIES + 1
    assert (given_up.attempts, given_up.sent_at, given_up.message_id) == (MAX_RETRIES + 1, None, "")
    assert "ConnectionRefusedError" in given_up.last_error

    client.force_login(second.sold_by)
    page = client.get(reverse("policies:policy-detail", args=[second.pk])).content.decode()
    assert ">Failed<" in page and "ConnectionRefusedError" in page
    assert f"<td>{MAX_RETRIES + 1}</td>" in page  # the attempts
