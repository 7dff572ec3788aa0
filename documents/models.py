"""Documents made for a policy (PDF, stored, versioned) and the emails that carry them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    SCHEDULE = "schedule", _("Policy schedule")
    CERTIFICATE = "certificate", _("Certificate of Motor Insurance")
    STATEMENT_OF_FACT = "statement_of_fact", _("Statement of Fact")
    IMPORTANT_INFORMATION = "important_information", _("Important Information")
    CANCELLATION = "cancellation", _("Cancellation confirmation")
    RENEWAL_INVITATION = "renewal_invitation", _("Renewal invitation")


def _upload_to(document: "Document", filename: str) -> str:
    return f"documents/{document.policy.number}/{filename}"


class Document(models.Model):
    """One version of one kind of document of a policy. Never overwritten: making it again
    adds a version. `policy_state` records what the policy was when it was made."""

    policy = models.ForeignKey(
        "policies.Policy", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=5)
    file = models.FileField(_("file"), upload_to=_upload_to)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    policy_state = models.JSONField(_("policy state"))
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["policy", "kind", "-version"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "kind", "version"], name="one_document_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy.number} {self.kind} v{self.version}"


class EmailEvent(models.TextChoices):
    SALE = "sale", _("Policy issued")
    CANCELLATION = "cancellation", _("Policy cancelled")
    RENEWAL_INVITATION = "renewal_invitation", _("Renewal invitation")
    RENEWAL_REMINDER = "renewal_reminder", _("Renewal reminder")


class SendStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailSend(models.Model):
    """An email to the customer for an event of the policy. `event_key` is unique: the
    same event is never emailed twice (a resend by staff has a key of its own).
    `next_attempt_at`: when a task already handed to the workers is due to try it (a retry
    in backoff, or the sweep's resend), so that the sweep leaves it to that task."""

    policy = models.ForeignKey("policies.Policy", on_delete=models.PROTECT, related_name="emails")
    event = models.CharField(_("event"), max_length=30, choices=EmailEvent.choices)
    event_key = models.CharField(max_length=80, unique=True)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="emails")
    status = models.CharField(
        _("status"), max_length=10, choices=SendStatus.choices, default=SendStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    message_id = models.CharField(_("message id"), max_length=255, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        ordering = ["policy", "-requested_at"]
        verbose_name = _("email to the customer")
        verbose_name_plural = _("emails to customers")
        indexes = [  # the sweep of sends still pending (emails_pending_resend): a few rows
            models.Index(
                fields=["requested_at"], condition=Q(status="pending"), name="emails_pending"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="a_sent_email_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy.number} {self.event} to {self.to}: {self.status}"
