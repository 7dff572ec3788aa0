"""Emails to the customer with their documents: through a real SMTP server on loopback,
retried when the server refuses or is not there, never sent twice for one event."""

import hashlib

import pytest
from celery.signals import task_retry
from django.core import mail
from django.urls import reverse

from config.celery import app as celery_app
from documents.models import Document, EmailSend
from documents.outbox import email_queue
from documents.tasks import send_policy_email_task
from servicing.cancellation import policy_cancel
from tests.dealers.factories import DealerFactory, UserFactory
from tests.policies.selling import MOTOR, SMART, TODAY, deal_for, disclosed, sell
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def retries(monkeypatch):
    """Eager tasks retried as a worker would, at once (in eager mode Celery runs a retry
    in place of waiting for the countdown, unless it propagates the Retry instead): yields
    the countdowns the task asked for."""
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    seen: list[int] = []

    def record(sender=None, reason=None, **kwargs):
        seen.append(reason.when)

    task_retry.connect(record, weak=False)
    yield seen
    task_retry.disconnect(record)


@pytest.fixture
def deal(uk_dealer):
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    disclosed(deal, "smart-cover")
    return deal


@pytest.fixture
def sell_and_send(deal, django_capture_on_commit_callbacks):
    """Sell, then run what the sale queued on commit (the task, eagerly)."""

    def sell_now(code="motor-uk"):
        with django_capture_on_commit_callbacks(execute=True):
            return sell(deal, code, MOTOR if code == "motor-uk" else SMART)

    return sell_now


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def test_the_sale_emails_the_customer_their_documents_intact_over_smtp(start_server, sell_and_send):
    inbox = start_server(Inbox())
    policy = sell_and_send("motor-uk")
    send = EmailSend.objects.get(policy=policy)
    assert (send.event, send.status, send.attempts, send.last_error) == ("sale", "sent", 1, "")
    assert len(inbox.received) == 1
    recipients, message = inbox.received[0]
    assert recipients == [policy.customer.email] == [send.to]
    assert (
        message["Subject"] == send.subject == f"Your Lexus Motor Insurance policy {policy.number}"
    )
    assert message["Message-ID"] == send.message_id
    documents = {d.kind: d for d in send.documents.all()}
    assert set(documents) == {"schedule", "certificate", "statement_of_fact",
                              "important_information"}  # fmt: skip
    received = attachments(message)
    assert len(received) == 4
    for document in documents.values():
        data = received[f"{policy.number}-{document.kind.replace('_', '-')}-v1.pdf"]
        assert data == document.file.open("rb").read()
        assert hashlib.sha256(data).hexdigest() == document.checksum


def test_the_body_greets_the_customer_and_names_the_policy_and_the_dealer(sell_and_send):
    policy = sell_and_send("smart-cover")
    [message] = mail.outbox
    text, (html, _) = message.body, message.alternatives[0]
    for body in (text, html):
        assert f"Dear {policy.customer.display_name}," in body
        assert policy.number in body and policy.product.name in body
        assert policy.dealer.name in body
    assert [name for name, _, _ in message.attachments] == [f"{policy.number}-schedule-v1.pdf"]


def test_a_refused_email_is_retried_with_backoff_and_delivered_once(
    start_server, sell_and_send, retries
):
    inbox = start_server(Inbox(refuse=2))
    policy = sell_and_send("smart-cover")
    send = EmailSend.objects.get(policy=policy)
    assert (send.status, send.attempts) == ("sent", 3)
    assert "451" in send.last_error and "try again later" in send.last_error
    assert retries == [60, 120]
    assert len(inbox.received) == 1
    # The retries sent the documents made by the first attempt, not new versions.
    assert Document.objects.filter(policy=policy).count() == 1

    send_policy_email_task.apply(args=[send.pk])  # run again after success: nothing more
    send.refresh_from_db()
    assert (len(inbox.received), send.attempts, send.status) == (1, 3, "sent")


def test_a_server_that_is_down_at_first_gets_the_email_once_it_is_up(
    start_server, sell_and_send, retries
):
    inbox = Inbox()

    @task_retry.connect(weak=False)
    def server_comes_up(**kwargs):
        if len(retries) == 2:  # after the second refused connection
            start_server(inbox)

    try:
        policy = sell_and_send("smart-cover")
    finally:
        task_retry.disconnect(server_comes_up)
    send = EmailSend.objects.get(policy=policy)
    assert (send.status, send.attempts) == ("sent", 3)
    assert "ConnectionRefusedError" in send.last_error
    assert len(inbox.received) == 1


def test_with_no_server_it_gives_up_after_five_retries(smtp_port, sell_and_send, retries):
    policy = sell_and_send("smart-cover")
    send = EmailSend.objects.get(policy=policy)
    assert (send.status, send.attempts, send.sent_at, send.message_id) == ("failed", 6, None, "")
    assert retries == [60, 120, 240, 480, 960]
    assert send_policy_email_task.apply(args=[send.pk]).get() == "failed"
    assert EmailSend.objects.get(pk=send.pk).attempts == 6


def test_the_same_event_queued_twice_is_emailed_once(
    deal, sell_and_send, django_capture_on_commit_callbacks
):
    policy = sell_and_send("smart-cover")
    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = email_queue(policy=policy, event="sale")
        assert sell(deal, "smart-cover", SMART) == policy  # the sale submitted twice
    assert again == EmailSend.objects.get(policy=policy) and queued == []
    assert len(mail.outbox) == 1


def test_cancelling_emails_the_cancellation_confirmation(
    sell_and_send, django_capture_on_commit_callbacks
):
    policy = sell_and_send("smart-cover")
    with django_capture_on_commit_callbacks(execute=True):
        policy_cancel(policy=policy, on=TODAY, reason="Sold the car",
                      cancelled_by=policy.sold_by)  # fmt: skip
    send = EmailSend.objects.get(policy=policy, event="cancellation")
    assert (
        send.status == "sent" and send.subject == f"Your policy {policy.number} has been cancelled"
    )
    assert [d.kind for d in send.documents.all()] == ["cancellation"]
    assert len(mail.outbox) == 2 and "has been cancelled from" in mail.outbox[1].body


def test_a_resend_by_staff_sends_again_with_a_new_record(
    client, sell_and_send, django_capture_on_commit_callbacks
):
    policy = sell_and_send("smart-cover")
    first = EmailSend.objects.get(policy=policy)
    client.force_login(policy.sold_by)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:policy-resend", args=[policy.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("policies:policy-detail", args=[policy.pk])
    assert f"emailed to {policy.customer.email} again" in response.content.decode()
    second = EmailSend.objects.exclude(pk=first.pk).get(policy=policy)
    assert (second.event, second.status, second.requested_by) == ("sale", "sent", policy.sold_by)
    assert second.event_key != first.event_key
    assert len(mail.outbox) == 2
    # Nothing about the policy changed: the same documents, not new versions.
    assert list(second.documents.all()) == list(first.documents.all())


def test_resend_is_post_only(client, sell_and_send):
    policy = sell_and_send("smart-cover")
    client.force_login(policy.sold_by)
    assert client.get(reverse("documents:policy-resend", args=[policy.pk])).status_code == 405


def test_staff_download_their_dealers_documents_as_pdf(client, sell_and_send):
    policy = sell_and_send("smart-cover")
    document = Document.objects.get(policy=policy)
    client.force_login(policy.sold_by)
    response = client.get(reverse("documents:document-download", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{policy.number}-schedule-v1.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == document.file.open("rb").read()


def test_staff_of_another_dealer_get_404_on_download_and_resend(
    client, sell_and_send, django_capture_on_commit_callbacks
):
    policy = sell_and_send("smart-cover")
    document = Document.objects.get(policy=policy)
    client.force_login(UserFactory(dealer=DealerFactory(market="UK")))
    download = client.get(reverse("documents:document-download", args=[document.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        resend = client.post(reverse("documents:policy-resend", args=[policy.pk]))
    assert (download.status_code, resend.status_code) == (404, 404)
    assert EmailSend.objects.filter(policy=policy).count() == 1 and len(mail.outbox) == 1


def test_the_policy_page_shows_the_documents_and_the_emails(client, sell_and_send):
    policy = sell_and_send("motor-uk")
    client.force_login(policy.sold_by)
    page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert "Documents" in page and "Emails to the customer" in page
    for document in Document.objects.filter(policy=policy):
        assert reverse("documents:document-download", args=[document.pk]) in page
        assert document.get_kind_display() in page
    assert "Policy issued" in page and policy.customer.email in page and ">Sent<" in page
    assert "Resend the documents" in page
    assert f"The latest documents will be emailed to {policy.customer.email} again." in page
    assert reverse("documents:policy-resend", args=[policy.pk]) in page


@pytest.fixture
def media_for_the_worker(settings, monkeypatch):
    """The worker process reads the documents from the same media root as this test."""
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(settings.MEDIA_ROOT))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_finds_the_task_and_sends_the_email(
    media_for_the_worker, celery_worker_process, deal
):
    policy = sell(deal, "smart-cover", SMART)  # committed: the sale email is sent in-process
    sale = EmailSend.objects.get(policy=policy)
    send = EmailSend.objects.create(
        policy=policy, event="sale", event_key=f"sale:{policy.pk}:worker", to=sale.to,
        subject=sale.subject,
    )  # fmt: skip
    result = celery_worker_process.send_task(
        "documents.tasks.send_policy_email_task", args=[send.pk]
    )
    assert result.get(timeout=60) == "sent"
    send.refresh_from_db()
    assert (send.status, send.attempts) == ("sent", 1) and send.message_id.startswith("<")
    assert list(send.documents.all()) == list(sale.documents.all())


def test_emails_handed_over_together_are_each_sent_and_a_refused_one_is_tried_again(
    start_server, uk_dealer, django_capture_on_commit_callbacks
):
    """The renewal job hands a chunk's emails to the workers as one task: each is sent in
    turn; the one the server turns away goes on to the retrying task and is sent too."""
    from documents.outbox import emails_queue

    policies = []
    for _ in range(3):
        deal = deal_for(uk_dealer)
        disclosed(deal, "motor-uk")
        policies.append(sell(deal, "motor-uk", MOTOR))  # their sale emails not sent here
    inbox = start_server(Inbox(refuse=1))
    with django_capture_on_commit_callbacks(execute=True):
        sends = emails_queue(policies=policies, event="renewal_invitation")
    assert sorted(rcpt[0] for rcpt, _message in inbox.received) == sorted(
        p.customer.email for p in policies
    )
    attempts = sorted(EmailSend.objects.filter(pk__in=[s.pk for s in sends])
                      .values_list("status", "attempts"))  # fmt: skip
    assert attempts == [("sent", 1), ("sent", 1), ("sent", 2)]
    for _rcpt, message in inbox.received:
        assert message["Subject"].startswith("Time to renew your policy LMI-")
        assert (
            list(attachments(message))
            == [
                name for name in attachments(message) if name.endswith("-renewal-invitation-v1.pdf")
            ]
            and len(attachments(message)) == 1
        )
