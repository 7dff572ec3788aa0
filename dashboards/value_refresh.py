"""The value measures' summaries (dashboards/models.py), rebuilt with the others by
dashboards/refresh.py. Readings (SUP 16 Annex 48BG, head office to confirm):
- a policy is in force from its start of cover until it ends: cancelled, ended early, or
  at the end of its period (COALESCE(cancelled_on, ended_on, end_date));
- a claim is registered in the month it was notified; a walkaway is one later withdrawn;
- a decision is a move of the claim to approved or declined, in the month it was made;
- a claim is settled (paid) in the month of settled_on, for its settled amount;
- a complaint belongs to the month it was received, under its product (if any).
"""

from django.db.models import Count, DateField, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from claims.models import Claim, ClaimStatus, ClaimStatusChange, Decision
from complaints.models import Complaint
from policies.models import Policy

from .models import ClaimEventMonth, ComplaintMonth, PolicyFlowMonth

KEYS = {
    "m": "month",
    "mk": "market",
    "dl": "dealer_id",
    "cur": "currency",
    "pr": "product_id",
}


def _month(expression) -> TruncMonth:
    return TruncMonth(expression, output_field=DateField())


def _keyed(rows: QuerySet, month_of, via: str = "", product: str = "product_id") -> QuerySet:
    """`rows` with the summaries' keys: the month of `month_of`, and the market, dealer,
    currency and product of the record reached through `via` ("" or "claim__")."""
    return rows.annotate(
        m=_month(month_of), mk=F(f"{via}dealer__market"), dl=F(f"{via}dealer_id"),
        cur=F(f"{via}currency"), pr=F(f"{via}{product}"),
    )  # fmt: skip


def _policies(month_of) -> QuerySet:
    return _keyed(Policy.objects, month_of).values(*KEYS)


def policy_starts() -> tuple:
    rows = _policies("start_date").annotate(n=Count("id")).order_by()
    return PolicyFlowMonth, rows, {**KEYS, "n": "started"}


def policy_ends() -> tuple:
    ended = Coalesce("cancelled_on", "ended_on", "end_date", output_field=DateField())
    rows = _policies(ended).annotate(n=Count("id")).order_by()
    return PolicyFlowMonth, rows, {**KEYS, "n": "ended"}


def claims_registered() -> tuple:
    rows = (
        _keyed(Claim.objects, "notified_at", product="policy__product_id")
        .values(*KEYS)
        .annotate(n=Count("id"), wd=Count("id", filter=Q(decision=Decision.WITHDRAWN)))
        .order_by()
    )
    return ClaimEventMonth, rows, {**KEYS, "n": "registered", "wd": "withdrawn"}


def claims_decided() -> tuple:
    rows = (
        _keyed(
            ClaimStatusChange.objects.filter(
                to_status__in=[ClaimStatus.APPROVED, ClaimStatus.DECLINED]
            ),
            "changed_at",
            via="claim__",
            product="policy__product_id",
        )  # fmt: skip
        .values(*KEYS)
        .annotate(
            acc=Count("id", filter=Q(to_status=ClaimStatus.APPROVED)),
            dec=Count("id", filter=Q(to_status=ClaimStatus.DECLINED)),
        )
        .order_by()
    )
    return ClaimEventMonth, rows, {**KEYS, "acc": "accepted", "dec": "declined"}


def claims_settled() -> tuple:
    rows = (
        _keyed(
            Claim.objects.filter(settled_on__isnull=False, settled_amount__isnull=False),
            "settled_on",
            product="policy__product_id",
        )  # fmt: skip
        .values(*KEYS)
        .annotate(n=Count("id"), paid=Sum("settled_amount"))
        .order_by()
    )
    return ClaimEventMonth, rows, {**KEYS, "n": "settled", "paid": "paid"}


def complaints_received() -> tuple:
    rows = (
        _keyed(Complaint.objects, "received_on")
        .values(*KEYS, "category", "outcome")
        .annotate(n=Count("id"), red=Sum("redress"))
        .order_by()
    )
    return (
        ComplaintMonth,
        rows,
        {**KEYS, "category": "category", "outcome": "outcome", "n": "complaints", "red": "redress"},
    )


VALUE_SOURCES = (
    policy_starts,
    policy_ends,
    claims_registered,
    claims_decided,
    claims_settled,
    complaints_received,
)
VALUE_SUMMARIES = (PolicyFlowMonth, ClaimEventMonth, ComplaintMonth)
