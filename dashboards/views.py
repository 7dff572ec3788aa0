"""The managers' dashboards: sales, penetration, cancellations, renewals, claims, and the
value measures (issue 21: the figures, head office's thresholds, the fair value pack).

Sales managers and dealer principals see their dealer, group managers their group, head
office everything (by market). Every table can be downloaded as CSV (?csv=<table>), with
the same filters; the charts draw the tables' own figures."""

import csv
from collections import OrderedDict
from html import escape

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from weasyprint import CSS

from dealers.markets import format_money
from documents.rendering import html_to_pdf, print_stylesheet

from . import selectors
from .filters import DashboardFilter
from .refresh import refreshes_on_read, summaries_for_reading
from .value.forms import PackForm
from .value.pack import pack_build
from .value.tables import value_context, value_tables

PAGES = OrderedDict(
    sales=(_("Sales"), selectors.sales_tables),
    penetration=(_("Penetration"), selectors.penetration_tables),
    cancellations=(_("Cancellations"), selectors.cancellation_tables),
    renewals=(_("Renewals"), selectors.renewal_tables),
    claims=(_("Claims"), selectors.claim_tables),
    value=(_("Value measures"), value_tables),
)
BY_SELLER = {"sales", "penetration", "cancellations", "renewals", "claims"}  # a seller filter
# page -> (table, x, y, kind, title): what each page draws
CHARTS = {
    "sales": [
        ("by_month", "month", "gwp", "line", _("Gross written premium by month")),
        ("by_product", "product", "new", "bar", _("Policies sold by product")),
    ],
    "penetration": [("by_product", "product", "penetration", "bar", _("Penetration by product"))],
    "cancellations": [("by_month", "month", "cancellations", "bar", _("Cancellations by month"))],
    "renewals": [("by_month", "month", "retention", "line", _("Retention by month"))],
    "claims": [("by_product", "product", "loss_ratio", "bar", _("Loss ratio by product"))],
    "value": [
        ("by_product", "product", "payout_share", "bar", _("Claims paid of premium by product")),
        ("by_product", "product", "commission_share", "bar", _("Commission of premium by product")),
    ],
}


def chart(table, x: str, y: str, kind: str, title) -> dict:
    """Chart.js data: one series a currency (or market) so that nothing is summed across."""
    series_key = "currency" if any("currency" in r for r in table.rows) else "market"
    labels = (
        sorted({_label(r[x]) for r in table.rows}, key=lambda v: v)
        if x == "month"
        else list(dict.fromkeys(_label(r[x]) for r in table.rows))
    )
    datasets = {}
    for r in table.rows:
        data = datasets.setdefault(r.get(series_key, ""), dict.fromkeys(labels))
        value = r.get(y)
        data[_label(r[x])] = float(value) if value is not None else None  # drawn, not summed
    return {
        "type": kind,
        "title": str(title),
        "labels": labels,
        "datasets": [{"label": k, "data": list(v.values())} for k, v in datasets.items()],
        "percent": any(c.key == y and c.kind == "share" for c in table.columns),
    }


NUMBERS = ("int", "number", "money", "share")  # right-aligned


def _label(value) -> str:
    return value.strftime("%Y-%m") if hasattr(value, "strftime") else str(value)


class DashboardView(LoginRequiredMixin, View):
    def get(self, request, page="sales"):
        if not (request.user.is_head_office or request.user.is_manager):
            raise PermissionDenied
        if page not in PAGES:
            raise Http404
        title, tables_of = PAGES[page]
        refreshed = summaries_for_reading()  # before the tables read the summaries
        filters = DashboardFilter(request.GET or None, user=request.user, sellers=page in BY_SELLER)
        tables = tables_of(request.user, filters)
        if "csv" in request.GET:
            return csv_response(page, _table(tables, request.GET["csv"]))
        by_key = {t.key: t for t in tables}
        charts = [
            {**chart(by_key[t], x, y, kind, name), "id": f"chart-{i}"}
            for i, (t, x, y, kind, name) in enumerate(CHARTS[page], start=1)
        ]
        shown = [(t, [row_html(cells) for cells in rows]) for t, rows in shown_cells(tables)]
        return render(
            request,
            "dashboards/page.html",
            {
                "shown": shown,
                "page": page,
                "title": title,
                "pages": [(k, v[0]) for k, v in PAGES.items()],
                "filter": filters,
                "tables": tables,
                "charts": charts,
                "refreshed": refreshed,
                "refresh_on_read": refreshes_on_read(),
                "refresh_minutes": settings.DASHBOARDS_REFRESH_SECONDS // 60,
                "start": filters.period[0],
                "end": filters.period[1],
                "query": request.GET.urlencode(),
                **(_value_context(tables, request.user, filters) if page == "value" else {}),
            },
        )


def _value_context(tables, user, filters) -> dict:
    """The value page's breaches, definitions and pack form, the figures as percentages."""
    context = value_context(tables, user, filters)
    cell = CellFormat()
    for b in context["breaches_shown"]:
        b["value_text"], b["share_text"] = (cell(b[k], "share", None) for k in ("value", "share"))
    return context


def shown_cells(tables) -> list[tuple]:
    """Each table with its shown rows' cells: (text, a number, beyond a threshold)."""
    cell = CellFormat()
    return [
        (
            t,
            [
                [
                    (
                        cell(r.get(c.key), c.kind, r.get("currency")),
                        c.kind in NUMBERS,
                        c.key in r.get("flags", ()),  # beyond head office's threshold
                    )
                    for c in t.columns
                ]
                for r in t.shown
            ],
        )
        for t in tables
    ]


PACK_CSS = settings.BASE_DIR / "templates" / "dashboards" / "value_pack.css"
BEYOND = _("beyond head office’s threshold")


def row_html(cells: list[tuple]) -> str:
    """A table row's cells as HTML, rendered in Python with the standard library's escape:
    a page of a few thousand cells costs the template engine (or format_html) more than
    its SQL (the value page, bench/README.md)."""
    beyond = escape(str(BEYOND))
    html = "".join(
        f'<td class="{CLASSES[number, flagged]}">⚠ {escape(text)}'
        f'<span class="visually-hidden"> ({beyond})</span></td>'
        if flagged
        else f'<td class="{CLASSES[number, flagged]}">{escape(text)}</td>'
        if number
        else f"<td>{escape(text)}</td>"
        for text, number, flagged in cells
    )
    return mark_safe(html)  # noqa: S308 # nosec B308 B703 # every text is escaped above


CLASSES = {
    (True, False): "text-end text-nowrap",
    (True, True): "text-end text-nowrap table-danger fw-semibold",
    (False, True): "table-danger fw-semibold",
    (False, False): "",
}


class ValuePackView(LoginRequiredMixin, View):
    """Head office's fair value pack of a product for a year: PDF or CSV."""

    def get(self, request):
        if not request.user.is_head_office:
            raise PermissionDenied
        form = PackForm(request.GET or None, user=request.user)
        if not form.is_valid():
            return HttpResponse(status=400, content=str(form.errors))
        data = form.cleaned_data
        summaries_for_reading()  # as the pages: where no beat runs, brought up to date first
        pack = pack_build(product=data["product"], year=data["year"], user=request.user)
        if data["format"] == "csv":
            return pack_csv(pack)
        html = render_to_string(
            "dashboards/value_pack.html", {"pack": pack, "shown": shown_cells(pack.tables)}
        )
        sheets = [print_stylesheet(), CSS(filename=str(PACK_CSS))]
        response = HttpResponse(
            html_to_pdf(html, stylesheets=sheets), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{pack.filename}.pdf"'
        return response


def pack_csv(pack) -> HttpResponse:
    """Every table of the pack, one after the other: its title, its header, its rows."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}.csv"'
    writer = csv.writer(response)
    writer.writerow([str(pack.product), pack.year])
    for table in pack.tables:
        writer.writerow([])
        writer.writerow([str(table.title)])
        writer.writerow([str(c.label) for c in table.columns])
        for row in table.rows:
            writer.writerow([_raw(row.get(c.key), c.kind) for c in table.columns])
    return response


def _table(tables, key: str):
    table = next((t for t in tables if t.key == key), None)
    if table is None:
        raise Http404
    return table


def csv_response(page: str, table) -> HttpResponse:
    """The table as CSV: raw figures (amounts with their currency column, shares as
    fractions), one header row of the column names."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page}-{table.key}.csv"'
    writer = csv.writer(response)
    writer.writerow([str(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow([_raw(row.get(c.key), c.kind) for c in table.columns])
    return response


def _raw(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "month":
        return value.strftime("%Y-%m")
    if kind == "share":
        return f"{value:.4f}"
    if kind == "money":
        return f"{value:.2f}"
    return str(value)


class CellFormat:
    """Cells as the user's language writes them, the separators read once a request (a
    table of a few hundred cells would otherwise look them up for every one)."""

    def __init__(self):
        self.decimal = formats.get_format("DECIMAL_SEPARATOR")
        self.thousands = formats.get_format("THOUSAND_SEPARATOR")
        self.months: dict = {}

    def number(self, value, places: int) -> str:
        text = f"{value:,.{places}f}"  # 1,234.5
        return text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)

    def __call__(self, value, kind: str, currency: str | None) -> str:
        if value is None:
            return "–"
        if kind == "money" and currency:
            return format_money(value, currency)
        if kind == "share":
            return self.number(value * 100, 1) + "%"
        if kind == "month":
            if value not in self.months:
                self.months[value] = formats.date_format(value, "YEAR_MONTH_FORMAT")
            return self.months[value]
        if kind == "int":
            return self.number(value, 0)
        if kind == "number":
            return self.number(value, 1)
        return str(value)
