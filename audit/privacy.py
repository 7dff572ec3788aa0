"""A customer's personal data on request (GDPR articles 15, 17 and 20): everything held
on them, exported; and erased, where the law allows.

The law keeps policy records for a time after the last policy ends (the market's
DataRetention, which head office edits). Until then an erasure is refused, and recorded
with the date from which it can be done. An erasure overwrites the personal data in the
records and in their history tables, and deletes the documents and files made for the
customer. What stays is what the book needs and identifies nobody: policy numbers,
products, dates, premiums, claim amounts.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimFile, ClaimStatus, ClaimStatusChange
from complaints.models import OPEN_STATUSES, Complaint, ComplaintChange, ComplaintLetter
from dealers.models import Customer, Deal, User, Vehicle
from documents.models import Document, EmailSend
from policies.models import (
    DemandsNeeds,
    Disclosure,
    Offer,
    Policy,
    PolicyChange,
    Quote,
    SignedStatement,
)

from .models import DataRetention, PrivacyRequest, RequestKind, RequestOutcome

ERASED_NAME = "Erased customer"
COMPLAINT_FIELDS = [
    "number",
    "dealer__name",
    "policy__number",
    "claim__number",
    "category",
    "summary",
    "received_on",
    "channel",
    "status",
    "acknowledged_on",
    "resolved_on",
    "closed_on",
    "outcome",
    "root_cause",
    "response",
    "redress",
    "currency",
]
OPEN_CLAIMS = [ClaimStatus.NOTIFIED, ClaimStatus.UNDER_ASSESSMENT, ClaimStatus.APPROVED]


class PrivacyRefused(Exception):
    pass


@dataclass(frozen=True)
class Retention:
    """Whether the customer's personal data may be erased today, and if not, why and from
    when (None: not known yet, e.g. a claim is still open)."""

    erasable: bool
    erasable_from: date | None
    reasons: list[str]


def _policy_ended(policy: Policy) -> date:
    return policy.cancelled_on or policy.ended_on or policy.end_date


def customer_retention(customer: Customer, *, today: date | None = None) -> Retention:
    today = today or timezone.localdate()
    rule = DataRetention.objects.filter(market=customer.dealer.market).first()
    policies = list(customer.policies.order_by("pk"))
    if not policies:
        return Retention(True, today, [])
    if rule is None:
        return Retention(False, None, [_("No retention period is set for this market.")])
    claims = list(Claim.objects.filter(policy__customer=customer).order_by("pk"))
    open_claims = [c.number for c in claims if c.status in OPEN_CLAIMS]
    if open_claims:
        return Retention(False, None, [_("Claims still open: %s.") % ", ".join(open_claims)])
    complaints = list(customer.complaints.order_by("pk"))
    open_complaints = [c.number for c in complaints if c.status in OPEN_STATUSES]
    if open_complaints:
        return Retention(False, None, [_("Complaints still open: %s.")
                                       % ", ".join(open_complaints)])  # fmt: skip
    last = max([_policy_ended(p) for p in policies]
               + [c.settled_on or c.reported_date for c in claims]
               + [c.closed_on or c.resolved_on or c.received_on for c in complaints])  # fmt: skip
    erasable_from = _add_years(last, rule.years)
    if today >= erasable_from:
        return Retention(True, erasable_from, [])
    reason = _("Policy records are kept for %(years)s years after the last policy ended "
               "(%(last)s): policies %(numbers)s.") % {
        "years": rule.years, "last": formats.date_format(last, "DATE_FORMAT"),
        "numbers": ", ".join(p.number for p in policies)}  # fmt: skip
    return Retention(False, erasable_from, [reason])


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _require_head_office(user: User) -> None:
    if not user.is_head_office:
        raise PrivacyRefused(_("Only head office handles requests about personal data."))


# ---- export ---------------------------------------------------------------------------

CUSTOMER_FIELDS = [
    "kind", "title", "first_name", "last_name", "company_name", "date_of_birth", "email",
    "phone", "address_line1", "address_line2", "city", "region", "postcode",
    "codice_fiscale", "partita_iva", "abn", "created_at",
]  # fmt: skip
VEHICLE_FIELDS = [
    "vin", "registration", "make", "model", "derivative", "condition", "first_registration_date",
    "delivery_date", "invoice_price", "finance_type", "finance_provider",
    "finance_term_months", "finance_monthly_payment",
]  # fmt: skip
POLICY_FIELDS = [
    "number", "status", "start_date", "end_date", "term_months", "payment_plan", "currency",
    "total_premium", "cancelled_on", "refund", "answers", "proposal",
]  # fmt: skip
CLAIM_FIELDS = [
    "number", "event", "loss_date", "reported_date", "description", "facts", "status",
    "decision", "currency", "settled_amount", "payee", "settled_on",
]  # fmt: skip


def _values(queryset: QuerySet, fields: list[str]) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def _plain(value):
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if value is None or isinstance(value, bool | int | str | dict | list):
        return value
    return str(value)  # Decimal: as written, never a float


@transaction.atomic
def customer_data_export(*, customer: Customer, requested_by: User, reference: str = "") -> dict:
    """Everything held on the customer, as data a person or another system can read; the
    export is recorded."""
    _require_head_office(requested_by)
    policies = customer.policies.select_related("product").order_by("pk")
    data = {
        "exported_at": timezone.now().isoformat(),
        "controller": customer.dealer.name,
        "customer": _values(Customer.objects.filter(pk=customer.pk), CUSTOMER_FIELDS)[0],
        "vehicles": _values(customer.vehicles.order_by("pk"), VEHICLE_FIELDS),
        "deals": _values(customer.deals.order_by("pk"),
                         ["deal_date", "status", "reference", "notes", "vehicle__vin"]),
        "policies": [
            {**row, "product": product}
            for row, product in zip(
                _values(policies, POLICY_FIELDS), (p.product.name for p in policies),
                strict=True)
        ],
        "claims": _values(Claim.objects.filter(policy__customer=customer).order_by("pk"),
                          [*CLAIM_FIELDS, "policy__number"]),
        "emails": _values(EmailSend.objects.filter(policy__customer=customer).order_by("pk"),
                          ["requested_at", "to", "subject", "status", "sent_at"]),
        "documents": _values(Document.objects.filter(policy__customer=customer).order_by("pk"),
                             ["policy__number", "kind", "version", "created_at"]),
        "signed_statements": _values(
            SignedStatement.objects.filter(deal__customer=customer).order_by("pk"),
            ["kind", "text", "signer_name", "signed_at"]),
        "quotes": _values(Quote.objects.filter(deal__customer=customer).order_by("pk"),
                          ["reference", "created_at", "valid_until", "lines", "total"]),
        "complaints": _values(customer.complaints.order_by("pk"), COMPLAINT_FIELDS),
        "complaint_letters": _values(
            ComplaintLetter.objects.filter(complaint__customer=customer).order_by("pk"),
            ["complaint__number", "kind", "language", "created_at", "emailed_to", "sent_at"]),
        "requests": _values(customer.privacy_requests.order_by("pk"),
                            ["kind", "outcome", "reference", "requested_at"]),
    }  # fmt: skip
    PrivacyRequest.objects.create(
        customer=customer, kind=RequestKind.EXPORT, outcome=RequestOutcome.DONE,
        reference=reference, requested_by=requested_by,
    )  # fmt: skip
    return data


# ---- erasure --------------------------------------------------------------------------


def _customer_blank(pk: int) -> dict:
    return {
        "title": "", "first_name": "", "last_name": ERASED_NAME, "company_name": "",
        "date_of_birth": None, "email": f"erased-{pk}@erased.invalid", "phone": "",
        "address_line1": "", "address_line2": "", "city": "", "region": "", "postcode": "",
        "codice_fiscale": "", "partita_iva": "", "abn": "",
    }  # fmt: skip


def _scrub(model: type[Model], ids: list[int], values: dict, *, history: bool = True) -> None:
    """Overwrite `values` in the rows and, where the model keeps one, in its history."""
    if not ids:
        return
    model.objects.filter(pk__in=ids).update(**values)
    if history and hasattr(model, "history"):
        model.history.model.objects.filter(id__in=ids).update(**values)


def _delete_files(rows: QuerySet) -> None:
    """Delete the rows, and their files once the erasure has committed (a rolled-back
    erasure keeps both)."""
    files = [(row.file.storage, row.file.name) for row in rows if row.file]
    rows.delete()

    def delete_stored() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_stored)


@transaction.atomic
def customer_erase(*, customer: Customer, requested_by: User, reference: str) -> PrivacyRequest:
    """Erase the customer's personal data if the law allows it today; otherwise record the
    refused request with the date it can be done from. Either way the request is kept."""
    _require_head_office(requested_by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    if customer.erased_at is not None:
        raise PrivacyRefused(_("This customer's personal data has already been erased."))
    retention = customer_retention(customer)
    request = PrivacyRequest(customer=customer, kind=RequestKind.ERASURE,
                             reference=reference, requested_by=requested_by)  # fmt: skip
    if not retention.erasable:
        request.outcome = RequestOutcome.REFUSED
        request.erasable_from = retention.erasable_from
        request.detail = " ".join(retention.reasons)
        request.save()
        return request
    _erase(customer, requested_by=requested_by, reference=reference)
    request.outcome = RequestOutcome.DONE
    request.save()
    return request


def _erase(customer: Customer, *, requested_by: User, reference: str) -> None:
    policies = list(customer.policies.values_list("pk", flat=True))
    deals = list(customer.deals.values_list("pk", flat=True))
    claims = list(Claim.objects.filter(policy__in=policies).values_list("pk", flat=True))
    _scrub(Customer, [customer.pk], _customer_blank(customer.pk))
    _scrub(
        Vehicle,
        list(customer.vehicles.values_list("pk", flat=True)),
        {"vin": "", "registration": ""},
    )
    _scrub(Deal, deals, {"notes": "", "reference": ""})
    _scrub(
        Offer,
        list(Offer.objects.filter(deal__in=deals).values_list("pk", flat=True)),
        {"reason": ""},
    )
    _scrub(
        DemandsNeeds,
        list(DemandsNeeds.objects.filter(deal__in=deals).values_list("pk", flat=True)),
        {"answers": {}},
    )
    _scrub(
        Disclosure,
        list(Disclosure.objects.filter(deal__in=deals).values_list("pk", flat=True)),
        {"written_confirmation": ""},
    )
    _scrub(Policy, policies, {"answers": {}, "proposal": {}, "cancellation_reason": "",
                              "end_reason": ""})  # fmt: skip
    PolicyChange.objects.filter(policy__in=policies).update(details={})
    _scrub(Claim, claims, {"description": "", "facts": {}, "payee": ""})
    ClaimStatusChange.objects.filter(claim__in=claims).update(reason="")
    _delete_files(ClaimFile.objects.filter(claim__in=claims))
    _delete_files(Document.objects.filter(policy__in=policies))
    signed = SignedStatement.objects.filter(deal__in=deals)
    _scrub(SignedStatement, list(signed.values_list("pk", flat=True)),
           {"text": "", "signer_name": ""})  # its history keeps no signature  # fmt: skip
    _delete_files(signed)
    Quote.objects.filter(deal__in=deals).update(answers={}, email_to="")
    EmailSend.objects.filter(policy__in=policies).update(to="", subject="", last_error="")
    complaints = list(customer.complaints.values_list("pk", flat=True))
    _scrub(Complaint, complaints, {"summary": "", "response": ""})
    ComplaintChange.objects.filter(complaint__in=complaints).update(note="")
    # the letters' PDFs name the customer: gone; that a letter was sent stays, unnamed
    letters = ComplaintLetter.objects.filter(complaint__in=complaints)
    files = [(row.file.storage, row.file.name) for row in letters if row.file]
    letters.update(file="", body="", emailed_to="", last_error="")
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    # The erasure itself in the trail: who did it, when, under which reference.
    erased = Customer.objects.get(pk=customer.pk)
    erased.erased_at = timezone.now()
    erased._history_user = requested_by
    erased._change_reason = _("Personal data erased on request (%s)") % reference
    erased.save()
