"""The value page's tables (by product, by dealer and product, by month and product),
each cell beyond head office's threshold marked, and each measure's definition."""

from django.utils.translation import gettext_lazy as _

from dealers.models import Dealer, User
from policies.models import Product

from ..filters import DashboardFilter
from ..selectors import CURRENCY, DEALER, MARKET, MONTH, PRODUCT, Column, Table
from .forms import PackForm
from .measures import BY_DEALER, BY_MONTH, BY_PRODUCT, figures, measures
from .thresholds import flag, row_breaches, thresholds_by_product

BREACHES_SHOWN = 20
DEALER_ROWS_SHOWN = 50

MEASURE_COLUMNS = (
    Column("written", _("Policies sold"), "int"),
    Column("in_force", _("Policies in force (average)"), "number"),
    Column("gwp", _("Gross written premium"), "money"),
    Column("claims_frequency", _("Claims frequency"), "share"),
    Column("acceptance", _("Claims acceptance rate"), "share"),
    Column("average_payout", _("Average claim pay-out"), "money"),
    Column("claim_complaints", _("Claims complaints per claim"), "share"),
    Column("payout_share", _("Claims paid of premium"), "share"),
    Column("commission_share", _("Commission of premium"), "share"),
    Column("cancelled_within", _("Cancelled in cooling-off"), "share"),
    Column("cancelled_after", _("Cancelled after cooling-off"), "share"),
    Column("declined_share", _("Offered and declined"), "share"),
)


def value_rows(
    user: User,
    filters: DashboardFilter,
    group: tuple[str, ...],
    found: dict | None = None,
    known: tuple[dict, dict] | None = None,
) -> list[dict]:
    """One row a key of `group` (of `found`, figures already read, else read here): its
    labels, figures and measures, and the measures beyond the product's thresholds
    (`flags`: {measure: threshold}). `known`: the products and thresholds, read once."""
    found = figures(user, filters, group) if found is None else found
    products, limits = known or (Product.objects.in_bulk(), thresholds_by_product())
    dealers = (
        dict(Dealer.objects.filter(pk__in={k[0] for k in found}).values_list("pk", "name"))
        if group == BY_DEALER
        else {}
    )
    rows = []
    for key, f in found.items():
        product = products[key[-1]]
        row = {**measures(f), **dict(zip(group, key, strict=True))}
        row.update(market=product.market, currency=product.currency, product=product.name)
        if group == BY_DEALER:
            row["dealer"] = dealers[key[0]]
        row["flags"] = flag(row, limits.get(product.pk, []))
        rows.append(row)
    return rows


def by_product_of(by_dealer: dict[tuple, dict]) -> dict[tuple, dict]:
    """The products' figures added up from their dealers' (a product has one currency):
    the same as reading them by product, without reading the summaries again."""
    found: dict[tuple, dict] = {}
    for (_dealer, product_id), f in by_dealer.items():
        total = found.setdefault((product_id,), {})
        for name, value in f.items():
            total[name] = (total.get(name) or 0) + (value or 0)
    return found


def value_tables(user: User, filters: DashboardFilter) -> list[Table]:
    by_dealer = figures(user, filters, BY_DEALER)
    known = (Product.objects.in_bulk(), thresholds_by_product())
    product = Table("by_product", _("By product"), (MARKET, CURRENCY, PRODUCT, *MEASURE_COLUMNS))
    product.rows = sorted(value_rows(user, filters, BY_PRODUCT, by_product_of(by_dealer), known),
                          key=lambda r: (r["market"], r["product"]))  # fmt: skip
    # a hundred dealers' rows are a long page: those beyond a threshold first (the CSV has
    # every row)
    dealer = Table(
        "by_dealer",
        _("By dealer and product, those beyond a threshold first"),
        (DEALER, CURRENCY, PRODUCT, *MEASURE_COLUMNS),
        limit=DEALER_ROWS_SHOWN,
    )
    dealer.rows = sorted(value_rows(user, filters, BY_DEALER, by_dealer, known),
                         key=lambda r: (not r["flags"], r["dealer"], r["product"]))  # fmt: skip
    month = Table("by_month", _("By month and product"),
                  (MONTH, CURRENCY, PRODUCT, *MEASURE_COLUMNS))  # fmt: skip
    month.rows = sorted(value_rows(user, filters, BY_MONTH, known=known),
                        key=lambda r: (r["month"], r["product"]))  # fmt: skip
    return [product, dealer, month]


DEFINITIONS = (
    (_("Claims frequency"), _(
        "Claims registered (notified) in the period, less those withdrawn (walkaways), "
        "divided by the average number of policies in force over the period: (in force at "
        "the start + in force at the end) / 2. Reading: a policy is in force from its start "
        "of cover until it is cancelled, ends early or its period ends.")),
    (_("Claims acceptance rate"), _(
        "Claims accepted divided by claims accepted and declined, counting the decisions "
        "made in the period. Reading: a decision is a claim moved to approved or declined, "
        "in the month it was moved.")),
    (_("Average claim pay-out"), _(
        "The total paid on claims settled in the period divided by the number of claims "
        "settled. Reading: a claim is settled on the day it was paid, for the amount paid.")),
    (_("Claims complaints per claim"), _(
        "Complaints about claim handling received in the period divided by the claims "
        "registered in the period. Reading: a complaint counts under the product it names.")),
    (_("Claims paid of premium"), _(
        "Claims paid in the period divided by the gross written premium of the period. "
        "Reading: gross written premium is the net premium before tax, new business and "
        "renewals; paid is by the day paid.")),
    (_("Commission of premium"), _(
        "The dealer's commission divided by the gross written premium of the policies "
        "written in the period. Reading: the commission worked out at each sale.")),
    (_("Cancelled in cooling-off"), _(
        "Policies cancelled in the period within the cooling-off period, divided by the "
        "policies sold (new business and renewals) in the period. Reading: within means "
        "cancelled on or before the start of cover plus the product's cooling-off days; a "
        "product without the setting has no cooling-off.")),
    (_("Cancelled after cooling-off"), _(
        "Policies cancelled in the period after the cooling-off period, divided by the "
        "policies sold in the period. Reading: as for the cooling-off cancellations.")),
    (_("Offered and declined"), _(
        "Customers offered the product who declined it, divided by the offers recorded, by "
        "the month of the deal. Reading: an offer is the product put to the customer on a "
        "deal, recorded at the desk.")),
)  # fmt: skip


def value_context(tables: list[Table], user: User, filters: DashboardFilter) -> dict:
    """What the value page shows besides its tables: the breaches (products' and dealers'),
    the definitions, and head office's form for the fair value pack."""
    by_key = {t.key: t for t in tables}
    breaches = [
        *row_breaches(by_key["by_product"].rows),
        *row_breaches(by_key["by_dealer"].rows, "dealer"),
    ]
    return {
        "breaches": breaches,
        "breaches_shown": breaches[:BREACHES_SHOWN],
        "definitions": DEFINITIONS,
        "pack_form": PackForm(user=user) if user.is_head_office else None,
    }
