"""The value measures' figures in one query a table: a UNION ALL of a GROUP BY over each
summary, written as SQL. Through the ORM the union's hundred-odd expressions cost more to
compile than the database takes to run them (bench/README.md, the value page).

The filters are the dashboards' own (dashboards/filters.py): the dealers the user may see,
the period, market, dealer and product; every column and table name here is the models'.
"""

from datetime import date
from decimal import Decimal

from django.db import connection

from ..filters import DashboardFilter
from ..models import (
    CancellationMonth,
    ClaimEventMonth,
    ComplaintMonth,
    OfferMonth,
    PolicyFlowMonth,
    SalesMonth,
)

# summary, a condition of its own, {figure: the column summed}
SOURCES = (
    (SalesMonth, "", {"written": "policies", "gwp": "net_premium", "commission": "commission"}),
    (OfferMonth, "", {"offered": "offered", "declined_offers": "declined"}),
    (CancellationMonth, "", {"within": "within_cooling_off", "after": "after_cooling_off"}),
    (ClaimEventMonth, "", {"registered": "registered", "withdrawn": "withdrawn",
                           "accepted": "accepted", "declined": "declined",
                           "settled": "settled", "paid": "paid"}),
    (ComplaintMonth, "category = 'claim'", {"claim_complaints": "complaints"}),
)  # fmt: skip
FIGURES = [name for _model, _where, sums in SOURCES for name in sums]
MONEY = {"gwp", "commission", "paid"}
FLOWS = ("s0", "e0", "s1", "e1")  # started and ended before the period; and to its end
NAMES = [*FIGURES, *FLOWS]
CENT = Decimal("0.01")


def conditions(filters: DashboardFilter) -> tuple[list[str], list]:
    """The filters but the period, as SQL conditions and their parameters."""
    where: list[str] = []
    params: list = []
    if filters.dealer_ids is not None:
        ids = list(filters.dealer_ids)
        where.append(f"dealer_id IN ({', '.join(['%s'] * len(ids))})" if ids else "1 = 0")
        params += ids
    data = filters.form.cleaned_data if filters.form.is_valid() else {}
    for name, column in (("market", "market"), ("dealer", "dealer_id"), ("product", "product_id")):
        if data.get(name) not in (None, ""):
            where.append(f"{column} = %s")
            params.append(data[name])
    return where, params


def _member(model, where: list[str], sums: dict[str, str], group: tuple) -> str:
    values = ", ".join(f"SUM({sums[n]}) AS {n}" if n in sums else f"0 AS {n}" for n in NAMES)
    columns = ", ".join(group)
    return (
        f"SELECT {columns}, {values} FROM {model._meta.db_table} "  # noqa: S608 # nosec B608 # the models' names
        f"WHERE {' AND '.join(where)} GROUP BY {columns}"
    )


def union(filters: DashboardFilter, group: tuple[str, ...]) -> tuple[str, list]:
    """The query: each summary's sums in the period by `group`, and the policies started
    and ended before the period and up to its end (by month: each month's, from the
    first)."""
    start, end = filters.period
    scope, scope_params = conditions(filters)
    members, params = [], []
    for model, extra, sums in SOURCES:
        where = ["month >= %s", "month <= %s", *scope, *([extra] if extra else [])]
        members.append(_member(model, where, sums, group))
        params += [start, end, *scope_params]
    flows = {"s1": "started", "e1": "ended"}
    if "month" not in group:
        flows.update(s0="CASE WHEN month < %s THEN started ELSE 0 END",
                     e0="CASE WHEN month < %s THEN ended ELSE 0 END")  # fmt: skip
        params += [start, start]
    members.append(_member(PolicyFlowMonth, ["month <= %s", *scope], flows, group))
    params += [end, *scope_params]
    return " UNION ALL ".join(members), params


def union_rows(filters: DashboardFilter, group: tuple[str, ...]) -> list[dict]:
    """The union added up by `group` (one row a key) as {column: value}: months as
    dates, money as Decimal, counts as int, whatever the database returns them as (SQLite:
    text and floats)."""
    sql, params = union(filters, group)
    columns = ", ".join(group)
    totals = ", ".join(f"SUM({n})" for n in NAMES)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}, {totals} FROM ({sql}) u GROUP BY {columns}", params)  # noqa: S608 # nosec B608 # the models' names
        rows = cursor.fetchall()
    convert = [_month if n == "month" else _money if n in MONEY else _count
               for n in (*group, *NAMES)]  # fmt: skip
    names = [*group, *NAMES]
    return [
        {n: f(v) for n, f, v in zip(names, convert, row, strict=True)}
        for row in rows
    ]  # fmt: skip


def _month(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)  # sums of cents: exact to the cent


def _count(value) -> int:
    return int(value or 0)
