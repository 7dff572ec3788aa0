"""Emails to the customer with their documents: queued here, sent by documents.tasks.

One EmailSend per event of a policy (`event_key` is unique), so the sale or the
cancellation is never emailed twice, however often it is queued; a resend by staff gets
a key of its own. Delivery (email_deliver) is safe to run again: the row is locked and its
status checked first, and it is marked sent in the transaction that records the
Message-ID, so a retry after a failure, or a second run after success, sends nothing more.
A send whose task was lost (the broker was down) stays pending until the sweep
(emails_pending_resend, on the beat) hands it to the workers again.

Not ruled out: the mail server takes the email and the worker dies, or loses the
database, before the transaction marking it sent commits; the send is then still pending
and goes again. SMTP has no way to ask whether a message arrived.
"""

import logging
import smtplib
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection, make_msgid
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy

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
    return EmailSend.objects.filter(event_key=_event_key(policy, EmailEvent.SALE)).first()


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


def email_queue(
    *, policy: Policy, event: str, requested_by: User | None = None, resend: bool = False
) -> EmailSend | None:
    """Record an email of `event` to the customer and send it once the transaction
    commits. The event itself is recorded once: queued again, the first record is returned
    and nothing more is sent. A resend (by staff) is a new record with a key of its own.
    None inside quiet()."""
    if emails_quiet():
        return None
    event = EmailEvent(event)
    key = _event_key(policy, event) + (f":resend:{uuid.uuid4().hex}" if resend else "")
    send, created = EmailSend.objects.get_or_create(
        event_key=key, defaults=_send_fields(policy, event, requested_by)
    )
    if created:
        _send_on_commit([send.pk])
    return send


def emails_queue(*, policies: list[Policy], event: str) -> list[EmailSend]:
    """email_queue for many policies at once (the daily renewal job), in one insert. Each
    policy's event must not have been recorded before: the caller holds the policies'
    row locks and has decided the event is due; a second record is refused by the unique
    event key."""
    if emails_quiet():
        return []
    event = EmailEvent(event)
    sends = EmailSend.objects.bulk_create(
        EmailSend(event_key=_event_key(p, event), **_send_fields(p, event, None)) for p in policies
    )
    _send_on_commit([s.pk for s in sends])
    return sends


def _event_key(policy: Policy, event: EmailEvent) -> str:
    return f"{event}:{policy.pk}"


def _send_fields(policy: Policy, event: EmailEvent, requested_by: User | None) -> dict:
    return {
        "policy": policy,
        "event": event,
        "to": policy.customer.email,
        "subject": email_subject(policy=policy, event=event),
        "requested_by": requested_by,
    }


def _send_on_commit(send_ids: list[int]) -> None:
    """Hand the sends to the workers once the transaction commits. Robust: the sale,
    cancellation or renewal has committed; a broker that is down must not turn it into an
    error. The sends stay pending on the policy page, and the sweep (emails_pending_resend)
    hands them over once the broker is back."""
    from .tasks import send_policy_email_task, send_policy_emails_task  # they import this

    if len(send_ids) == 1:
        transaction.on_commit(lambda: _hand_over(send_policy_email_task, send_ids[0]), robust=True)
    elif send_ids:
        transaction.on_commit(lambda: send_policy_emails_task.delay(send_ids), robust=True)


def _hand_over(task, send_id: int, **options) -> None:
    """Send the task, its result not wanted: nobody here waits for it, and asking for it
    subscribes to the result backend first, which with Redis down takes some 20 seconds
    of retries (the request waits) before it gives up."""
    task.apply_async((send_id,), ignore_result=True, **options)


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


def _message_domain() -> str | None:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or None


def email_message(*, send: EmailSend, documents: list[Document]) -> EmailMultiAlternatives:
    """The email in the dealer's language, plain text and HTML, with the PDFs attached."""
    policy = send.policy
    context = {"send": send, "policy": policy, "customer": policy.customer,
               "dealer": policy.dealer, "product": policy.product, "documents": documents,
               "language": policy.dealer.language}  # fmt: skip
    with translation.override(policy.dealer.language):
        text = render_to_string("emails/policy_documents.txt", context)
        html = render_to_string("emails/policy_documents.html", context)
    message = EmailMultiAlternatives(
        subject=send.subject, body=text, to=[send.to],
        reply_to=[policy.dealer.email] if policy.dealer.email else None,
        headers={"Message-ID": make_msgid(domain=_message_domain())},
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


# Sends per sweep: a broker back after a long outage is not handed them all at once.
RESEND_BATCH = 500


def emails_pending_resend(*, older_than: timedelta) -> int:
    """Hand the workers again the sends still pending `older_than` after they were queued,
    or after the retry or resend that was due for them: their task was lost (the broker was
    down when the sale committed, or when the retry was handed over). Returns how many.

    Nothing is sent twice: each send's resend is recorded (next_attempt_at) in the
    transaction that picks it, so the next sweeps wait for it; rows another sweep is
    picking are skipped; and a task that finds its send no longer pending sends nothing
    (email_deliver)."""
    from .tasks import MAX_RETRIES, send_policy_email_task  # they import this

    now = timezone.now()
    cutoff = now - older_than
    with transaction.atomic():
        due = list(
            EmailSend.objects.select_for_update(skip_locked=True)
            .filter(status=SendStatus.PENDING)
            .filter(
                Q(next_attempt_at__lte=cutoff)
                | Q(next_attempt_at__isnull=True, requested_at__lte=cutoff)
            )
            .order_by("pk")
            .values_list("pk", "attempts")[:RESEND_BATCH]
        )
        EmailSend.objects.filter(pk__in=[pk for pk, _attempts in due]).update(next_attempt_at=now)
    for pk, attempts in due:
        # Counted on from the attempts made: the backoff goes on, and gives up on time.
        _hand_over(send_policy_email_task, pk, retries=min(attempts, MAX_RETRIES))
    if due:
        logger.warning("%d pending emails handed to the workers again", len(due))
    return len(due)


def email_give_up(*, send_id: int) -> EmailSend:
    """Mark a send that is still pending as failed: it is not tried again."""
    if EmailSend.objects.filter(pk=send_id, status=SendStatus.PENDING).update(
        status=SendStatus.FAILED
    ):
        send = EmailSend.objects.get(pk=send_id)
        logger.error("Email %s to %s failed: %s", send.pk, send.to, send.last_error)
    return EmailSend.objects.get(pk=send_id)
