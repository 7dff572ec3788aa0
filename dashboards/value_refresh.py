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


def _policies(month_of) -> QuerySet:
    return Policy.objects.annotate(
        m=_month(month_of), mk=F("dealer__market"), dl=F("dealer_id"), cur=F("currency"),
        pr=F("product_id"),
    ).values(*KEYS)  # fmt: skip


def policy_starts() -> tuple:
    rows = _policies("start_date").annotate(n=Count("id")).order_by()
    return PolicyFlowMonth, rows, {**KEYS, "n": "started"}


def policy_ends() -> tuple:
    ended = Coalesce("cancelled_on", "ended_on", "end_date", output_field=DateField())
    rows = _policies(ended).annotate(n=Count("id")).order_by()
    return PolicyFlowMonth, rows, {**KEYS, "n": "ended"}


def claims_registered() -> tuple:
    rows = (
        Claim.objects.annotate(
            m=_month("notified_at"),
            mk=F("dealer__market"),
            dl=F("dealer_id"),
            cur=F("currency"),
            pr=F("policy__product_id"),
        )  # fmt: skip
        .values(*KEYS)
        .annotate(n=Count("id"), wd=Count("id", filter=Q(decision=Decision.WITHDRAWN)))
        .order_by()
    )
    return ClaimEventMonth, rows, {**KEYS, "n": "registered", "wd": "withdrawn"}


def claims_decided() -> tuple:
    rows = (
        ClaimStatusChange.objects.filter(to_status__in=[ClaimStatus.APPROVED, ClaimStatus.DECLINED])
        .annotate(
            m=_month("changed_at"),
            mk=F("claim__dealer__market"),
            dl=F("claim__dealer_id"),
            cur=F("claim__currency"),
            pr=F("claim__policy__product_id"),
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
        Claim.objects.filter(settled_on__isnull=False, settled_amount__isnull=False)
        .annotate(
            m=_month("settled_on"),
            mk=F("dealer__market"),
            dl=F("dealer_id"),
            cur=F("currency"),
            pr=F("policy__product_id"),
        )  # fmt: skip
        .values(*KEYS)
        .annotate(n=Count("id"), paid=Sum("settled_amount"))
        .order_by()
    )
    return ClaimEventMonth, rows, {**KEYS, "n": "settled", "paid": "paid"}


def complaints_received() -> tuple:
    rows = (
        Complaint.objects.annotate(
            m=_month("received_on"),
            mk=F("dealer__market"),
            dl=F("dealer_id"),
            cur=F("currency"),
            pr=F("product_id"),
        )  # fmt: skip
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
