"""The quote given at the desk as a paper the customer takes home: a PDF with its
reference and the day it is valid to, each product at its price and the day its cover
would start, the basket's totals and what each product covers (the comparison of the
menu, for the quote's own answers); printed at the desk or emailed by the workers."""

import logging
from dataclasses import asdict
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_date

from dealers.customer_links import customer_link_url
from dealers.markets import MARKETS
from policies.models import Quote, QuoteEmail
from policies.pos import columns_priced

from .compare import Table, comparison
from .context import intermediary
from .emails import DELIVERY_ERRORS, SMTP_TIMEOUT_SECONDS, templated_email
from .outbox import retry_countdown
from .rendering import html_to_pdf

MAX_RETRIES = 5
logger = logging.getLogger(__name__)


def quote_answers(quote: Quote) -> QueryDict:
    """The menu's answers as they were posted when the quote was given."""
    data = QueryDict(mutable=True)
    for name, values in quote.answers.items():
        data.setlist(name, [str(v) for v in values])
    data["quote"] = quote.reference  # priced on the quote's day while it is valid
    return data


def quote_covers(quote: Quote) -> list[Table]:
    """What each product of the quote covers: as kept when it was given, else worked out
    for its answers."""
    if quote.covers:
        return [Table(t["title"], t["heads"], [(label, cells) for label, cells in t["rows"]])
                for t in quote.covers]  # fmt: skip
    keys = [line["key"] for line in quote.lines]
    columns = [c for c in columns_priced(quote.deal, quote_answers(quote), quote.language)
               if c.key in keys and not c.sold]  # fmt: skip
    names = [f"{c.product.name} {c.package.title()}".strip() for c in columns]
    return comparison(columns, deal=quote.deal, names=names, on=quote.priced_on,
                      lang=quote.language)  # fmt: skip


def quote_covers_keep(quote: Quote) -> None:
    """Keep the covers the quote shows as it is given (once)."""
    if not quote.covers:
        quote.covers = [asdict(table) for table in quote_covers(quote)]
        Quote.objects.filter(pk=quote.pk, covers=[]).update(covers=quote.covers)


def quote_context(quote: Quote) -> dict:
    deal = quote.deal
    lines = [{**line, "start": parse_date(line["start"]) if line["start"] else None,
              "total": Decimal(line["total"]), "first": Decimal(line["first"])}
             for line in quote.lines]  # fmt: skip
    return {
        "quote": quote, "deal": deal, "dealer": deal.dealer, "customer": deal.customer,
        "vehicle": deal.vehicle, "lines": lines, "currency": quote.currency,
        "language": quote.language, "tables": quote_covers(quote),
        "intermediary": intermediary(deal.dealer), "brand": deal.dealer.brand,
        "information_document": MARKETS[deal.dealer.market].information_document,
    }  # fmt: skip


def quote_pdf(quote: Quote) -> bytes:
    with translation.override(quote.language):
        return html_to_pdf(render_to_string("documents/quote.html", quote_context(quote)))


def quote_filename(quote: Quote) -> str:
    return f"{quote.reference}.pdf"


def quote_email_queue(quote: Quote, to: str) -> None:
    """Email the quote to `to` (the customer's address), by the workers once committed;
    asked again, it is sent again."""
    Quote.objects.filter(pk=quote.pk).update(email_to=to, email_status=QuoteEmail.PENDING)
    transaction.on_commit(lambda: send_quote_email_task.delay(quote.pk))


def quote_message(quote: Quote, pdf: bytes) -> EmailMultiAlternatives:
    deal = quote.deal
    context = {"quote": quote, "customer": deal.customer, "dealer": deal.dealer,
               "lines": quote.lines, "language": quote.language,
               "portal_link": customer_link_url(deal.customer)}  # fmt: skip
    message = templated_email("quote", context, language=quote.language, to=quote.email_to,
                              dealer=deal.dealer)  # fmt: skip
    message.attach(quote_filename(quote), pdf, "application/pdf")
    return message


@shared_task(bind=True, name="documents.tasks.send_quote_email_task", max_retries=MAX_RETRIES)
def send_quote_email_task(self, quote_id: int) -> str:
    """Send the quote's email once; retried with backoff while the mail server refuses it,
    then marked failed (the quote page says so, and it can be sent again)."""
    quote = Quote.objects.select_related("deal__dealer", "deal__customer").get(pk=quote_id)
    if quote.email_status != QuoteEmail.PENDING:
        return quote.email_status
    message = quote_message(quote, quote_pdf(quote))
    claimed = Quote.objects.filter(pk=quote_id, email_status=QuoteEmail.PENDING).update(
        email_attempts=F("email_attempts") + 1
    )
    if not claimed:
        return Quote.objects.get(pk=quote_id).email_status
    try:
        get_connection(timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT_SECONDS).send_messages(
            [message]
        )
    except DELIVERY_ERRORS as error:
        if self.request.retries >= self.max_retries:
            Quote.objects.filter(pk=quote_id).update(email_status=QuoteEmail.FAILED)
            logger.error("Quote %s to %s failed: %s", quote.reference, quote.email_to, error)
            return QuoteEmail.FAILED
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    Quote.objects.filter(pk=quote_id).update(email_status=QuoteEmail.SENT,
                                             emailed_at=timezone.now())  # fmt: skip
    return QuoteEmail.SENT
