"""What the customer signs at the desk, on the screen: their demands and needs, the receipt
of each product's information, a request to conclude a GAP sale early. The words signed,
the drawn signature (PNG) and who saw it signed are kept here; documents makes each a PDF
(policies.events.statements_signed) kept with the policies of the deal, and every row is
in the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import Product


class StatementKind(models.TextChoices):
    DEMANDS_NEEDS = "demands_needs", _("Demands and needs")
    INFORMATION_RECEIVED = "information_received", _("Product information received")
    EARLY_CONCLUSION = "early_conclusion", _("Request to conclude the sale early")


def _upload_to(statement: "SignedStatement", filename: str) -> str:
    return f"statements/{statement.deal_id}/{filename}"


class SignedStatement(models.Model):
    deal = models.ForeignKey("dealers.Deal", on_delete=models.PROTECT,
                             related_name="signed_statements")  # fmt: skip
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # none: the demands and needs of the deal
    kind = models.CharField(_("statement"), max_length=30, choices=StatementKind.choices)
    text = models.TextField(_("words signed"))
    signer_name = models.CharField(_("signed by"), max_length=120)
    signature = models.BinaryField(_("signature (PNG)"))
    signature_sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("seen signed by"),
    )  # fmt: skip
    language = models.CharField(max_length=10)
    file = models.FileField(_("PDF"), upload_to=_upload_to, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    history = HistoricalRecords(excluded_fields=["signature"])

    class Meta:
        ordering = ["deal", "signed_at", "pk"]
        verbose_name = _("signed statement")
        verbose_name_plural = _("signed statements")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.signer_name}"
