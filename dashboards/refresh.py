"""Rebuild the dashboards' monthly summaries from the records, inside the database.

Each summary is emptied and filled again by one INSERT ... SELECT ... GROUP BY, all in one
transaction: a page reads either the old figures or the new, never half of each, and two
rebuilds at once wait for each other (the Refresh row's lock). Readings:
- gross written premium is the net premium (before tax); renewals are written premium
  too, shown apart from new business;
- penetration counts, per month of the deal, deals (not cancelled) that bought the product
  as new business, over the deals of the month;
- a policy "renews" as policies.selectors.policy_renews says (the product renews, for the
  terms it renews); it is due in the month its period ends;
- claims belong to the month they were notified; paid is what was settled; incurred adds
  what is approved and not yet paid;
- a cancellation is within the cooling-off period when cancelled on or before start of
  cover + the product's `cooling_off_days` (servicing.cancellation.cooling_off_ends);
  the value measures' summaries are read as dashboards/value_refresh.py says.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Decision
from dealers.models import Deal, DealStatus
from policies.models import Offer, Policy, PolicyStatus, Product
from policies.selectors import settings_of

from .models import (
    CancellationMonth,
    ClaimMonth,
    DealMonth,
    DeclineMonth,
    OfferMonth,
    Refresh,
    RenewalMonth,
    SalesMonth,
)
from .value_refresh import VALUE_SOURCES, VALUE_SUMMARIES


def insert_select(model, queryset: QuerySet, columns: dict[str, str]) -> int:
    """INSERT INTO the model's table the rows of a values().annotate() query; `columns`
    maps each selected name of the query to the model's column it fills."""
    query = queryset.query
    # the SELECT's order: values() keeps the order it is given (Django 5.2), then aggregates
    order = list(query.selected or [*query.values_select, *query.annotation_select])
    quote = connection.ops.quote_name
    targets = ", ".join(quote(columns[name]) for name in order)
    try:
        select, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. no product renews yet (a fresh install): no rows
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({targets}) {select}", params)
        return cursor.rowcount


def month(field: str):
    return TruncMonth(field, output_field=DateField())


def _sales() -> tuple:
    rows = (
        Policy.objects.annotate(
            m=month("sold_at"),
            mk=F("dealer__market"),
            ren=Case(When(renewed_from__isnull=False, then=True), default=False),
        )
        .values("m", "mk", "dealer_id", "currency", "product_id", "sold_by_id", "ren")
        .annotate(
            n=Count("id"), net=Sum("net_premium"), tot=Sum("total_premium"), com=Sum("commission")
        )
        .order_by()
    )
    return (
        SalesMonth,
        rows,
        {
            "m": "month",
            "mk": "market",
            "dealer_id": "dealer_id",
            "currency": "currency",
            "product_id": "product_id",
            "sold_by_id": "seller_id",
            "ren": "renewal",
            "n": "policies",
            "net": "net_premium",
            "tot": "total_premium",
            "com": "commission",
        },
    )


def _deals() -> tuple:
    rows = (
        Deal.objects.exclude(status=DealStatus.CANCELLED)
        .annotate(m=month("deal_date"), mk=F("dealer__market"), br=F("dealer__brand"))
        .values("m", "mk", "br", "dealer_id", "salesperson_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return (
        DealMonth,
        rows,
        {
            "m": "month",
            "mk": "market",
            "br": "brand",
            "dealer_id": "dealer_id",
            "salesperson_id": "seller_id",
            "n": "deals",
        },
    )


DEAL_KEYS = {
    "m": "month",
    "mk": "market",
    "dl": "dealer_id",
    "sp": "seller_id",
    "product_id": "product_id",
}


def _offers() -> tuple:
    rows = (
        Offer.objects.exclude(deal__status=DealStatus.CANCELLED)
        .annotate(
            m=month("deal__deal_date"),
            mk=F("deal__dealer__market"),
            dl=F("deal__dealer_id"),
            sp=F("deal__salesperson_id"),
        )
        .values("m", "mk", "dl", "sp", "product_id")
        .annotate(off=Count("id"), dec=Count("id", filter=Q(decision="declined")))
        .order_by()
    )
    return OfferMonth, rows, {**DEAL_KEYS, "off": "offered", "dec": "declined"}


def _deals_sold() -> tuple:
    rows = (
        Policy.objects.filter(renewed_from__isnull=True)
        .exclude(deal__status=DealStatus.CANCELLED)
        .annotate(
            m=month("deal__deal_date"),
            mk=F("dealer__market"),
            dl=F("deal__dealer_id"),
            sp=F("deal__salesperson_id"),
        )
        .values("m", "mk", "dl", "sp", "product_id")
        .annotate(sold=Count("deal_id", distinct=True))
        .order_by()
    )
    return OfferMonth, rows, {**DEAL_KEYS, "sold": "deals_sold"}


def _declines() -> tuple:
    rows = (
        Offer.objects.filter(decision="declined")
        .exclude(deal__status=DealStatus.CANCELLED)
        .annotate(
            m=month("deal__deal_date"),
            mk=F("deal__dealer__market"),
            dl=F("deal__dealer_id"),
            sp=F("deal__salesperson_id"),
        )
        .values("m", "mk", "dl", "sp", "product_id", "reason_code")
        .annotate(n=Count("id"))
        .order_by()
    )
    return DeclineMonth, rows, {**DEAL_KEYS, "reason_code": "reason_code", "n": "declines"}


POLICY_KEYS = {
    "m": "month",
    "mk": "market",
    "dealer_id": "dealer_id",
    "currency": "currency",
    "product_id": "product_id",
    "sold_by_id": "seller_id",
}


def within_cooling_off() -> Q:
    """Cancelled on or before the last day of the product's cooling-off period (start of
    cover + its `cooling_off_days`, servicing.cancellation.cooling_off_ends), as a query; a
    product without the setting has no cooling-off."""
    q = Q(pk__isnull=True)  # nothing
    for product in Product.objects.all():
        days = settings_of(product).get("cooling_off_days")
        if days is not None:
            ends = ExpressionWrapper(F("start_date") + timedelta(days=int(days)), DateField())
            q |= Q(product=product, cancelled_on__lte=ends)
    return q


def _cancellations() -> tuple:
    within = within_cooling_off()
    rows = (
        Policy.objects.filter(status=PolicyStatus.CANCELLED, cancelled_on__isnull=False)
        .annotate(m=month("cancelled_on"), mk=F("dealer__market"))
        .values("m", "mk", "dealer_id", "currency", "product_id", "sold_by_id")
        .annotate(
            n=Count("id"),
            win=Count("id", filter=within),
            aft=Count("id", filter=~within),
            ref=Coalesce(Sum("refund"), 0, output_field=Policy._meta.get_field("refund")),
        )
        .order_by()
    )
    return (
        CancellationMonth,
        rows,
        {
            **POLICY_KEYS,
            "n": "cancellations",
            "win": "within_cooling_off",
            "aft": "after_cooling_off",
            "ref": "refunds",
        },
    )


def renewing() -> Q:
    """The policies that renew (policies.selectors.policy_renews, as a query)."""
    q = Q(pk__in=[])
    for product in Product.objects.filter(renewable=True):
        terms = settings_of(product).get("renewal_terms_months")
        q |= Q(product=product, **({"term_months__in": terms} if terms else {}))
    return q


def _renewals() -> tuple:
    statuses = [PolicyStatus.LIVE, PolicyStatus.RENEWED, PolicyStatus.LAPSED]
    rows = (
        Policy.objects.filter(renewing(), status__in=statuses)
        .annotate(m=month("end_date"), mk=F("dealer__market"))
        .values("m", "mk", "dealer_id", "currency", "product_id", "sold_by_id")
        .annotate(
            due=Count("id"),
            ren=Count("id", filter=Q(status=PolicyStatus.RENEWED)),
            lap=Count("id", filter=Q(status=PolicyStatus.LAPSED)),
            prem=Sum("total_premium"),
        )
        .order_by()
    )
    return (
        RenewalMonth,
        rows,
        {**POLICY_KEYS, "due": "due", "ren": "renewed", "lap": "lapsed", "prem": "premium_due"},
    )


def _claims() -> tuple:
    open_statuses = [ClaimStatus.NOTIFIED, ClaimStatus.UNDER_ASSESSMENT, ClaimStatus.APPROVED]
    money = Claim._meta.get_field("settled_amount")
    rows = (
        Claim.objects.annotate(
            m=month("notified_at"),
            mk=F("dealer__market"),
            pr=F("policy__product_id"),
            sb=F("policy__sold_by_id"),
        )
        .values("m", "mk", "dealer_id", "currency", "pr", "sb")
        .annotate(
            n=Count("id"),
            dec=Count("id", filter=Q(decision=Decision.DECLINED)),
            opn=Count("id", filter=Q(status__in=open_statuses)),
            paid=Coalesce(Sum("settled_amount"), 0, output_field=money),
            unpaid=Coalesce(
                Sum("approved_amount", filter=Q(status=ClaimStatus.APPROVED)), 0, output_field=money
            ),
        )
        .order_by()
    )
    return (
        ClaimMonth,
        rows,
        {
            "m": "month",
            "mk": "market",
            "dealer_id": "dealer_id",
            "currency": "currency",
            "pr": "product_id",
            "sb": "seller_id",
            "n": "claims",
            "dec": "declined",
            "opn": "open",
            "paid": "paid",
            "unpaid": "approved_unpaid",
        },
    )


SOURCES = (
    _sales,
    _deals,
    _offers,
    _deals_sold,
    _declines,
    _cancellations,
    _renewals,
    _claims,
    *VALUE_SOURCES,
)
SUMMARIES = (
    SalesMonth,
    DealMonth,
    OfferMonth,
    DeclineMonth,
    CancellationMonth,
    RenewalMonth,
    ClaimMonth,
    *VALUE_SUMMARIES,
)


def dashboards_refresh(*, unless_newer_than: timedelta | None = None) -> Refresh:
    """Rebuild every summary from the records, in one transaction; returns the record.
    With `unless_newer_than`, a rebuild finished that recently (by another request that
    held the lock first) is kept instead."""
    started, t0 = timezone.now(), time.perf_counter()
    with transaction.atomic():
        lock = Refresh.objects.select_for_update().order_by("pk").first()  # a rebuild at a time
        if _newer_than(lock, unless_newer_than):
            return lock  # rebuilt while this request waited for the lock
        for model in SUMMARIES:
            model.objects.all().delete()
        for source in SOURCES:
            insert_select(*source())
        record = lock or Refresh(started_at=started)
        record.started_at, record.finished_at = started, timezone.now()
        record.seconds = time.perf_counter() - t0
        record.save()
    return record


def _newer_than(record: Refresh | None, age: timedelta | None) -> bool:
    if age is None or record is None or record.finished_at is None:
        return False
    return timezone.now() - record.finished_at < age


def last_refresh() -> Refresh | None:
    return Refresh.objects.filter(finished_at__isnull=False).first()


def refreshes_on_read() -> bool:
    """Whether a page brings the summaries up to date itself: with no broker there is no
    beat to do it (the embedded default of `make run`)."""
    return settings.DASHBOARDS_REFRESH_ON_READ


def summaries_for_reading() -> Refresh | None:
    """The refresh a page's figures come from. Where pages refresh on read, summaries older
    than DASHBOARDS_REFRESH_SECONDS (or never built) are rebuilt first."""
    last = last_refresh()
    if not refreshes_on_read():
        return last
    period = timedelta(seconds=settings.DASHBOARDS_REFRESH_SECONDS)
    if last is None or timezone.now() - last.finished_at >= period:
        return dashboards_refresh(unless_newer_than=period)
    return last
