"""Before the sale, what the rules of distribution ask for and record: the customer's
demands and needs, each product offered and the customer's answer, the product
information given (by whom, how, on which day) and acknowledged, its correction by a
manager, and whether a deferred sale may follow it yet (sale timing).

Services in the house style: keyword-only, refusals raised as SaleRefused."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from dealers.markets import MARKETS
from dealers.models import Deal, User

from .models import DemandsNeeds, Disclosure, DisclosureMethod, Offer, Product
from .refusals import SaleRefused
from .rules.common import Refusal, refusal
from .rules.messages import register
from .rules.sale_timing import DeferralRule, SaleTiming, sale_timing_refusals
from .selectors import settings_of

register(
    "disclosure_correction_reason",
    "Say why the date is corrected.",
    "Indicare perché si corregge la data.",
)
register(
    "disclosure_correction_date",
    "The information cannot have been given before the deal began or after today.",
    "Le informazioni non possono essere state consegnate prima della trattativa né dopo oggi.",
)


def demands_needs_record(*, deal: Deal, answers: dict[str, Any], recorded_by: User) -> DemandsNeeds:
    record, _ = DemandsNeeds.objects.update_or_create(
        deal=deal,
        defaults={"answers": answers, "recorded_by": recorded_by, "recorded_at": timezone.now()},
    )
    return record


def offer_decide(
    *, deal: Deal, product: Product, decision: str, reason_code: str = "", reason: str = "",
    decided_by: User,
) -> Offer:  # fmt: skip
    """Record a product put to the customer and their answer; a decline needs a reason
    from the list (DeclineReason), its words optional."""
    offer, _ = Offer.objects.update_or_create(
        deal=deal, product=product,
        defaults={"decision": decision, "reason_code": reason_code, "reason": reason.strip(),
                  "decided_by": decided_by, "decided_at": timezone.now()},
    )  # fmt: skip
    return offer


def disclosure_give(
    *, deal: Deal, product: Product, document: str, how: str, given_by: User,
    on: date | None = None,
) -> Disclosure:  # fmt: skip
    """Record that the product information was given to the customer today (`on` is for
    jobs and tests), by whom and how. A fact recorded once: giving it again changes
    nothing (disclosure_correct is the recorded way to change the date)."""
    disclosure, created = Disclosure.objects.get_or_create(
        deal=deal, product=product,
        defaults={"document": document.strip()[:120], "given_on": on or timezone.localdate(),
                  "given_by": given_by, "given_how": how},
    )  # fmt: skip
    return disclosure


def disclosure_acknowledge(
    *, deal: Deal, product: Product, acknowledged_by: User, document: str = "",
    customer_initiated_on: date | None = None, written_confirmation: str = "",
) -> Disclosure:  # fmt: skip
    """The customer acknowledges the product information at the sale. Information not
    given before is given now, in person, by the seller (so a deferral starts today).
    `customer_initiated_on` and the written confirmation record a customer who starts a
    deferred (GAP) sale themselves."""
    with transaction.atomic():
        disclosure = disclosure_give(
            deal=deal, product=product, how=DisclosureMethod.IN_PERSON, given_by=acknowledged_by,
            document=document or default_document(deal, product),
        )  # fmt: skip
        disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        disclosure.acknowledged_at = timezone.now()
        disclosure.acknowledged_by = acknowledged_by
        disclosure.customer_initiated_on = customer_initiated_on
        disclosure.written_confirmation = written_confirmation.strip()
        disclosure._history_user = acknowledged_by
        disclosure.save()
    return disclosure


def default_document(deal: Deal, product: Product) -> str:
    """What the information given before the sale is called in the deal's market."""
    return f"{MARKETS[deal.dealer.market].information_document} – {product.name}"


class NotAllowed(Exception):
    """The user's role does not allow this act."""


@transaction.atomic
def disclosure_correct(
    *, disclosure: Disclosure, given_on: date, reason: str, corrected_by: User
) -> Disclosure:
    """Correct the day the information was given: a manager's or head office's act,
    with the reason, kept in the disclosure's history. Not in the future, not before the
    deal began."""
    if not (corrected_by.is_manager or corrected_by.is_head_office):
        raise NotAllowed
    lang = corrected_by.language
    disclosure = Disclosure.objects.select_for_update().select_related("deal").get(pk=disclosure.pk)
    if not reason.strip():
        raise SaleRefused([refusal("disclosure_correction_reason", lang)])
    if not disclosure.deal.deal_date <= given_on <= timezone.localdate():
        raise SaleRefused([refusal("disclosure_correction_date", lang)])
    disclosure.given_on = given_on
    disclosure._history_user = corrected_by
    disclosure._change_reason = reason.strip()[:100]
    disclosure.save(update_fields=["given_on"])
    return disclosure


def deferral_rule(product: Product) -> DeferralRule:
    config = settings_of(product)
    return DeferralRule(
        clear_days=int(config.get("sale_deferral_clear_days", 0)),
        waiver_after_days=int(config.get("sale_deferral_waiver_after_days", 1)),
    )


def sale_timing_check(*, deal: Deal, product: Product, on: date, lang: str) -> list[Refusal]:
    disclosure = Disclosure.objects.filter(deal=deal, product=product).first()
    timing = SaleTiming(
        information_given_on=disclosure.given_on if disclosure else None,
        sale_date=on,
        customer_initiated=bool(disclosure and disclosure.customer_initiated_on),
    )
    return sale_timing_refusals(timing, deferral_rule(product), lang)
