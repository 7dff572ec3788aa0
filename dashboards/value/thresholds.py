"""Head office's thresholds on the value measures: which figures breach them, the
defaults every product starts with, and the daily report of breaches (emailed once a
day to head office)."""

from decimal import Decimal

from django.db import transaction

from policies.models import Product

from ..models import ValueThreshold
from .defaults import DEFAULT_THRESHOLDS


def thresholds_by_product() -> dict[int, list[ValueThreshold]]:
    limits: dict[int, list[ValueThreshold]] = {}
    for t in ValueThreshold.objects.all():
        limits.setdefault(t.product_id, []).append(t)
    return limits


def flag(row: dict, limits: list[ValueThreshold]) -> dict[str, ValueThreshold]:
    """The row's measures beyond their thresholds: {measure: the threshold}."""
    return {t.measure: t for t in limits if t.breached_by(row.get(t.measure))}


@transaction.atomic
def thresholds_seed() -> int:
    """Give every product the default thresholds it has none of (the data migration's,
    for products created since, as load_demo does); returns how many were created."""
    have = set(ValueThreshold.objects.values_list("product_id", "measure", "bound"))
    new = [
        ValueThreshold(product=product, measure=measure, bound=bound, share=Decimal(share),
                       notes=notes)
        for product in Product.objects.all()
        for measure, bound, share, notes in DEFAULT_THRESHOLDS
        if (product.pk, measure, bound) not in have
    ]  # fmt: skip
    for threshold in new:
        threshold.save()  # one at a time: each with its history row
    return len(new)


def row_breaches(rows: list[dict], where: str | None = None) -> list[dict]:
    """Every breach of the rows (a product's, or a dealer's when `where` names the row's
    dealer): the product, where, the measure, the figure and the threshold, for the page's
    alert, the pack and the daily report."""
    return [
        {"product": row["product"], "where": row.get(where, "") if where else "",
         "dealer_id": row.get("dealer_id"), "measure": t.get_measure_display(),
         "bound": t.get_bound_display(), "share": t.share, "value": row.get(measure),
         "threshold": t}
        for row in rows
        for measure, t in row.get("flags", {}).items()
    ]  # fmt: skip
