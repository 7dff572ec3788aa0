"""A UK GAP sale at a distance (FCA ICOBS 6A.1; issue 20). When the seller gives the
customer the product information of a product whose sale is deferred, the price on the
screen is held (`distance_offer_make`) and the information is emailed to the customer
(documents subscribes to `distance_offer_made`). The customer concludes the sale on their
own page (`distance_accept`): from the day the deferral ends, or at their written request
from the day after the information. The policy is a normal one, sold by the seller who
gave the information, at the price held, priced on the rates of the day it was given."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.models import Deal, User
from dealers.selectors import scoped

from .disclosure import deferral_rule
from .models import Disclosure, DistanceOffer, Policy, PolicyStatus
from .rules.sale_timing import earliest_sale
from .sales import SaleRequest, policy_sell, term_months
from .selectors import settings_of
from .stored_answers import answers_decoded, answers_encoded, stored_schema

# An offer made (offer=): documents emails the information to the customer on commit.
distance_offer_made = Signal()


class NotOffered(Exception):
    """The customer cannot conclude this sale online today (the message says why)."""


def distance_offer_make(
    *, disclosure: Disclosure, answers: dict[str, Any], plan: str, total, package: str = "",
) -> DistanceOffer | None:  # fmt: skip
    """Hold the price of `answers` (the sale page's, with the way of paying `plan` at
    `total`) for the customer to buy online, if the product defers its sale; once for a
    disclosure (given again, the first offer stands). None: no deferral, nothing held."""
    product = disclosure.product
    rule = deferral_rule(product)
    if not rule.clear_days:
        return None
    if (done := DistanceOffer.objects.filter(disclosure=disclosure).first()) is not None:
        return done
    given = disclosure.given_on
    config = settings_of(product)
    concludes = earliest_sale(given, rule)
    held = max(given + timedelta(days=int(config.get("distance_price_hold_days", 30))), concludes)
    with transaction.atomic():
        offer = DistanceOffer.objects.create(
            disclosure=disclosure, deal=disclosure.deal, product=product,
            given_by=disclosure.given_by, given_on=given,
            answers=answers_encoded(product.code, answers),
            answers_version=stored_schema(product.code).version, package=package,
            payment_plan=plan, total=total, term_months=term_months(answers),
            currency=product.currency, concludes_from=concludes,
            early_from=min(given + timedelta(days=rule.waiver_after_days), concludes),
            held_until=held, emailed_to=disclosure.deal.customer.email,
        )  # fmt: skip
        distance_offer_made.send(sender=DistanceOffer, offer=offer)
    return offer


def distance_accept(*, offer: DistanceOffer, on: date, early_request: str = "") -> Policy:
    """The customer concludes the sale online on `on`: from `concludes_from`, or from
    `early_from` with their request in their own words (`early_request`, kept as the
    written confirmation the rule asks for). Accepted twice, the first policy."""
    with transaction.atomic():
        offer = DistanceOffer.objects.select_for_update().select_related(
            "deal__customer", "product", "given_by", "disclosure").get(pk=offer.pk)  # fmt: skip
        if offer.policy_id:
            return offer.policy
        early_request = early_request.strip()
        _check(offer, on, early_request)
        disclosure = offer.disclosure
        disclosure.acknowledged_at = timezone.now()
        disclosure.customer_initiated_on = on if on < offer.concludes_from else None
        disclosure.written_confirmation = early_request if disclosure.customer_initiated_on else ""
        disclosure._history_user = None
        disclosure._change_reason = "acknowledged by the customer, on their page"
        disclosure.save()
        answers = answers_decoded(offer.product.code, offer.answers, offer.answers_version)
        sale = SaleRequest(
            offer.deal, offer.product.code, answers, offer.payment_plan,
            f"distance:{offer.pk}", offer.total, offer.given_on, None,
            reason="sold online: concluded by the customer, on their page", by_customer=True,
        )  # fmt: skip
        policy = policy_sell(sale=sale, sold_by=offer.given_by, on=on)
        offer.policy = policy
        offer.accepted_at = timezone.now()
        offer.accepted_early = disclosure.customer_initiated_on is not None
        offer.save(update_fields=["policy", "accepted_at", "accepted_early"])
        return policy


def _check(offer: DistanceOffer, on: date, early_request: str) -> None:
    if offer.deal.customer.erased_at is not None or on > offer.held_until:
        raise NotOffered(_("This price is no longer held: contact your dealer for a new one."))
    if _sold_at_the_desk(offer):
        raise NotOffered(_("You already have this cover: it was sold at your dealer's."))
    if on < offer.early_from:
        raise NotOffered(_("You can buy this cover from %(day)s.")
                         % {"day": offer.concludes_from.strftime("%d/%m/%Y")})  # fmt: skip
    if on < offer.concludes_from and not early_request:
        raise NotOffered(_("To buy before %(day)s, ask for it in your own words below.")
                         % {"day": offer.concludes_from.strftime("%d/%m/%Y")})  # fmt: skip


def _sold_at_the_desk(offer: DistanceOffer) -> bool:
    return Policy.objects.filter(deal_id=offer.deal_id, product_id=offer.product_id,
                                 status=PolicyStatus.LIVE).exists()  # fmt: skip


def offers_of_customer(customer) -> QuerySet[DistanceOffer]:
    return DistanceOffer.objects.filter(deal__customer=customer).select_related(
        "product", "deal__vehicle", "policy")  # fmt: skip


def offers_for(user: User) -> QuerySet[DistanceOffer]:
    """The follow-up list of `user`: their dealer's (a manager's group, head office all)."""
    deals = scoped(Deal.objects.all(), user)
    return (DistanceOffer.objects.filter(deal__in=deals)
            .select_related("product", "deal__customer", "deal__vehicle", "given_by", "policy")
            .order_by("-given_on", "-pk"))  # fmt: skip


def sold_at_the_desk(offers: list[DistanceOffer]) -> set[int]:
    """The ids of those of `offers` whose product the deal has in force, not sold by them."""
    deals = {o.deal_id for o in offers}
    live = set(Policy.objects.filter(deal_id__in=deals, status=PolicyStatus.LIVE)
               .values_list("deal_id", "product_id"))  # fmt: skip
    return {o.pk for o in offers if not o.policy_id and (o.deal_id, o.product_id) in live}


def reminders_due(on: date) -> tuple[list[DistanceOffer], list[DistanceOffer]]:
    """(offers whose customer may buy from today, not yet told; offers whose price lapses
    within the product's `distance_lapse_reminder_days`, not yet reminded), none accepted."""
    open_ = (DistanceOffer.objects.filter(policy__isnull=True, held_until__gte=on)
             .select_related("product", "deal__customer__dealer"))  # fmt: skip
    ready = [o for o in open_.filter(reminded_ready_on__isnull=True, concludes_from__lte=on)]
    lapsing = [o for o in open_.filter(reminded_lapse_on__isnull=True)
               if on >= o.held_until - timedelta(days=_lapse_days(o))]  # fmt: skip
    sold = sold_at_the_desk(ready + lapsing)
    return ([o for o in ready if o.pk not in sold],
            [o for o in lapsing if o.pk not in sold and o not in ready])  # fmt: skip


def _lapse_days(offer: DistanceOffer) -> int:
    return int(settings_of(offer.product).get("distance_lapse_reminder_days", 5))
