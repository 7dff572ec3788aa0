"""The demo's book of business: for the demo deals, products offered, sold or declined
with a reason; some policies cancelled, some claims notified and settled, and 18 months
of the daily renewal job run. Everything goes through the services (a sale is priced,
numbered and recorded as staff would make it), without emailing the made-up customers
(documents.emails.quiet). Seeded, so every load gives the same book.

The figures are ILLUSTRATIVE: take-up rates and claims are made up for the dashboards.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from claims.assessment import assess
from claims.forms import form_for
from claims.models import Claim
from claims.services import claim_move, claim_notify
from dealers.models import Deal, DealStatus, Role, User
from documents.emails import quiet
from policies.disclosure import disclosure_acknowledge, disclosure_give, offer_decide
from policies.models import DeclineReason, Policy, Product
from policies.refusals import SaleRefused
from policies.renewals import renewals_run
from policies.rules.common import add_months
from policies.sales import SaleRequest, policy_sell
from policies.selectors import NotConfigured, fee_in_force
from policies.transitions import policies_move
from products.registry import product_definition
from servicing.cancellation import cancelled_extras_of

from .data import SEED

CANCELLED_SHARE, CLAIM_SHARE, AUTO_RENEW_SHARE = 0.06, 0.08, 0.6
REASONS = [r for r in DeclineReason.values]


@transaction.atomic
def load_book(*, today: date) -> dict[str, int]:
    """Offers, sales, cancellations, claims and renewals for the demo deals."""
    counts = {"policies sold": 0, "offers declined": 0, "policies cancelled": 0, "claims": 0}
    handler = User.objects.filter(role=Role.HEAD_OFFICE).order_by("pk").first()
    with quiet():
        for deal in (
            Deal.objects.select_related("dealer", "vehicle", "customer", "salesperson")
            .exclude(status=DealStatus.CANCELLED)
            .order_by("pk")
        ):
            rng = random.Random(f"{SEED}:book:{deal.pk}")  # nosec B311 # repeatable demo data
            for product in Product.objects.filter(
                market=deal.dealer.market, brand=deal.dealer.brand, active=True
            ).order_by("code"):
                _offer(rng, deal, product, today, counts, handler)
        start = today - timedelta(days=540)
        for n in range((today - start).days + 1):
            renewals_run(on=start + timedelta(days=n), started_by="demo")
    for renewed in Policy.objects.filter(renewed_from__isnull=False):  # written back then
        sold_at = timezone.make_aware(datetime.combine(renewed.start_date, time(6)))
        Policy.objects.filter(pk=renewed.pk).update(sold_at=sold_at)
    counts["renewals"] = Policy.objects.filter(renewed_from__isnull=False).count()
    return counts


def _offer(rng, deal: Deal, product: Product, today: date, counts, handler) -> None:
    demo = product_definition(product.code).demo  # how the product sells (catalog/...)
    if demo is None:
        return  # the demo book does not sell it
    if rng.random() > demo.take_up:
        reason = rng.choice(REASONS)
        offer_decide(
            deal=deal,
            product=product,
            decision="declined",
            reason_code=reason,
            reason="Said so at the handover." if reason == "other" else "",
            decided_by=deal.salesperson,
        )
        counts["offers declined"] += 1
        return
    sold_on = demo.sold_on(deal) if demo.sold_on else deal.deal_date
    if sold_on is None or sold_on > today:
        return
    disclosure_give(
        deal=deal,
        product=product,
        document="IPID (demo)",
        how="in_person",
        given_by=deal.salesperson,
        on=sold_on - timedelta(days=3),
    )
    disclosure_acknowledge(deal=deal, product=product, acknowledged_by=deal.salesperson)
    answers = demo.answers(rng, deal, sold_on)
    plan = rng.choice(demo.plans)
    try:
        policy = policy_sell(
            sale=SaleRequest(
                deal,
                product.code,
                answers,
                plan,
                f"demo-{deal.pk}-{product.code}",
                proposal=demo.proposal(rng, deal, sold_on) if demo.proposal else None,
            ),
            sold_by=deal.salesperson,
            on=sold_on,
        )
    except SaleRefused:
        return  # the demo vehicle is outside the product's rules
    counts["policies sold"] += 1
    sold_at = timezone.make_aware(datetime.combine(sold_on, time(11)))
    Policy.objects.filter(pk=policy.pk).update(sold_at=sold_at)  # recorded on the day
    if product.renewable and rng.random() < AUTO_RENEW_SHARE:
        Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
    if rng.random() < CANCELLED_SHARE:
        counts["policies cancelled"] += _cancel(rng, policy, today)
    elif rng.random() < CLAIM_SHARE and handler is not None:
        counts["claims"] += _claim(rng, policy, today, handler)


def _cancel(rng, policy: Policy, today: date) -> int:
    """Cancelled some weeks into the cover (written as it would have been on that day:
    the service itself refuses a backdated cancellation)."""
    on = policy.start_date + timedelta(days=rng.randint(20, 150))
    if on >= min(today, policy.end_date):
        return 0
    try:
        fee = fee_in_force(policy.product, "cancellation", on).amount
    except NotConfigured:
        fee = Decimal("0")
    days = (policy.end_date - policy.start_date).days
    left = Decimal(days - (on - policy.start_date).days) / days
    refund = max(Decimal(0), policy.total_premium * left - fee).quantize(Decimal("0.01"))
    reason = "Sold the car (demo)"
    moved = policies_move(
        Policy.objects.filter(pk=policy.pk), "cancel", reason=reason,
        cancelled_on=on, refund=refund, cancellation_fee=fee, cancellation_reason=reason,
        cancelled_extras=cancelled_extras_of(policy),
    )  # fmt: skip
    return len(moved)


def _claim(rng, policy: Policy, today: date, handler: User) -> int:
    event_facts = product_definition(policy.product.code).demo.claim
    loss = policy.start_date + timedelta(days=rng.randint(10, 200))
    if event_facts is None or loss >= min(today, policy.end_date):
        return 0
    event, facts = event_facts
    data = {
        "event": event,
        "loss_date": loss.isoformat(),
        "description": "",
        "reported_date": (loss + timedelta(days=2)).isoformat(),
        **facts,
        "aware_date": loss.isoformat(),
        "state": policy.answers.get("state", ""),
    }
    form = form_for(policy, data)
    if not form.is_valid():
        return 0
    claim = claim_notify(policy=policy, form=form, notified_by=policy.sold_by)
    reported = timezone.make_aware(datetime.combine(loss + timedelta(days=2), time(10)))
    Claim.objects.filter(pk=claim.pk).update(notified_at=reported)  # notified back then
    if add_months(loss, 1) < today:  # a month on, it is decided and paid
        claim = claim_move(claim=claim, action="assess", by=handler)
        payable = assess(claim).payable
        claim = claim_move(claim=claim, action="approve", by=handler, amount=payable)
        claim_move(
            claim=claim,
            action="settle",
            by=handler,
            amount=payable,
            payee=str(policy.customer),
            on=min(today, loss + timedelta(days=30)),
        )
    return 1
