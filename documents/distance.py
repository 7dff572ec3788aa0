"""A UK GAP sale at a distance, on paper and by email (policies.distance; issue 20): the
product information with its price, term, covers and the day the sale can be concluded
as a PDF, emailed to the customer as soon as the seller gives it, with the link to
their page where they buy it; and the daily job's reminders, on the day they can buy and
once before the price lapses."""

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dealers.customer_links import customer_link_url
from dealers.markets import MARKETS
from policies.disclosure import deferral_rule
from policies.distance import reminders_due
from policies.models import DistanceOffer
from policies.sales import policy_preview
from policies.stored_answers import answers_decoded

from .compare import tables_of
from .content import content_of
from .content.common import DocumentFacts
from .context import intermediary
from .emails import DELIVERY_ERRORS, templated_email
from .rendering import html_to_pdf

logger = logging.getLogger(__name__)

INFORMATION, READY, LAPSING = "information", "ready", "lapsing"


def distance_context(offer: DistanceOffer) -> dict:
    deal, product = offer.deal, offer.product
    answers = answers_decoded(product.code, offer.answers, offer.answers_version)
    policy = policy_preview(deal=deal, product=product, answers=answers, quote=None,
                            plan=offer.payment_plan, on=offer.concludes_from,
                            lang=deal.dealer.language)  # fmt: skip
    facts, content = DocumentFacts(policy), content_of(product.code)
    text = content.text(facts) if callable(content.text) else content.text
    return {
        "offer": offer, "deal": deal, "dealer": deal.dealer, "customer": deal.customer,
        "vehicle": deal.vehicle, "product": product, "language": deal.dealer.language,
        "tables": tables_of([(product.name, [*content.covers(facts),
                                             *content.excesses(facts)])]),
        "cancellation": text.cancellation, "intermediary": intermediary(deal.dealer),
        "brand": deal.dealer.brand, "seller": offer.given_by,
        "clear_days": deferral_rule(product).clear_days,
        "information_document": MARKETS[deal.dealer.market].information_document,
    }  # fmt: skip


def distance_pdf(offer: DistanceOffer) -> bytes:
    with translation.override(offer.deal.dealer.language):
        return html_to_pdf(render_to_string("documents/distance_offer.html",
                                            distance_context(offer)))  # fmt: skip


def distance_filename(offer: DistanceOffer) -> str:
    return f"{offer.product.code}-information-{offer.given_on:%Y%m%d}.pdf"


def distance_information_queue(offer: DistanceOffer) -> None:
    """The information emailed once the offer commits (policies.distance_offer_made)."""
    offer_id = offer.pk
    transaction.on_commit(lambda: send_distance_email_task.delay(offer_id, INFORMATION))


def distance_message(offer: DistanceOffer, kind: str) -> EmailMultiAlternatives:
    deal = offer.deal
    context = {"offer": offer, "customer": deal.customer, "dealer": deal.dealer,
               "product": offer.product, "kind": kind, "language": deal.dealer.language,
               "link": customer_link_url(deal.customer)}  # fmt: skip
    message = templated_email("gap_information", context, language=deal.dealer.language,
                              to=deal.customer.email, dealer=deal.dealer)  # fmt: skip
    if kind == INFORMATION:
        message.attach(distance_filename(offer), distance_pdf(offer), "application/pdf")
    return message


@shared_task(name="documents.tasks.send_distance_email_task", ignore_result=True,
             autoretry_for=DELIVERY_ERRORS, retry_backoff=60, max_retries=5)  # fmt: skip
def send_distance_email_task(offer_id: int, kind: str) -> None:
    """The information with its PDF, or a reminder, to the customer's address on record."""
    offer = DistanceOffer.objects.select_related(
        "deal__customer", "deal__dealer", "deal__vehicle", "product", "given_by"
    ).get(pk=offer_id)
    customer = offer.deal.customer
    if offer.policy_id or customer.erased_at is not None or not customer.email:
        return  # bought already, the customer's data erased, or no address: nothing to say
    distance_message(offer, kind).send()
    if kind == INFORMATION:
        DistanceOffer.objects.filter(pk=offer_id).update(
            emailed_at=timezone.now(), emailed_to=offer.deal.customer.email
        )


@shared_task(name="documents.tasks.distance_reminders_task", ignore_result=True)
def distance_reminders_task() -> dict:
    """The daily job: each customer who may buy from today is told once, and each whose
    held price lapses soon is reminded once (claimed by a conditional update, so a second
    run the same day sends nothing more)."""
    today = timezone.localdate()
    ready, lapsing = reminders_due(today)
    sent = {READY: 0, LAPSING: 0}
    for kind, offers, field in ((READY, ready, "reminded_ready_on"),
                                (LAPSING, lapsing, "reminded_lapse_on")):  # fmt: skip
        for offer in offers:
            claimed = DistanceOffer.objects.filter(pk=offer.pk, **{f"{field}__isnull": True})
            if claimed.update(**{field: today}):
                send_distance_email_task.delay(offer.pk, kind)
                sent[kind] += 1
    logger.info("GAP reminders sent: %s", sent)
    return sent
