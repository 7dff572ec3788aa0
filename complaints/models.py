"""Complaints: the register, each market's rule as data, status moves and letters.

A complaint is made by a customer of a dealer, about a sale, a policy or a claim (or none
of them), received on a day by a channel. Its deadlines are worked out when it is recorded
from its market's ComplaintRule (complaints/deadlines.py) and kept on the complaint: a
later edit of the rule does not move a deadline already given to a customer.
"""

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dealers.models import Market

MONEY = {"max_digits": 12, "decimal_places": 2}


class PeriodUnit(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    BUSINESS = "business", _("business days")


class ComplaintRule(models.Model):
    """A market's complaint-handling rule: its deadlines, its public-holiday calendar and
    the body a customer may refer an unresolved complaint to. Readings of the regulators'
    texts, with their references, for head office to confirm and edit."""

    market = models.CharField(_("market"), max_length=2, choices=Market.choices, unique=True)
    regulator = models.CharField(_("regulator"), max_length=120)
    reference = models.CharField(_("reference"), max_length=400)
    acknowledge_days = models.PositiveSmallIntegerField(
        _("acknowledge within (business days)"), null=True, blank=True,
        help_text=_("Empty: no number of days is set (acknowledge promptly)."),
    )  # fmt: skip
    summary_resolution_days = models.PositiveSmallIntegerField(
        _("resolved with a summary resolution within (business days)"), null=True, blank=True,
        help_text=_("Empty: the market has no summary resolution."),
    )  # fmt: skip
    final_response_days = models.PositiveSmallIntegerField(_("final response within"))
    final_response_unit = models.CharField(
        _("counted in"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.CALENDAR
    )
    warn_days = models.PositiveSmallIntegerField(
        _("warn the handler this many days before a deadline"), default=5
    )
    holiday_country = models.CharField(_("public holidays of (country code)"), max_length=2)
    holiday_subdivision = models.CharField(
        _("and subdivision"), max_length=10, blank=True,
        help_text=_("England's bank holidays: ENG. A dealer whose region is a subdivision "
                    "(an Australian state) follows its own."),
    )  # fmt: skip
    referral_body = models.CharField(_("the customer may refer the complaint to"), max_length=200)
    referral_text = models.TextField(
        _("referral rights, as the final response states them"),
        help_text=_("In the market's language: it is printed on the letters as written."),
    )
    referral_months = models.PositiveSmallIntegerField(
        _("time limit to refer (months)"), null=True, blank=True
    )
    notes = models.TextField(_("reading"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["market"]
        verbose_name = _("complaint rule")
        verbose_name_plural = _("complaint rules")

    def __str__(self) -> str:
        return f"{self.market}: {self.regulator} ({self.reference})"

    def clean(self) -> None:
        """A calendar the holidays library has: a deadline is never worked out on none."""
        countries = holidays.list_supported_countries()
        if self.holiday_country not in countries:
            raise ValidationError({"holiday_country": _("The holidays library has no "
                                                        "calendar for this country.")})  # fmt: skip
        if (
            self.holiday_subdivision
            and self.holiday_subdivision not in countries[self.holiday_country]
        ):
            raise ValidationError({"holiday_subdivision": _("This country has no such "
                                                            "subdivision.")})  # fmt: skip


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("The customer's own page")


class Category(models.TextChoices):
    SALE = "sale", _("How it was sold")
    VALUE = "value", _("Price or value")
    CLAIM = "claim", _("Claim handling")
    CANCELLATION = "cancellation", _("Cancellation or refund")
    SERVICE = "service", _("Service or documents")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")  # a summary resolution or a final response sent
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED)


class Outcome(models.TextChoices):
    NONE = "", _("Not decided")
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    WITHDRAWN = "withdrawn", _("Withdrawn by the customer")


class RootCause(models.TextChoices):
    NONE = "", _("Not found yet")
    SALES_PROCESS = "sales_process", _("Sales process")
    PRODUCT_DESIGN = "product_design", _("Product design or cover")
    PRICING = "pricing", _("Pricing")
    CLAIMS_HANDLING = "claims_handling", _("Claims handling")
    COMMUNICATION = "communication", _("Communication")
    ADMINISTRATION = "administration", _("Administration")
    THIRD_PARTY = "third_party", _("A third party")
    NO_FAULT = "no_fault", _("No fault found")


class Complaint(models.Model):
    number = models.CharField(_("complaint number"), max_length=30, unique=True)
    dealer = models.ForeignKey(
        "dealers.Dealer", on_delete=models.PROTECT, related_name="complaints",
        verbose_name=_("dealer"),
    )  # fmt: skip
    customer = models.ForeignKey(
        "dealers.Customer", on_delete=models.PROTECT, related_name="complaints",
        verbose_name=_("customer"),
    )  # fmt: skip
    deal = models.ForeignKey("dealers.Deal", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="complaints", verbose_name=_("sale"))  # fmt: skip
    policy = models.ForeignKey("policies.Policy", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="complaints",
                               verbose_name=_("policy"))  # fmt: skip
    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="complaints", verbose_name=_("claim"))  # fmt: skip
    # The product complained of (the policy's or the claim's, or named for a sale): the
    # value measures count complaints by it.
    product = models.ForeignKey(
        "policies.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("product"),
    )  # fmt: skip
    category = models.CharField(_("about"), max_length=20, choices=Category.choices)
    summary = models.TextField(_("what the customer says"))
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=15, choices=ComplaintStatus.choices,
                              default=ComplaintStatus.RECEIVED)  # fmt: skip
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="complaints_handled", verbose_name=_("handled by"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip  None: raised by the customer on their own page
    recorded_at = models.DateTimeField(_("recorded at"))
    # The deadlines given by the rule when it was recorded, and the rule they came from.
    acknowledge_by = models.DateField(_("acknowledge by"), null=True, blank=True)
    resolve_by = models.DateField(_("summary resolution by"), null=True, blank=True)
    respond_by = models.DateField(_("final response by"))
    rule_reference = models.CharField(_("rule"), max_length=600)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices,
                               default=Outcome.NONE, blank=True)  # fmt: skip
    root_cause = models.CharField(_("root cause"), max_length=20, choices=RootCause.choices,
                                  default=RootCause.NONE, blank=True)  # fmt: skip
    response = models.TextField(_("our response"), blank=True)
    redress = models.DecimalField(_("redress paid"), default=0, **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    # The daily job: the deadline it last warned of (so it warns once), and a breach.
    warned_for = models.DateField(_("warned of the deadline"), null=True, blank=True)
    breached_on = models.DateField(_("deadline missed on"), null=True, blank=True)
    breach = models.CharField(_("deadline missed"), max_length=20, blank=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["dealer", "received_on"]),
            models.Index(fields=["status", "respond_by"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["submission_key"],
                                    condition=Q(submission_key__isnull=False),
                                    name="complaint_one_per_submission_key"),
            models.CheckConstraint(condition=Q(redress__gte=0), name="redress_not_negative"),
            models.CheckConstraint(condition=Q(respond_by__gte=models.F("received_on")),
                                   name="complaint_responds_after_receipt"),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(outcome=""),
                name="a_closed_complaint_has_its_outcome",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


ACTION_LABELS = {
    "record": _("Recorded"),
    "acknowledge": _("Acknowledged"),
    "holding": _("Holding response sent"),
    "summary_resolution": _("Summary resolution sent"),
    "final_response": _("Final response sent"),
    "close": _("Closed"),
    "breach": _("Deadline missed"),
}


class ComplaintChange(models.Model):
    """One move of a complaint (complaints/transitions.py): who, when, why."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(_("from"), max_length=15, blank=True)
    to_status = models.CharField(_("to"), max_length=15, choices=ComplaintStatus.choices)
    action = models.CharField(_("action"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip  None: the customer, on their page, or the daily job
    changed_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("complaint status change")

    def __str__(self) -> str:
        return f"{self.complaint}: {self.from_status or '–'} → {self.to_status}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    HOLDING = "holding", _("Holding response")
    SUMMARY_RESOLUTION = "summary_resolution", _("Summary resolution")
    FINAL_RESPONSE = "final_response", _("Final response")


def letter_path(letter: "ComplaintLetter", filename: str) -> str:
    return f"complaints/{letter.complaint.number}/{filename}"


class ComplaintLetter(models.Model):
    """A letter to the complainant: a PDF in their dealer's language, stored, emailed.
    One of each kind (a second asks nothing new: the same letter stands)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("letter"), max_length=20, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=5)
    file = models.FileField(_("file"), upload_to=letter_path)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    body = models.TextField(_("what it says beyond the template"), blank=True)
    created_at = models.DateTimeField(_("made at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")  # fmt: skip
    emailed_to = models.EmailField(_("emailed to"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["complaint", "created_at"]
        verbose_name = _("complaint letter")
        verbose_name_plural = _("complaint letters")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "kind"], name="one_letter_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.complaint.number} {self.kind}"
