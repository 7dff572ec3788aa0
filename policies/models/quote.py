"""A quote given to the customer at the desk: the products of the basket (or every one
priced) at the prices on the screen, with a reference and the day it is valid to. It keeps
the menu's answers, so that it can be reopened at the desk and sold while it is valid,
priced on the rates of the day it was given (policies.quote_store)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import MONEY


class QuoteEmail(models.TextChoices):
    NOT_SENT = "", _("Not emailed")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Quote(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    deal = models.ForeignKey("dealers.Deal", on_delete=models.PROTECT, related_name="quotes")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)
    priced_on = models.DateField(_("priced on"))  # the rates in force that day are held
    valid_until = models.DateField(_("valid until"))
    language = models.CharField(_("language"), max_length=10)
    currency = models.CharField(_("currency"), max_length=3)
    # The menu's answers as posted ({name: [values]}), to reopen it at the desk.
    answers = models.JSONField(_("answers"))
    # One a product: {key, product, name, plan, total, first, count, start}.
    lines = models.JSONField(_("products"))
    # What each product covers, as the quote showed it (documents.quotes: the comparison's
    # tables), kept so that a reprint says what the customer was given.
    covers = models.JSONField(_("covers"), default=list, blank=True)
    # The customer chose these (the basket, with its totals), or was shown every product.
    chosen = models.BooleanField(_("the customer's choice"), default=True)
    single_total = models.DecimalField(_("paid now"), **MONEY)
    monthly_total = models.DecimalField(_("a month"), **MONEY)
    total = models.DecimalField(_("in all"), **MONEY)
    financed_extra = models.DecimalField(_("a month more if financed"), null=True, blank=True,
                                         **MONEY)  # fmt: skip
    submission_key = models.CharField(max_length=80, unique=True)
    email_to = models.EmailField(_("emailed to"), blank=True)
    email_status = models.CharField(_("email"), max_length=10, choices=QuoteEmail.choices,
                                    default=QuoteEmail.NOT_SENT, blank=True)  # fmt: skip
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("priced_on")),
                name="a_quote_is_valid_from_its_day",
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.reference

    def valid_on(self, day) -> bool:
        return self.priced_on <= day <= self.valid_until
