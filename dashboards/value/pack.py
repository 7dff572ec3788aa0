"""A product's fair value pack for a year (head office): the measures by dealer and the
monthly trend, the thresholds and their breaches, and the complaints with their outcomes,
as tables for the PDF (templates/dashboards/value_pack.html) and the CSV."""

from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Outcome
from dealers.models import User
from policies.models import Product

from ..filters import DashboardFilter
from ..models import ComplaintMonth, ValueThreshold
from ..selectors import CURRENCY, DEALER, MONTH, Column, Table, rows_of
from .measures import BY_DEALER, BY_MONTH, BY_PRODUCT
from .tables import DEFINITIONS, MEASURE_COLUMNS, value_rows
from .thresholds import row_breaches

WHERE = Column("where", _("Where"))
MEASURE = Column("measure", _("Measure"))


@dataclass
class Pack:
    product: Product
    year: int
    tables: list[Table]
    definitions: tuple = DEFINITIONS

    @property
    def filename(self) -> str:
        return f"fair-value-{self.product.code}-{self.year}"


def pack_build(*, product: Product, year: int, user: User) -> Pack:
    """The pack's tables, read as head office reads the value page for the product and
    the twelve months of `year`."""
    data = {"start": f"{year}-01", "end": f"{year}-12", "product": str(product.pk)}
    filters = DashboardFilter(data, user=user, sellers=False)
    whole = Table("year", _("The year"), (CURRENCY, *MEASURE_COLUMNS))
    whole.rows = value_rows(user, filters, BY_PRODUCT)
    dealers = Table("by_dealer", _("By dealer"), (DEALER, CURRENCY, *MEASURE_COLUMNS))
    dealers.rows = sorted(value_rows(user, filters, BY_DEALER), key=lambda r: r["dealer"])
    months = Table("by_month", _("By month"), (MONTH, CURRENCY, *MEASURE_COLUMNS))
    months.rows = sorted(value_rows(user, filters, BY_MONTH), key=lambda r: r["month"])
    for r in months.rows:
        r["month_label"] = f"{r['month']:%Y-%m}"
    breaches = _breaches(whole, dealers, months)
    tables = [whole, dealers, months, _thresholds(product), breaches, _complaints(user, filters)]
    return Pack(product, year, tables)


def _thresholds(product: Product) -> Table:
    table = Table("thresholds", _("Thresholds"), (
        MEASURE, Column("bound", _("The figure should be")), Column("share", _("Share"), "share"),
        Column("notes", _("Reading")),
    ))  # fmt: skip
    table.rows = [
        {"measure": t.get_measure_display(), "bound": t.get_bound_display(), "share": t.share,
         "notes": t.notes}
        for t in ValueThreshold.objects.filter(product=product)
    ]  # fmt: skip
    return table


def _breaches(whole: Table, dealers: Table, months: Table) -> Table:
    table = Table("breaches", _("Breaches"), (
        WHERE, MEASURE, Column("value", _("Figure"), "share"),
        Column("bound", _("The figure should be")), Column("share", _("Threshold"), "share"),
    ))  # fmt: skip
    year = [{**b, "where": str(_("The year"))} for b in row_breaches(whole.rows)]
    table.rows = [*year, *row_breaches(dealers.rows, "dealer"),
                  *row_breaches(months.rows, "month_label")]  # fmt: skip
    return table


def _complaints(user: User, filters: DashboardFilter) -> Table:
    table = Table("complaints", _("Complaints"), (
        Column("category", _("About")), Column("outcome", _("Outcome")), CURRENCY,
        Column("complaints", _("Complaints"), "int"), Column("redress", _("Redress paid"), "money"),
    ))  # fmt: skip
    rows = (
        rows_of(ComplaintMonth, user, filters)
        .values("category", "outcome", "currency")
        .annotate(complaints=Sum("complaints"), redress=Sum("redress"))
        .order_by("category", "outcome", "currency")
    )
    totals: dict[str, dict] = {}
    for r in rows:
        table.rows.append({**r, "category": _label(Category, r["category"]),
                           "outcome": _label(Outcome, r["outcome"])})  # fmt: skip
        total = totals.setdefault(r["currency"], {"complaints": 0, "redress": 0})
        total["complaints"] += r["complaints"]
        total["redress"] += r["redress"]
    for currency, total in sorted(totals.items()):  # a total a currency, never across
        table.rows.append({"category": str(_("Total")), "outcome": "", "currency": currency,
                           **total})  # fmt: skip
    return table


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value
