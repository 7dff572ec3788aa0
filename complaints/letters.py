"""The letters of a complaint: acknowledgement, holding response, summary resolution and
final response, as PDFs (WeasyPrint, the documents' print stylesheet) in the dealer's
language, stored with the complaint and emailed to the customer once the move commits.

What each letter must say comes from the market's rule (complaints.models.ComplaintRule):
the final response and the holding response give the referral rights in its words (FCA
DISP 1.6.2R and DISP 1 Annex 3R; IVASS; ASIC RG 271.56), the acknowledgement the date
by which we will respond."""

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dealers.customer_links import customer_link_url
from documents.context import address, intermediary
from documents.emails import DELIVERY_ERRORS, emails_quiet, templated_email
from documents.rendering import html_to_pdf

from .models import Complaint, ComplaintLetter, LetterKind
from .rules import rule_of

logger = logging.getLogger(__name__)


def letter_context(complaint: Complaint, kind: str, body: str = "") -> dict:
    dealer, customer = complaint.dealer, complaint.customer
    return {
        "complaint": complaint, "kind": kind, "kinds": LetterKind, "dealer": dealer,
        "customer": customer, "customer_address": address(customer), "body": body,
        "rule": rule_of(dealer.market), "language": dealer.language,
        "intermediary": intermediary(dealer), "brand": dealer.brand,
        "title": LetterKind(kind).label, "issued_on": timezone.localdate(),
    }  # fmt: skip


def letter_pdf(complaint: Complaint, kind: str, body: str = "") -> bytes:
    with translation.override(complaint.dealer.language):
        title = str(LetterKind(kind).label)
        context = letter_context(complaint, kind, body) | {"title": title}
        html = render_to_string("documents/complaint_letter.html", context)
    return html_to_pdf(html)


def letter_make(*, complaint: Complaint, kind: str, by, body: str = "") -> ComplaintLetter:
    """The letter made and stored (once of each kind), emailed when the move commits."""
    existing = ComplaintLetter.objects.filter(complaint=complaint, kind=kind).first()
    if existing is not None:
        return existing
    pdf = letter_pdf(complaint, kind, body)
    letter = ComplaintLetter(complaint=complaint, kind=kind, language=complaint.dealer.language,
                             checksum=hashlib.sha256(pdf).hexdigest(), size=len(pdf), body=body,
                             created_at=timezone.now(), created_by=by)  # fmt: skip
    letter.file.save(f"{complaint.number}-{kind}.pdf", ContentFile(pdf), save=False)
    letter.save()
    if not emails_quiet():  # loading data (the demo's register): made and kept, not sent
        letter_id = letter.pk
        transaction.on_commit(lambda: send_letter_task.delay(letter_id))
    return letter


def letter_message(letter: ComplaintLetter) -> EmailMultiAlternatives:
    complaint = letter.complaint
    customer, dealer = complaint.customer, complaint.dealer
    context = {"complaint": complaint, "letter": letter, "customer": customer,
               "dealer": dealer, "link": customer_link_url(customer),
               "language": dealer.language, "title": LetterKind(letter.kind).label}  # fmt: skip
    message = templated_email("complaint_letter", context, language=dealer.language,
                              to=customer.email, dealer=dealer)  # fmt: skip
    with letter.file.open("rb") as f:
        message.attach(f"{complaint.number}-{letter.kind}.pdf", f.read(), "application/pdf")
    return message


@shared_task(name="complaints.tasks.send_letter_task", ignore_result=True,
             autoretry_for=DELIVERY_ERRORS, retry_backoff=60, max_retries=5)  # fmt: skip
def send_letter_task(letter_id: int) -> None:
    """The letter to the customer's address on record, once (a sent letter is not sent
    again when the task runs twice)."""
    letter = ComplaintLetter.objects.select_related("complaint__customer", "complaint__dealer").get(
        pk=letter_id
    )
    customer = letter.complaint.customer
    if letter.sent_at is not None or customer.erased_at is not None or not customer.email:
        return
    try:
        letter_message(letter).send()
    except DELIVERY_ERRORS as error:
        ComplaintLetter.objects.filter(pk=letter_id).update(last_error=str(error)[:2000])
        raise
    ComplaintLetter.objects.filter(pk=letter_id).update(
        sent_at=timezone.now(), emailed_to=customer.email, last_error=""
    )
