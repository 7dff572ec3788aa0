"""Emails to the customer with their documents: what they say and how one is delivered
(queued and handed to the workers by documents/outbox.py).

One EmailSend per event of a policy (`event_key` is unique), so the sale or the
cancellation is never emailed twice, however often it is queued; a resend by staff gets
a key of its own. Delivery (email_deliver) is safe to run again: the row is locked and its
status checked first, and it is marked sent in the transaction that records the
Message-ID, so a retry after a failure, or a second run after success, sends nothing more.
A send whose task was lost (the broker was down) stays pending until the sweep
(outbox.emails_pending_resend, on the beat) hands it to the workers again.

Not ruled out: the mail server takes the email and the worker dies, or loses the
database, before the transaction marking it sent commits; the send is then still pending
and goes again. SMTP has no way to ask whether a message arrived.
"""

import logging
import smtplib
import threading
from contextlib import contextmanager
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection, make_msgid
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy

from dealers.customer_links import customer_link_url
from dealers.models import User
from policies.models import Policy, PolicyStatus

from .content import content_of
from .models import Document, DocumentKind, EmailEvent, EmailSend, SendStatus
from .rendering import render_document
from .services import document_store, policy_state

logger = logging.getLogger(__name__)

# What a retry can cure: the mail server refused or was not there. Anything else is a bug.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)
# The row stays locked while the server is talked to: never wait for it forever.
SMTP_TIMEOUT_SECONDS = 30


def event_kinds(policy: Policy, event: str) -> list[str]:
    """The documents an event's email carries."""
    if event == EmailEvent.SALE:
        return list(content_of(policy.product.code).issued)
    return {
        EmailEvent.CANCELLATION: [DocumentKind.CANCELLATION],
        EmailEvent.RENEWAL_INVITATION: [DocumentKind.RENEWAL_INVITATION],
        EmailEvent.RENEWAL_REMINDER: [DocumentKind.RENEWAL_INVITATION],
    }[EmailEvent(event)]


SUBJECTS = {
    EmailEvent.SALE: gettext_lazy("Your %(product)s policy %(number)s"),
    EmailEvent.CANCELLATION: gettext_lazy("Your policy %(number)s has been cancelled"),
    EmailEvent.RENEWAL_INVITATION: gettext_lazy("Time to renew your policy %(number)s"),
    EmailEvent.RENEWAL_REMINDER: gettext_lazy("Reminder: your policy %(number)s ends on %(end)s"),
}


def email_subject(*, policy: Policy, event: str) -> str:
    """The subject in the dealer's language."""
    with translation.override(policy.dealer.language):
        subject = str(SUBJECTS[EmailEvent(event)])
        end = formats.date_format(policy.end_date, "DATE_FORMAT")
    return subject % {"product": policy.product.name, "number": policy.number, "end": end}


def resend_event(policy: Policy) -> str:
    """What "Resend the documents" sends: the latest event emailed for the policy, or, if
    none was, the sale (or the cancellation of a cancelled policy)."""
    latest = policy.emails.order_by("-requested_at", "-pk").first()
    if latest is not None:
        return latest.event
    if policy.status == PolicyStatus.CANCELLED:
        return EmailEvent.CANCELLATION
    return EmailEvent.SALE


def sale_email(policy: Policy) -> EmailSend | None:
    """The email of the policy's sale (None inside quiet())."""
    return EmailSend.objects.filter(event_key=event_key_of(policy, EmailEvent.SALE)).first()


_quiet = threading.local()


@contextmanager
def quiet():
    """Within it, no email is recorded or sent: for loading data (the demo book), where
    the customers are made up and the policies' documents are not wanted."""
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = False


def emails_quiet() -> bool:
    return getattr(_quiet, "on", False)


def event_key_of(policy: Policy, event: EmailEvent) -> str:
    return f"{event}:{policy.pk}"


def send_fields(policy: Policy, event: EmailEvent, requested_by: User | None) -> dict:
    return {
        "policy": policy,
        "event": event,
        "to": policy.customer.email,
        "subject": email_subject(policy=policy, event=event),
        "requested_by": requested_by,
    }


def attachment_name(document: Document) -> str:
    return f"{document.policy.number}-{document.kind.replace('_', '-')}-v{document.version}.pdf"


def _latest_of_state(policy: Policy, kind: str, state: dict) -> Document | None:
    """The newest version of `kind` if it was made from the policy as it stands now (a
    resend does not pile up versions)."""
    latest = policy.documents.filter(kind=kind).order_by("-version").first()
    return latest if latest is not None and latest.policy_state == state else None


def _render(policy: Policy, kind: str) -> bytes:
    return render_document(policy=policy, kind=kind, language=policy.dealer.language)


def send_documents(send: EmailSend) -> list[Document]:
    """The documents of the send, made and attached on the first attempt, so that a retry
    sends the very same versions."""
    kinds = event_kinds(send.policy, send.event)
    attached = {d.kind: d for d in send.documents.all()}
    if any(kind not in attached for kind in kinds):
        attached = _documents_attach(send, [k for k in kinds if k not in attached])
    return [attached[kind] for kind in kinds]


def _documents_attach(send: EmailSend, kinds: list[str]) -> dict[str, Document]:
    """Render what is missing outside any lock (a second or so each: on SQLite an open
    write transaction would hold up every writer), then store and attach it holding the
    send's row lock: a second delivery of the send at the same moment finds the first's
    documents there and uses them, instead of attaching versions of its own."""
    policy, state = send.policy, policy_state(send.policy)
    rendered = {k: _render(policy, k) for k in kinds if _latest_of_state(policy, k, state) is None}
    with transaction.atomic():
        locked = EmailSend.objects.select_for_update().get(pk=send.pk)
        attached = {d.kind: d for d in locked.documents.all()}
        for kind in kinds:
            if kind in attached:  # by the other delivery, meanwhile
                continue
            document = _latest_of_state(policy, kind, state)
            if document is None:  # a render of its own, or the policy changed meanwhile
                pdf = rendered.get(kind) or _render(policy, kind)
                document = document_store(
                    policy=policy, kind=kind, pdf=pdf, created_by=send.requested_by
                )
            attached[kind] = document
            locked.documents.add(document)
    return attached


def message_domain() -> str | None:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or None


def templated_email(name: str, context: dict, *, language: str, to: str,
                    dealer) -> EmailMultiAlternatives:  # fmt: skip
    """`emails/<name>_subject.txt`, `<name>.txt` and `<name>.html` rendered in `language`,
    to `to`, replying to the dealer, with a Message-ID of our own domain."""
    with translation.override(language):
        subject = render_to_string(f"emails/{name}_subject.txt", context).strip()
        text = render_to_string(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], reply_to=[dealer.email] if dealer.email else None,
        headers={"Message-ID": make_msgid(domain=message_domain())},
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    return message


def email_message(*, send: EmailSend, documents: list[Document]) -> EmailMultiAlternatives:
    """The email in the dealer's language, plain text and HTML, with the PDFs attached."""
    policy = send.policy
    context = {"send": send, "policy": policy, "customer": policy.customer,
               "dealer": policy.dealer, "product": policy.product, "documents": documents,
               "language": policy.dealer.language,
               "portal_link": customer_link_url(policy.customer)}  # fmt: skip
    with translation.override(policy.dealer.language):
        text = render_to_string("emails/policy_documents.txt", context)
        html = render_to_string("emails/policy_documents.html", context)
    message = EmailMultiAlternatives(
        subject=send.subject, body=text, to=[send.to],
        reply_to=[policy.dealer.email] if policy.dealer.email else None,
        headers={"Message-ID": make_msgid(domain=message_domain())},
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    for document in documents:
        with document.file.open("rb") as f:
            message.attach(attachment_name(document), f.read(), "application/pdf")
    return message


class DeliveryFailed(Exception):
    """The mail server refused the email or could not be reached; worth trying again."""


def email_deliver(*, send_id: int) -> EmailSend:
    """Send the email of the send, once. Safe to run again at any point: a send already
    sent (or given up) is left alone. Raises DeliveryFailed when the server did not take
    it, after recording the attempt and the error."""
    send = EmailSend.objects.select_related("policy__dealer").get(pk=send_id)
    if send.status != SendStatus.PENDING:
        return send
    documents = send_documents(send)
    error = None
    with transaction.atomic():
        # The attempt is counted first: that write locks the row (on SQLite, the database)
        # until this transaction ends, so a second run of the task waits here and then
        # finds the email sent. Holding it while the server is talked to is the price.
        claimed = EmailSend.objects.filter(pk=send_id, status=SendStatus.PENDING).update(
            attempts=F("attempts") + 1
        )
        send = EmailSend.objects.select_related("policy__dealer").get(pk=send_id)
        if not claimed:
            return send
        message = email_message(send=send, documents=documents)
        try:
            get_connection(timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT_SECONDS).send_messages(
                [message]
            )
        except DELIVERY_ERRORS as e:
            error = e
            send.last_error = f"{type(e).__name__}: {e}"[:2000]
            send.save(update_fields=["last_error"])
        else:
            send.status = SendStatus.SENT
            send.sent_at = timezone.now()
            send.message_id = message.extra_headers["Message-ID"]
            send.save(update_fields=["status", "sent_at", "message_id"])
    if error is not None:
        raise DeliveryFailed(send.last_error) from error
    return send


def email_retry_at(*, send_id: int, at: datetime) -> None:
    """Record when the retry handed to the workers is due, so that the sweep
    (emails_pending_resend) does not send the email again before it."""
    EmailSend.objects.filter(pk=send_id, status=SendStatus.PENDING).update(next_attempt_at=at)


def email_give_up(*, send_id: int) -> EmailSend:
    """Mark a send that is still pending as failed: it is not tried again."""
    if EmailSend.objects.filter(pk=send_id, status=SendStatus.PENDING).update(
        status=SendStatus.FAILED
    ):
        send = EmailSend.objects.get(pk=send_id)
        logger.error("Email %s to %s failed: %s", send.pk, send.to, send.last_error)
    return EmailSend.objects.get(pk=send_id)
