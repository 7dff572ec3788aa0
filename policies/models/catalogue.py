"""Products and the data head office edits: rate cards (versioned by effective date),
taxes, fees, commission rates, and the readings of PRODUCTS.md ("Reading:") as product
settings."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dealers.models import Brand, Market
from products.registry import product_codes

RATE = {"max_digits": 12, "decimal_places": 4}
MONEY = {"max_digits": 12, "decimal_places": 2}


def registered_product(code: str) -> None:
    """A product code some registered product has (settings.INSURANCE_PRODUCTS)."""
    if code not in product_codes():
        raise ValidationError(_("There is no product %(code)s.") % {"code": code})


class Product(models.Model):
    # A code of a registered product (products.registry): a new product needs no migration.
    code = models.CharField(_("code"), max_length=30, unique=True,
                            validators=[registered_product])  # fmt: skip
    name = models.CharField(_("name"), max_length=120)
    market = models.CharField(_("market"), max_length=2, choices=Market.choices)
    brand = models.CharField(_("brand"), max_length=10, choices=Brand.choices, default=Brand.LEXUS)
    currency = models.CharField(_("currency"), max_length=3)
    renewable = models.BooleanField(_("renewable"), default=False)
    active = models.BooleanField(_("on sale"), default=True)
    insurer = models.CharField(_("insurer"), max_length=160, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["market", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name


class ProductSetting(models.Model):
    """A reading or limit of PRODUCTS.md that head office may change, as JSON."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="settings")
    key = models.CharField(_("key"), max_length=60)
    value = models.JSONField(_("value"))
    description = models.CharField(_("what it means"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "key"]
        verbose_name = _("product setting")
        verbose_name_plural = _("product settings")
        constraints = [
            models.UniqueConstraint(fields=["product", "key"], name="one_setting_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.product.code}: {self.key}"


class RateCard(models.Model):
    """The rates of a product from a date. The card in force on a date is the one with
    the latest effective_from on or before it; a policy keeps the card it was sold with."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="rate_cards")
    effective_from = models.DateField(_("effective from"))
    version = models.CharField(_("version"), max_length=40)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "-effective_from"]
        verbose_name = _("rate card")
        verbose_name_plural = _("rate cards")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "effective_from"], name="one_rate_card_per_product_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product.code} {self.version} (from {self.effective_from:%Y-%m-%d})"


class RateCardEntry(models.Model):
    """One rate: a key such as `term:36|nip_up_to:50000` or `option:legal_expenses` and its
    value (a premium, a percentage or a factor; the description says which)."""

    rate_card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(_("key"), max_length=80)
    value = models.DecimalField(_("value"), **RATE)
    description = models.CharField(_("description"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rate_card", "key"]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        constraints = [
            models.UniqueConstraint(fields=["rate_card", "key"], name="one_rate_per_key"),
            models.CheckConstraint(condition=Q(value__gte=0), name="rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class TaxRate(models.Model):
    """A tax on a product's premium, by market and (for stamp duty) region.

    `tax_class` limits the tax to premium components of that class (Italy: roadside
    assistance is taxed at 10%, the other covers at 13.5%); blank taxes every component.
    `on_taxes` adds the taxes listed before it to the base (AU stamp duty is charged on the
    premium including GST)."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="taxes")
    code = models.CharField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=80)
    region = models.CharField(_("region"), max_length=10, blank=True)
    tax_class = models.CharField(_("premium class"), max_length=30, blank=True)
    rate = models.DecimalField(_("rate"), max_digits=7, decimal_places=5)
    on_taxes = models.BooleanField(_("charged on the taxes before it"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "position", "code", "region"]
        verbose_name = _("tax rate")
        verbose_name_plural = _("tax rates")
        constraints = [
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lt=1), name="tax_rate_0_1"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gt=models.F("effective_from")),
                name="tax_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        where = f" {self.region}" if self.region else ""
        return f"{self.product.code} {self.code}{where} {self.rate:%}"


class Fee(models.Model):
    """A fixed fee: the SMART Cover and motor cancellation administration fees."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="fees")
    code = models.CharField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=80)
    amount = models.DecimalField(_("amount"), **MONEY)
    effective_from = models.DateField(_("effective from"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "code", "-effective_from"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "code", "effective_from"], name="one_fee_per_code_and_date"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product.code} {self.code} {self.amount}"


class CommissionRate(models.Model):
    """The dealer's commission on a product, as a share of the net premium, from a date.
    A rate for a dealer comes before the product's rate for every dealer (dealer empty).
    A policy keeps the commission worked out at its sale."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="commission_rates")
    dealer = models.ForeignKey(
        "dealers.Dealer", on_delete=models.PROTECT, null=True, blank=True,
        related_name="commission_rates", verbose_name=_("dealer (empty: every dealer)"),
    )  # fmt: skip
    rate = models.DecimalField(_("share of the net premium"), max_digits=5, decimal_places=4)
    effective_from = models.DateField(_("effective from"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "dealer", "-effective_from"]
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.UniqueConstraint(fields=["product", "dealer", "effective_from"],
                                    name="one_commission_rate_per_date"),
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lte=1),
                                   name="commission_rate_a_share"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.product.code} {self.dealer or '*'} {self.rate}"

    def clean(self) -> None:
        super().clean()
        if self.product_id is not None and self.rate is not None:
            commission_within_cap(self.product_id, self.rate)


def commission_cap(product_id: int) -> Decimal | None:
    """The product's `commission_cap` setting (a share of the net premium), None if unset."""
    setting = ProductSetting.objects.filter(product_id=product_id, key="commission_cap")
    value = setting.values_list("value", flat=True).first()
    return None if value in (None, "") else Decimal(str(value))


def commission_within_cap(product_id: int, rate: Decimal) -> None:
    """Refuse a commission rate above its product's cap, on the rate (the admin's form shows
    it there); every place a rate is entered calls it."""
    cap = commission_cap(product_id)
    if cap is not None and rate > cap:
        raise ValidationError(
            {"rate": _("The product's commission cap is %(cap)s of the net premium: "
                       "%(rate)s is above it.") % {"cap": cap, "rate": rate}}
        )  # fmt: skip
