"""The sale on a deal: each product offered and what the customer decided, their
demands-and-needs answers, and the product information given to them (disclosure)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import Product


class Decision(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class DeclineReason(models.TextChoices):
    """Why a customer declined a product, as managers count it; the words stay beside."""

    PRICE = "price", _("Too expensive")
    HAS_COVER = "has_cover", _("Already covered elsewhere")
    NOT_NEEDED = "not_needed", _("Does not need it")
    THINKING = "thinking", _("Wants time to think")
    OTHER = "other", _("Other")


class Offer(models.Model):
    """A product put to the customer on a deal, and what they said (penetration and the
    demands-and-needs record are measured on these)."""

    deal = models.ForeignKey("dealers.Deal", on_delete=models.CASCADE, related_name="offers")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="offers")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.OFFERED
    )
    reason_code = models.CharField(
        _("why declined"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", "product__code"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(fields=["deal", "product"], name="one_offer_per_product"),
            models.CheckConstraint(
                condition=~Q(decision="declined") | ~Q(reason_code=""),
                name="a_decline_has_a_reason_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.product.code}: {self.decision}"


class DemandsNeeds(models.Model):
    """The customer's answers to the demands-and-needs questions on a deal."""

    deal = models.OneToOneField(
        "dealers.Deal", on_delete=models.CASCADE, related_name="demands_needs"
    )
    answers = models.JSONField(_("answers"), default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demands and needs")
        verbose_name_plural = _("demands and needs")

    def __str__(self) -> str:
        return f"demands and needs of deal {self.deal_id}"


class DisclosureMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    EMAIL = "email", _("By email")
    POST = "post", _("By post")


class Disclosure(models.Model):
    """The product information document (IPID, Set Informativo) given to the customer,
    recorded by the system on the day it is given (who gave it and how: never typed in
    later), then acknowledged at the sale; for a deferred (GAP) sale, whether the
    customer started the sale themselves and confirmed it in writing."""

    deal = models.ForeignKey("dealers.Deal", on_delete=models.CASCADE, related_name="disclosures")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="disclosures")
    document = models.CharField(_("document"), max_length=120)
    given_on = models.DateField(_("information given on"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        verbose_name=_("given by"),
    )  # fmt: skip
    given_how = models.CharField(
        _("given"), max_length=12, choices=DisclosureMethod.choices,
        default=DisclosureMethod.IN_PERSON,
    )  # fmt: skip
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip
    customer_initiated_on = models.DateField(
        _("customer started the sale on"), null=True, blank=True
    )
    written_confirmation = models.TextField(_("customer's written confirmation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        constraints = [
            models.UniqueConstraint(fields=["deal", "product"], name="one_disclosure_per_product"),
            models.CheckConstraint(
                condition=Q(customer_initiated_on__isnull=True) | ~Q(written_confirmation=""),
                name="a_customer_start_is_confirmed_in_writing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.given_on})"
