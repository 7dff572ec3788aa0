"""What the law asks to keep, and the customers' requests about their personal data.

The changes themselves are recorded by django-simple-history on each model (the Historical*
tables); `audit.trail` reads them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dealers.models import Customer, Market


class DataRetention(models.Model):
    """How long a market keeps a customer's policy records after the last policy ended,
    before the customer's personal data may be erased on request. Head office edits it."""

    market = models.CharField(_("market"), max_length=2, choices=Market.choices, unique=True)
    years = models.PositiveSmallIntegerField(_("years kept after the last policy ended"))
    basis = models.CharField(_("why"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["market"]
        verbose_name = _("data retention period")
        verbose_name_plural = _("data retention periods")
        constraints = [
            models.CheckConstraint(condition=Q(years__gte=1), name="retention_at_least_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.get_market_display()}: {self.years}"


class RequestKind(models.TextChoices):
    EXPORT = "export", _("Export of personal data")
    ERASURE = "erasure", _("Erasure of personal data")


class RequestOutcome(models.TextChoices):
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused: records the law requires")


class PrivacyRequest(models.Model):
    """A customer's request about their personal data, as carried out: who asked for it on
    the customer's behalf, when, under which reference, and what came of it."""

    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="privacy_requests",
        verbose_name=_("customer"),
    )  # fmt: skip
    kind = models.CharField(_("request"), max_length=10, choices=RequestKind.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=RequestOutcome.choices)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    erasable_from = models.DateField(_("can be erased from"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("carried out by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.customer_id}"
