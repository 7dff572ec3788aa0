"""The value measures from the monthly summaries, grouped by product, by dealer and
product, or by month and product (a product has one currency: money is never added
across currencies). Shares are Decimal, None where there is nothing to divide by.

Readings of SUP 16 Annex 48BG (head office to confirm; the page shows each beside it):
the definitions are in dashboards/value/tables.py, DEFINITIONS.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from dealers.models import User
from dealers.money import round_money
from policies.rules.common import add_months

from ..filters import DashboardFilter
from ..models import (
    CancellationMonth,
    ClaimEventMonth,
    ComplaintMonth,
    OfferMonth,
    PolicyFlowMonth,
    SalesMonth,
)
from ..selectors import rows_of, share

BY_PRODUCT = ("product_id",)
BY_DEALER = ("dealer_id", "product_id")
BY_MONTH = ("month", "product_id")

# summary, its rows counted, the sums taken
SOURCES = (
    (SalesMonth, {}, dict(written=Sum("policies"), gwp=Sum("net_premium"),
                          commission=Sum("commission"))),
    (OfferMonth, {}, dict(offered=Sum("offered"), declined_offers=Sum("declined"))),
    (CancellationMonth, {}, dict(within=Sum("within_cooling_off"),
                                 after=Sum("after_cooling_off"))),
    (ClaimEventMonth, {}, dict(registered=Sum("registered"), withdrawn=Sum("withdrawn"),
                               accepted=Sum("accepted"), declined=Sum("declined"),
                               settled=Sum("settled"), paid=Sum("paid"))),
    (ComplaintMonth, {"category": "claim"}, dict(claim_complaints=Sum("complaints"))),
)  # fmt: skip
FIGURES = [name for _model, _where, sums in SOURCES for name in sums]


def figures(user: User, filters: DashboardFilter, group: tuple[str, ...]) -> dict[tuple, dict]:
    """Every figure of the period by `group`, with the policies in force at its start and
    end ({key: {figure: value}}), from one query a summary."""
    found: dict[tuple, dict] = {}
    for model, where, sums in SOURCES:
        rows = rows_of(model, user, filters).filter(**where).values(*group).annotate(**sums)
        for r in rows.order_by():
            found.setdefault(tuple(r[g] for g in group), {}).update({k: r[k] for k in sums})
    if "month" in group:
        _in_force_by_month(found, user, filters)
    else:
        _in_force(found, user, filters, group)
    return found


def flows_until_end(user: User, filters: DashboardFilter):
    """Policy starts and ends of every month up to the period's end (in force at a month's
    start is everything that started before it less everything that ended before it)."""
    rows = PolicyFlowMonth.objects.filter(month__lte=filters.period[1])
    if filters.dealer_ids is not None:
        rows = rows.filter(dealer_id__in=filters.dealer_ids)
    return filters.filter_queryset(rows) if filters.form.is_valid() else rows


def _in_force(found: dict, user: User, filters: DashboardFilter, group: tuple) -> None:
    before = Q(month__lt=filters.period[0])
    rows = flows_until_end(user, filters).values(*group).annotate(
        s0=Sum("started", filter=before), e0=Sum("ended", filter=before),
        s1=Sum("started"), e1=Sum("ended"),
    )  # fmt: skip
    for r in rows.order_by():
        start, end = (r["s0"] or 0) - (r["e0"] or 0), (r["s1"] or 0) - (r["e1"] or 0)
        key = tuple(r[g] for g in group)
        if start or end or key in found:
            found.setdefault(key, {}).update(in_force_start=start, in_force_end=end)


def months_of(period: tuple[date, date]) -> list[date]:
    months, month = [], period[0]
    while month <= period[1]:
        months.append(month)
        month = add_months(month, 1)
    return months


def _in_force_by_month(found: dict, user: User, filters: DashboardFilter) -> None:
    net: dict[int, dict[date, int]] = {}  # product: {month: started - ended}
    rows = flows_until_end(user, filters).values("month", "product_id")
    for r in rows.annotate(s=Sum("started"), e=Sum("ended")).order_by():
        by_month = net.setdefault(r["product_id"], {})
        by_month[r["month"]] = by_month.get(r["month"], 0) + r["s"] - r["e"]
    months = months_of(filters.period)
    for product_id, by_month in net.items():
        in_force = sum(n for m, n in by_month.items() if m < months[0])
        for month in months:
            start, in_force = in_force, in_force + by_month.get(month, 0)
            if start or in_force or (month, product_id) in found:
                found.setdefault((month, product_id), {}).update(
                    in_force_start=start, in_force_end=in_force
                )


def measures(f: dict) -> dict:
    """The value measures of one row's figures (SUP 16 Annex 48BG, as read in DEFINITIONS)."""
    n = {k: f.get(k) or 0 for k in (*FIGURES, "in_force_start", "in_force_end")}
    in_force = Decimal(n["in_force_start"] + n["in_force_end"]) / 2
    return {
        **n,
        "in_force": in_force,
        "claims_frequency": share(n["registered"] - n["withdrawn"], in_force),
        "acceptance": share(n["accepted"], n["accepted"] + n["declined"]),
        "average_payout": round_money(Decimal(n["paid"]) / n["settled"]) if n["settled"] else None,
        "claim_complaints": share(n["claim_complaints"], n["registered"]),
        "payout_share": share(n["paid"], n["gwp"]),
        "commission_share": share(n["commission"], n["gwp"]),
        "cancelled_within": share(n["within"], n["written"]),
        "cancelled_after": share(n["after"], n["written"]),
        "declined_share": share(n["declined_offers"], n["offered"]),
    }
