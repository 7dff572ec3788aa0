"""The dashboards' figures: each table one GROUP BY over a summary (dashboards/models.py),
scoped to the dealers the user may see and filtered (dashboards/filters.py). A page makes
the same few queries whatever the size of the book.

Money is summed per currency (every row has one); rates are shares (0.25 = 25%), None
where there is nothing to divide by.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dealers.models import User
from policies.models import DeclineReason

from .filters import DashboardFilter
from .models import (
    CancellationMonth,
    ClaimMonth,
    DealMonth,
    DeclineMonth,
    OfferMonth,
    RenewalMonth,
    SalesMonth,
)


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    kind: str = "text"  # text, int, money (in the row's currency), share, month


@dataclass
class Table:
    """`rows` are every row (the CSV); the page shows the first `limit` of them."""

    key: str
    title: Promise
    columns: tuple[Column, ...]
    rows: list[dict] = field(default_factory=list)
    limit: int | None = None

    @property
    def shown(self) -> list[dict]:
        return self.rows[: self.limit] if self.limit else self.rows


SELLERS_SHOWN = 25


def share(part, whole) -> Decimal | None:
    return Decimal(part or 0) / Decimal(whole) if whole else None


def rows_of(model, user: User, filters: DashboardFilter) -> QuerySet:
    """The summary's rows the user may see (the dealers the filters read for the user,
    dealers_for), in the period and filters."""
    rows = model.objects.all()
    if filters.dealer_ids is not None:
        rows = rows.filter(dealer_id__in=filters.dealer_ids)
    return filters.apply(rows)


MARKET = Column("market", _("Market"))
CURRENCY = Column("currency", _("Currency"))
PRODUCT = Column("product", _("Product"))
DEALER = Column("dealer", _("Dealer"))
MONTH = Column("month", _("Month"), "month")


def deals_by(user, filters) -> tuple[dict, dict]:
    """Deals in scope by (market, brand) and by dealer, from one query."""
    by_market: dict = {}
    by_dealer: dict = {}
    rows = rows_of(DealMonth, user, filters).values("dealer__name", "market", "brand")
    for r in rows.annotate(d=Sum("deals")):
        key = (r["market"], r["brand"])
        by_market[key] = by_market.get(key, 0) + r["d"]
        by_dealer[r["dealer__name"]] = by_dealer.get(r["dealer__name"], 0) + r["d"]
    return by_market, by_dealer


# --- sales ---------------------------------------------------------------------------------

SALES = dict(
    new=Sum("policies", filter=Q(renewal=False)),
    renewals=Sum("policies", filter=Q(renewal=True)),
    gwp=Sum("net_premium"),
    new_gwp=Sum("net_premium", filter=Q(renewal=False)),
    commission=Sum("commission"),
)
SALES_COLUMNS = (
    Column("new", _("Policies sold"), "int"),
    Column("renewals", _("Renewals"), "int"),
    Column("gwp", _("Gross written premium"), "money"),
    Column("commission", _("Commission"), "money"),
)
PER_VEHICLE = (
    Column("deals", _("Vehicles retailed"), "int"),
    Column("per_vehicle", _("Premium per vehicle retailed"), "money"),
)


def _per_vehicle(row: dict, deals) -> dict:
    row["deals"] = deals or 0
    row["per_vehicle"] = (row["new_gwp"] or 0) / deals if deals else None
    return row


def sales_tables(user: User, filters: DashboardFilter) -> list[Table]:
    sales = rows_of(SalesMonth, user, filters)
    by_market, by_dealer = deals_by(user, filters)
    product = Table(
        "by_product", _("By product"), (MARKET, CURRENCY, PRODUCT, *SALES_COLUMNS, *PER_VEHICLE)
    )
    product.rows = [
        _per_vehicle(
            {**r, "product": r["product__name"]}, by_market.get((r["market"], r["product__brand"]))
        )
        for r in sales.values("market", "currency", "product__name", "product__brand")
        .annotate(**SALES)
        .order_by("market", "product__name")
    ]
    dealer = Table("by_dealer", _("By dealer"), (DEALER, CURRENCY, *SALES_COLUMNS, *PER_VEHICLE))
    dealer.rows = [
        _per_vehicle({**r, "dealer": r["dealer__name"]}, by_dealer.get(r["dealer__name"]))
        for r in sales.values("dealer__name", "currency").annotate(**SALES).order_by("dealer__name")
    ]
    seller = Table(
        "by_seller",
        _("Sellers, by gross written premium"),
        (Column("seller", _("Seller")), DEALER, CURRENCY, *SALES_COLUMNS),
        limit=SELLERS_SHOWN,
    )
    seller.rows = [
        {**r, "seller": _name(r), "dealer": r["dealer__name"]}
        for r in sales.values(
            "seller__first_name",
            "seller__last_name",
            "seller__username",
            "dealer__name",
            "currency",
        )
        .annotate(**SALES)
        .order_by("-gwp", "dealer__name", "seller__last_name")
    ]
    month = Table("by_month", _("By month"), (MONTH, CURRENCY, *SALES_COLUMNS))
    month.rows = list(sales.values("month", "currency").annotate(**SALES).order_by("month"))
    return [product, dealer, seller, month]


def _name(row: dict) -> str:
    full = f"{row['seller__first_name']} {row['seller__last_name']}".strip()
    return full or row["seller__username"] or "–"


# --- penetration and reasons ---------------------------------------------------------------


def penetration_tables(user: User, filters: DashboardFilter) -> list[Table]:
    offers = rows_of(OfferMonth, user, filters)
    sums = dict(sold=Sum("deals_sold"), offered=Sum("offered"), declined=Sum("declined"))
    columns = (
        Column("deals", _("Deals"), "int"),
        Column("sold", _("Deals with the product"), "int"),
        Column("penetration", _("Penetration"), "share"),
        Column("offered", _("Offers recorded"), "int"),
        Column("declined", _("Declined"), "int"),
    )
    by_market, by_dealer = deals_by(user, filters)
    product = Table("by_product", _("By product"), (MARKET, PRODUCT, *columns))
    product.rows = [
        {
            **r,
            "product": r["product__name"],
            "deals": by_market.get((r["market"], r["product__brand"]), 0),
            "penetration": share(r["sold"], by_market.get((r["market"], r["product__brand"]))),
        }
        for r in offers.values("market", "product__name", "product__brand")
        .annotate(**sums)
        .order_by("market", "product__name")
    ]
    dealer = Table("by_dealer", _("By dealer and product"), (DEALER, PRODUCT, *columns))
    dealer.rows = [
        {
            **r,
            "dealer": r["dealer__name"],
            "product": r["product__name"],
            "deals": by_dealer.get(r["dealer__name"], 0),
            "penetration": share(r["sold"], by_dealer.get(r["dealer__name"])),
        }
        for r in offers.values("dealer__name", "product__name")
        .annotate(**sums)
        .order_by("dealer__name", "product__name")
    ]
    return [product, dealer, reasons_table(user, filters)]


def reasons_table(user: User, filters: DashboardFilter) -> Table:
    declines = rows_of(DeclineMonth, user, filters)
    table = Table(
        "reasons",
        _("Why customers declined"),
        (
            PRODUCT,
            Column("reason", _("Reason")),
            Column("declines", _("Declines"), "int"),
            Column("share", _("Share of the product's declines"), "share"),
        ),
    )
    rows = list(
        declines.values("product__name", "reason_code")
        .annotate(n=Sum("declines"))
        .order_by("product__name", "-n", "reason_code")
    )
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["product__name"]] = totals.get(r["product__name"], 0) + r["n"]
    table.rows = [
        {
            "product": r["product__name"],
            "reason": _reason(r["reason_code"]),
            "declines": r["n"],
            "share": share(r["n"], totals[r["product__name"]]),
        }
        for r in rows
    ]
    return table


def _reason(code: str) -> str:
    return str(DeclineReason(code).label) if code in DeclineReason.values else str(_("Not given"))


# --- cancellations, renewals, claims ----------------------------------------------------


def cancellation_tables(user: User, filters: DashboardFilter) -> list[Table]:
    cancelled = rows_of(CancellationMonth, user, filters)
    sold = {
        (r["market"], r["product__name"]): r["n"]
        for r in rows_of(SalesMonth, user, filters)
        .filter(renewal=False)
        .values("market", "product__name")
        .annotate(n=Sum("policies"))
    }
    columns = (
        Column("cancellations", _("Cancellations"), "int"),
        Column("refunds", _("Refunds"), "money"),
    )
    product = Table(
        "by_product",
        _("By product"),
        (
            MARKET,
            CURRENCY,
            PRODUCT,
            *columns,
            Column("sold", _("Policies sold"), "int"),
            Column("rate", _("Cancelled for every policy sold"), "share"),
        ),
    )
    product.rows = [
        {
            **r,
            "product": r["product__name"],
            "sold": sold.get((r["market"], r["product__name"]), 0),
            "rate": share(r["cancellations"], sold.get((r["market"], r["product__name"]))),
        }
        for r in cancelled.values("market", "currency", "product__name")
        .annotate(cancellations=Sum("cancellations"), refunds=Sum("refunds"))
        .order_by("market", "product__name")
    ]
    month = Table("by_month", _("By month"), (MONTH, CURRENCY, *columns))
    month.rows = list(
        cancelled.values("month", "currency")
        .annotate(cancellations=Sum("cancellations"), refunds=Sum("refunds"))
        .order_by("month")
    )
    return [product, month]


RENEWALS = dict(
    due=Sum("due"), renewed=Sum("renewed"), lapsed=Sum("lapsed"), premium=Sum("premium_due")
)
RENEWAL_COLUMNS = (
    Column("due", _("Renewals due"), "int"),
    Column("renewed", _("Renewed"), "int"),
    Column("lapsed", _("Lapsed"), "int"),
    Column("waiting", _("Still to renew"), "int"),
    Column("retention", _("Retention"), "share"),
    Column("premium", _("Premium due"), "money"),
)


def _retention(row: dict) -> dict:
    row["waiting"] = row["due"] - row["renewed"] - row["lapsed"]
    row["retention"] = share(row["renewed"], row["renewed"] + row["lapsed"])
    return row


def renewal_tables(user: User, filters: DashboardFilter) -> list[Table]:
    due = rows_of(RenewalMonth, user, filters)
    product = Table("by_product", _("By product"), (MARKET, CURRENCY, PRODUCT, *RENEWAL_COLUMNS))
    product.rows = [
        _retention({**r, "product": r["product__name"]})
        for r in due.values("market", "currency", "product__name")
        .annotate(**RENEWALS)
        .order_by("market", "product__name")
    ]
    month = Table("by_month", _("By month the period ends"), (MONTH, CURRENCY, *RENEWAL_COLUMNS))
    month.rows = [
        _retention(r)
        for r in due.values("month", "currency").annotate(**RENEWALS).order_by("month")
    ]
    return [product, month]


CLAIMS = dict(
    claims=Sum("claims"),
    open=Sum("open"),
    declined=Sum("declined"),
    paid=Sum("paid"),
    unpaid=Sum("approved_unpaid"),
)


def claim_tables(user: User, filters: DashboardFilter) -> list[Table]:
    claims = rows_of(ClaimMonth, user, filters)
    written = {
        (r["market"], r["currency"], r["product__name"]): r["gwp"]
        for r in rows_of(SalesMonth, user, filters)
        .values("market", "currency", "product__name")
        .annotate(gwp=Sum("net_premium"))
    }
    product = Table(
        "by_product",
        _("By product"),
        (
            MARKET,
            CURRENCY,
            PRODUCT,
            Column("claims", _("Claims"), "int"),
            Column("open", _("Open"), "int"),
            Column("declined", _("Declined"), "int"),
            Column("paid", _("Paid"), "money"),
            Column("incurred", _("Incurred (paid and approved)"), "money"),
            Column("gwp", _("Gross written premium"), "money"),
            Column("loss_ratio", _("Loss ratio"), "share"),
        ),
    )
    found = {
        (r["market"], r["currency"], r["product__name"]): r
        for r in claims.values("market", "currency", "product__name").annotate(**CLAIMS)
    }
    for key in sorted(set(found) | set(written)):  # a product written without a claim: ratio 0
        r = found.get(key) or dict(
            zip(("market", "currency", "product__name"), key, strict=True),
            claims=0,
            open=0,
            declined=0,
            paid=0,
            unpaid=0,
        )
        gwp, incurred = written.get(key) or 0, (r["paid"] or 0) + (r["unpaid"] or 0)
        product.rows.append(
            {
                **r,
                "product": r["product__name"],
                "incurred": incurred,
                "gwp": gwp,
                "loss_ratio": share(incurred, gwp),
            }
        )
    month = Table(
        "by_month",
        _("By month notified"),
        (MONTH, CURRENCY, Column("claims", _("Claims"), "int"), Column("paid", _("Paid"), "money")),
    )
    month.rows = list(claims.values("month", "currency").annotate(**CLAIMS).order_by("month"))
    return [product, month]
