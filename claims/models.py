"""Claims against policies: notified by dealer staff on the customer's behalf, or by the
customer on their own page (`notified_online`: then no member of staff notified it, and
the first move and the files they sent name no one), assessed with the product's rules,
decided and settled by head office.

A claim's facts (what happened, the figures known so far) are kept as JSON in the shape
of its product's form (claims.forms.form_for), so one model serves every product; the
assessment reads them back through that form's types. Every status move is a
ClaimStatusChange: who, when, why, and the figures shown when it was decided.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dealers.models import Dealer
from policies.models import Policy


class ClaimStatus(models.TextChoices):
    NOTIFIED = "notified", _("Notified")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    SETTLED = "settled", _("Settled")
    CLOSED = "closed", _("Closed")


class Decision(models.TextChoices):
    """How the claim was decided, kept when it is closed (a closed claim may have been
    paid, declined or withdrawn: only a paid or open claim counts against the policy)."""

    NONE = "", _("Not decided")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Claim(models.Model):
    number = models.CharField(_("claim number"), max_length=30, unique=True)
    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="claims", verbose_name=_("policy")
    )
    dealer = models.ForeignKey(
        Dealer, on_delete=models.PROTECT, related_name="claims", verbose_name=_("dealer")
    )  # the policy's, kept here so that every list is scoped with one index
    event = models.CharField(_("what happened"), max_length=40)
    loss_date = models.DateField(_("date of loss"))
    reported_date = models.DateField(_("date reported"))
    description = models.TextField(_("description"), blank=True)
    facts = models.JSONField(_("facts"), default=dict)
    # The version of its product's claim form the facts were taken by (ClaimForm.
    # FACTS_VERSION): an old claim still reads after the form's questions change.
    facts_version = models.PositiveSmallIntegerField(_("facts version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.NOTIFIED
    )
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=Decision.choices,
        default=Decision.NONE,
        blank=True,
    )
    currency = models.CharField(_("currency"), max_length=3)
    approved_amount = models.DecimalField(
        _("approved amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    settled_amount = models.DecimalField(
        _("amount paid"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    payee = models.CharField(_("paid to"), max_length=200, blank=True)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    assessment = models.JSONField(_("assessment as decided"), null=True, blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("notified by"),
    )  # None: notified by the customer, online
    notified_online = models.BooleanField(_("notified by the customer, online"), default=False)
    notified_at = models.DateTimeField(_("notified at"))
    # The notify form's key (dealers/form_keys.py), so that the form posted twice (a
    # double click, the back button) makes one claim.
    submission_key = models.CharField(_("submission key"), max_length=64, null=True,
                                      blank=True, editable=False)  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_at", "-pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        indexes = [
            models.Index(fields=["dealer", "status"]),
            models.Index(fields=["policy", "loss_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=Q(submission_key__isnull=False),
                name="claim_one_per_submission_key",
            ),
            models.CheckConstraint(
                condition=Q(reported_date__gte=F("loss_date")), name="claim_reported_after_loss"
            ),
            # Notified by a member of staff, named, or by the customer online: never neither.
            models.CheckConstraint(
                condition=Q(notified_online=False, notified_by__isnull=False)
                | Q(notified_online=True, notified_by__isnull=True),
                name="claim_notified_by_staff_or_online",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__gte=0) | Q(approved_amount=None),
                name="claim_approved_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(settled_amount__gte=0) | Q(settled_amount=None),
                name="claim_settled_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.SETTLED) | Q(settled_amount__isnull=False),
                name="claim_settled_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def product(self):
        return self.policy.product


class ClaimStatusChange(models.Model):
    """One move of the workflow (claims/workflow.py), with who made it and why."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(
        _("from"), max_length=20, choices=ClaimStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ClaimStatus.choices)
    action = models.CharField(_("action"), max_length=20)
    reason = models.TextField(_("reason"), blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    assessment = models.JSONField(_("figures shown"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("by"),
    )  # None: the customer, who notified the claim online
    changed_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("claim status change")
        verbose_name_plural = _("claim status changes")

    def __str__(self) -> str:
        return f"{self.claim}: {self.from_status or '–'} → {self.to_status}"


class FileKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


def claim_file_path(instance: "ClaimFile", filename: str) -> str:
    return f"claims/{instance.claim_id}/{filename}"


class ClaimFile(models.Model):
    """A photo or document of the claim, as uploaded (checked for type and size)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=FileKind.choices)
    file = models.FileField(_("file"), upload_to=claim_file_path)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("uploaded by"),
    )  # None: sent by the customer with their notification, online
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("claim file")
        verbose_name_plural = _("claim files")

    def __str__(self) -> str:
        return self.name
