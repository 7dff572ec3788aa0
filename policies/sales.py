"""Writes of the point of sale: the sale itself (priced again, its cover dates, its
number, its instalments). What comes before it (demands and needs, offers, the product
information) is in policies/disclosure.py; cancellations and mid-term changes in servicing.

Every function is a service in the house style: keyword-only, one transaction, the
rules asked through the quote service and policies/rules, refusals raised as SaleRefused
with sentences staff can read to the customer.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dealers.markets import format_money
from dealers.models import Deal, User
from dealers.money import round_money
from dealers.selectors import deals_for
from products.answers import json_ready
from products.registry import product_definition

from .disclosure import offer_decide, sale_timing_check
from .events import PolicyEvent, policy_event_send
from .models import (
    Decision,
    Instalment,
    Policy,
    PolicyNumberSequence,
    PolicyStatus,
    Product,
)
from .quotes import PlanQuote, inputs_from_answers, quote_calculate, term_months
from .refusals import SaleRefused
from .rules.common import ZERO, Refusal, add_months, refusal
from .rules.messages import register
from .rules.pricing import Breakdown
from .selectors import (
    commission_rate,
    product_get,
    settings_of,
)
from .stored_answers import answers_encoded, stored_schema
from .transitions import policy_move

register(
    "product_not_sold_here",
    "This product is not sold by this dealer.",
    "Questo prodotto non è venduto da questo concessionario.",
)
register(
    "customer_erased",
    "This customer's personal data was erased on request: nothing more can be sold to them.",
    "I dati personali di questo cliente sono stati cancellati su richiesta: non gli si può "
    "vendere altro.",
)
register(
    "plan_not_offered",
    "This product cannot be paid that way.",
    "Questo prodotto non si può pagare in questo modo.",
)
register(
    "policy_not_live",
    "Only a policy in force can be changed or cancelled.",
    "Si può modificare o annullare solo una polizza in vigore.",
)
register(
    "too_many_car_changes",
    "This policy has already had {limit} car changes this period.",
    "Questa polizza ha già avuto {limit} cambi di veicolo in questo periodo.",
)
register(
    "cancel_date_outside_cover",
    "The cancellation date must fall within the cover, and cannot be in the past.",
    "La data di annullamento deve cadere nel periodo di copertura e non può essere passata.",
)
register(
    "change_date_outside_cover",
    "The change must take effect within the cover, and cannot be in the past.",
    "La modifica deve avere effetto nel periodo di copertura e non può essere retrodatata.",
)


register(
    "already_sold",
    "This deal already has this product in force: policy {number}.",
    "Questa trattativa ha già questo prodotto in vigore: polizza {number}.",
)
register(
    "sale_key_taken",
    "This sale page cannot be used again: open the sale from the menu.",
    "Questa pagina di vendita non si può riutilizzare: aprire la vendita dal menu.",
)
register(
    "price_changed",
    "The price is now {now}, not the {shown} on the screen: show the customer the new "
    "price, then sell again.",
    "Il prezzo ora è {now}, non {shown} come sullo schermo: mostrare al cliente il nuovo "
    "prezzo, poi vendere di nuovo.",
)
register(
    "cover_needs_delivery_date",
    "The cover starts on the day the customer takes delivery: record the delivery date on "
    "the vehicle first.",
    "La copertura decorre dalla consegna del veicolo: registrare prima la data di consegna.",
)
register(
    "cover_over_before_sale",
    "Counted from delivery, the cover would already have ended on {end}.",
    "Contata dalla consegna, la copertura sarebbe già terminata il {end}.",
)
register(
    "cover_start_outside",
    "The cover can start today or on a day up to {days} days ahead.",
    "La copertura può decorrere da oggi o da un giorno entro i prossimi {days} giorni.",
)


register(
    "refund_after_claim",
    "A claim was made in this period: no refund.",
    "In questo periodo è stato denunciato un sinistro: nessun rimborso.",
)
register(
    "refund_pro_rata",
    "The premium for the {remaining} of {total} days left, less the fee of {fee}.",
    "Il premio per i {remaining} giorni rimanenti su {total}, meno il costo di {fee}.",
)
register(
    "refund_less_unpaid",
    "Less the {unpaid} of instalments not yet paid.",
    "Meno {unpaid} di rate non ancora pagate.",
)


# What a product's rules judge a sale on that the deal's own records already know: taken
# from the deal and the vehicle (and today) at every quote and sale, never from a field
# the browser posts back (a sale date typed a week early, a delivery typed a month late,
# a cash buyer typed as financed).


def record_facts(deal: Deal, product_code: str, on: date) -> dict[str, Any]:
    """The answers of `product_code` that come from the deal's records, as of `on`."""
    v = deal.vehicle
    known = {
        "sale_date": on, "delivery_date": v.delivery_date,
        "first_registration": v.first_registration_date or on, "vehicle_type": v.vehicle_type,
        "hire_and_reward": v.hire_and_reward, "finance_agreement": v.finance_type,
        "finance_term_months": v.finance_term_months,
    }  # fmt: skip
    # A product none of whose answers come from the records is absent; an unknown one is
    # an error.
    return {k: known[k] for k in product_definition(product_code).record_facts}


def with_record_facts(answers: dict[str, Any], deal: Deal, product_code: str, on: date):
    """`answers` with the record facts put in (a fact the record does not know, such as
    a delivery not yet booked, is left out rather than taken from the browser)."""
    facts = record_facts(deal, product_code, on)
    kept = {k: v for k, v in answers.items() if k not in facts}
    return {**kept, **{k: v for k, v in facts.items() if v is not None}}


@dataclass(frozen=True)
class SaleRequest:
    deal: Deal
    product_code: str
    answers: dict[str, Any]  # the product's validated questions (as the quote API takes them)
    payment_plan: str
    submission_key: str  # one per sale form shown: a second submit finds the first policy
    # The total the seller confirmed on the screen: a sale at any other price is refused.
    # None only for callers with no screen (the demo, jobs).
    shown_total: Decimal | None = None
    # The rates of this day price the sale: a valid quote's (policies.quote_store.quote_held).
    rates_on: date | None = None
    # What the product's proposal form asked at the sale (ProductDefinition.proposal_form).
    proposal: dict | None = None
    # What the policy's history says of its sale (an online one says so: policies.distance),
    # and whether the customer concluded it themselves (then no member of staff did).
    reason: str = "sold"
    by_customer: bool = False


def policy_for_key(sale: SaleRequest) -> Policy | None:
    """The policy an earlier submission of this very sale form made, if any (looked up
    within the deal and product only)."""
    return Policy.objects.filter(
        submission_key=sale.submission_key, deal_id=sale.deal.pk, product__code=sale.product_code
    ).first()


def policy_sell(*, sale: SaleRequest, sold_by: User, on: date | None = None) -> Policy:
    """Issue the policy: the quote priced again on the sale date, the disclosure and sale
    timing checked, a number taken, the breakdown, instalments and rate card kept. A second
    call with the same submission key returns the policy of the first; another sale of
    a product the deal already has in force is refused."""
    existing = policy_for_key(sale)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _sell(sale, sold_by, on or timezone.localdate())
    except IntegrityError:
        existing = policy_for_key(sale)
        if existing is not None:
            return existing
        if (live := _live_policy(sale.deal, sale.product_code)) is not None:
            raise SaleRefused([_already_sold(live, sold_by.language)]) from None
        if Policy.objects.filter(submission_key=sale.submission_key).exists():
            # Taken by another deal's sale: nothing of that sale is told.
            raise SaleRefused([refusal("sale_key_taken", sold_by.language)]) from None
        raise


def _live_policy(deal: Deal, product_code: str) -> Policy | None:
    return Policy.objects.filter(
        deal_id=deal.pk, product__code=product_code, status=PolicyStatus.LIVE
    ).first()


def _already_sold(policy: Policy, lang: str) -> Refusal:
    return refusal("already_sold", lang, number=policy.number)


def _sell(sale: SaleRequest, sold_by: User, on: date) -> Policy:
    deal = deals_for(sold_by).select_for_update(of=("self",)).get(pk=sale.deal.pk)
    lang = sold_by.language
    product = product_get(sale.product_code)
    dealer = deal.dealer
    if (product.market, product.brand) != (dealer.market, dealer.brand) or not product.active:
        raise SaleRefused([refusal("product_not_sold_here", lang)])
    if deal.customer.erased_at is not None:
        raise SaleRefused([refusal("customer_erased", lang)])
    if (live := _live_policy(deal, product.code)) is not None:
        raise SaleRefused([_already_sold(live, lang)])
    answers = {**with_record_facts(sale.answers, deal, product.code, on), "product": product.code}
    quote = quote_calculate(
        product_code=product.code, inputs=inputs_from_answers(answers), on=sale.rates_on or on,
        region=answers.get("state") or "", lang=lang,
    )  # fmt: skip
    refusals = list(quote.refusals) + sale_timing_check(
        deal=deal, product=product, on=on, lang=lang
    )
    plan = next((p for p in quote.plans if p.option.plan == sale.payment_plan), None)
    if quote.eligible and plan is None:
        refusals.append(refusal("plan_not_offered", lang))
    if plan is not None and sale.shown_total is not None and plan.option.total != sale.shown_total:
        refusals.append(refusal(
            "price_changed", lang, shown=format_money(sale.shown_total, product.currency),
            now=format_money(plan.option.total, product.currency),
        ))  # fmt: skip
    term = term_months(answers)
    dates, date_refusals = cover_dates_for(product, deal, answers, term, on, lang)
    if refusals or date_refusals:
        raise SaleRefused(refusals + date_refusals)
    start, end = dates
    policy = Policy(
        number=_next_number(product), product=product, dealer=deal.dealer, deal=deal,
        customer=deal.customer, vehicle=deal.vehicle, sold_by=sold_by, sold_at=timezone.now(),
        start_date=start, end_date=end, term_months=term,
        payment_plan=sale.payment_plan, currency=product.currency,
        net_premium=plan.breakdown.net, tax_total=plan.breakdown.tax_total,
        fee_total=sum((f.amount for f in plan.breakdown.fees), ZERO),
        total_premium=plan.breakdown.total,
        breakdown=breakdown_json(plan), answers=answers_encoded(product.code, answers),
        answers_version=stored_schema(product.code).version, proposal=sale.proposal or {},
        rate_card=quote.rate_card, submission_key=sale.submission_key,
        commission=round_money(
            commission_rate(product.pk, deal.dealer_id, on) * plan.breakdown.net
        ),
    )  # fmt: skip
    policy_move(policy, "sell", by=None if sale.by_customer else sold_by, reason=sale.reason)
    Instalment.objects.bulk_create(
        Instalment(policy=policy, sequence=i, due_date=add_months(start, i - 1), amount=amount)
        for i, amount in enumerate(plan.option.instalments, start=1)
    )
    offer_decide(deal=deal, product=product, decision=Decision.ACCEPTED, decided_by=sold_by)
    policy_event_send(policy=policy, event=PolicyEvent.SALE, by=sold_by)  # its emails
    return policy


class CoverStart(StrEnum):
    """Product setting `cover_start`: when a new policy's cover begins."""

    SALE = "sale"  # the day of the sale
    DELIVERY = "delivery"  # the day the customer takes delivery (Asset Protector, seed 000)
    CHOSEN = "chosen"  # a day the customer chooses, usually collection (motor)


def cover_start_rule(product: Product) -> tuple[CoverStart, int]:
    """(how cover starts, how many days ahead a chosen start may be)."""
    config = settings_of(product)
    return (CoverStart(config.get("cover_start", CoverStart.SALE)),
            int(config.get("cover_start_max_days_ahead", 0)))  # fmt: skip


def cover_dates_for(
    product: Product, deal: Deal, answers: dict[str, Any], term: int, on: date, lang: str
) -> tuple[tuple[date, date], list[Refusal]]:
    """((start, end), refusals) of a policy sold on `on`, by the product's rule."""
    rule, days_ahead = cover_start_rule(product)
    if rule is CoverStart.DELIVERY:
        delivery = deal.vehicle.delivery_date
        if delivery is None:
            return (on, on), [refusal("cover_needs_delivery_date", lang)]
        end = add_months(delivery, term)  # the term counts from delivery, whenever sold
        if end <= on:
            return (on, on), [refusal("cover_over_before_sale", lang, end=end.strftime("%d/%m/%Y"))]
        return (max(delivery, on), end), []
    if rule is CoverStart.CHOSEN:
        start = answers.get("cover_start") or on
        if not on <= start <= on + timedelta(days=days_ahead):
            return (on, on), [refusal("cover_start_outside", lang, days=days_ahead)]
        return (start, add_months(start, term)), []
    return (on, add_months(on, term)), []


def policy_preview(
    *,
    deal: Deal,
    product: Product,
    answers: dict[str, Any],
    quote: Any,
    plan: str,
    on: date,
    lang: str,
) -> Policy:
    """The policy these answers would make if sold on `on`: unsaved, with no number. What
    the menu's cover comparison and the quote given to the customer describe, read by
    the same document content as the policy's own documents, so that they say the same."""
    answers = {**with_record_facts(answers, deal, product.code, on), "product": product.code}
    term = term_months(answers)
    (start, end), _refusals = cover_dates_for(product, deal, answers, term, on, lang)
    priced = next((p for p in getattr(quote, "plans", ()) if p.option.plan == plan), None)
    return Policy(
        product=product, dealer=deal.dealer, deal=deal, customer=deal.customer,
        vehicle=deal.vehicle, start_date=start, end_date=end, term_months=term,
        payment_plan=plan, currency=product.currency,
        net_premium=priced.breakdown.net if priced else ZERO,
        tax_total=priced.breakdown.tax_total if priced else ZERO,
        total_premium=priced.breakdown.total if priced else ZERO,
        breakdown=breakdown_json(priced) if priced else {},
        answers=answers_encoded(product.code, answers),
        answers_version=stored_schema(product.code).version,
    )  # fmt: skip


def _next_number(product: Product) -> str:
    return policy_numbers_take(product, 1)[0]


def policy_numbers_take(product: Product, n: int) -> list[str]:
    """The next `n` numbers PREFIX-000123, per product (and so per market), under a row
    lock held until the caller's transaction ends: take them as late in it as possible."""
    PolicyNumberSequence.objects.get_or_create(product=product)
    sequence = PolicyNumberSequence.objects.select_for_update().get(product=product)
    first = sequence.last_number + 1
    sequence.last_number += n
    sequence.save(update_fields=["last_number"])
    prefix = settings_of(product).get("policy_number_prefix") or product.code.upper()
    return [f"{prefix}-{number:06d}" for number in range(first, first + n)]


def breakdown_json(plan: PlanQuote) -> dict[str, Any]:
    b: Breakdown = plan.breakdown
    return {
        "components": [{"code": c.code, "label": c.label, "amount": str(c.amount)}
                       for c in b.components],
        "net_premium": str(b.net),
        "taxes": [{"code": t.code, "label": t.label, "rate": str(t.rate), "base": str(t.base),
                   "amount": str(t.amount)} for t in b.taxes],
        "fees": [{"code": f.code, "label": f.label, "amount": str(f.amount)} for f in b.fees],
        "total": str(b.total),
        "plan": plan.option.plan,
        "discount": str(plan.option.discount),
    }  # fmt: skip


def answers_json(answers: dict[str, Any]) -> dict[str, Any]:
    """Answers ready for JSON (a quote request's body, a change's details): dates as ISO
    strings, Decimals as strings. A policy's answers are stored by its product's schema
    (policies/stored_answers.py)."""
    return {k: json_ready(v) for k, v in answers.items()}
