"""The value measures from the monthly summaries, grouped by product, by dealer and
product, or by month and product (a product has one currency: money is never added
across currencies). Shares are Decimal, None where there is nothing to divide by.

Readings of SUP 16 Annex 48BG (head office to confirm; the page shows each beside it):
the definitions are in dashboards/value/tables.py, DEFINITIONS.
"""

from datetime import date
from decimal import Decimal

from dealers.models import User
from dealers.money import round_money
from policies.rules.common import add_months

from ..filters import DashboardFilter
from ..selectors import share
from .sql import FIGURES, union_rows

BY_PRODUCT = ("product_id",)
BY_DEALER = ("dealer_id", "product_id")
BY_MONTH = ("month", "product_id")

IN_FORCE = ("in_force_start", "in_force_end")


def figures(user: User, filters: DashboardFilter, group: tuple[str, ...]) -> dict[tuple, dict]:
    """Every figure of the period by `group`, with the policies in force at its start and
    end ({key: {figure: value}}), from one query (dashboards/value/sql.py). `user`: the
    filters are the user's already (the dealers they may see)."""
    found = {tuple(r[g] for g in group): r for r in union_rows(filters, group)}
    if "month" in group:
        return _in_force_by_month(found, filters)
    for f in found.values():
        f.update(in_force_start=f["s0"] - f["e0"], in_force_end=f["s1"] - f["e1"])
    # a dealer whose policies all ended before the period has nothing to show
    return {key: f for key, f in found.items() if any(f[n] for n in (*FIGURES, *IN_FORCE))}


def months_of(period: tuple[date, date]) -> list[date]:
    months, month = [], period[0]
    while month <= period[1]:
        months.append(month)
        month = add_months(month, 1)
    return months


def _in_force_by_month(found: dict, filters: DashboardFilter) -> dict[tuple, dict]:
    """The months of the period, each with the policies in force at its start and end
    (the months before it only count towards them)."""
    net: dict[int, dict[date, int]] = {}  # product: {month: started - ended}
    for (month, product_id), f in found.items():
        net.setdefault(product_id, {})[month] = f["s1"] - f["e1"]
    months = months_of(filters.period)
    period = {key: f for key, f in found.items() if key[0] >= months[0]}
    for product_id, by_month in net.items():
        in_force = sum(n for m, n in by_month.items() if m < months[0])
        for month in months:
            start, in_force = in_force, in_force + by_month.get(month, 0)
            if start or in_force or (month, product_id) in period:
                period.setdefault((month, product_id), {}).update(
                    in_force_start=start, in_force_end=in_force
                )
    return period


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
