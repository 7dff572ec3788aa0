"""Deals: the vehicle sold (its condition, type and finance) and the deal itself, the
unit penetration is measured on."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..plausibility import PlausibleDate
from ..validators import normalise_vin, validate_vin
from .base import MONEY, TimeStamped, Versioned, form_key_field
from .customers import Customer
from .network import Dealer


class VehicleCondition(models.TextChoices):
    NEW = "new", _("New")
    USED = "used", _("Used")


class VehicleType(models.TextChoices):
    CAR = "autovettura", _("Car")
    TAXI = "autotassametro", _("Taxi")
    LIGHT_COMMERCIAL = "light_commercial", _("Light commercial vehicle")
    MOTORCYCLE = "motorcycle", _("Motorcycle")
    OTHER = "other", _("Other")


class FinanceType(models.TextChoices):
    CASH = "cash", _("Cash")
    FINANCE = "finance", _("Finance (hire purchase)")
    PCP = "pcp", _("PCP")
    LEASE = "lease", _("Lease")


class Vehicle(Versioned, TimeStamped):
    dealer = models.ForeignKey(
        Dealer, on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("dealer")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("customer")
    )
    vin = models.CharField(_("VIN"), max_length=17, validators=[validate_vin])
    registration = models.CharField(_("registration"), max_length=12, blank=True)
    make = models.CharField(_("make"), max_length=40, default="Lexus")
    model = models.CharField(_("model"), max_length=80)
    derivative = models.CharField(_("version"), max_length=120, blank=True)
    condition = models.CharField(
        _("new or used"),
        max_length=4,
        choices=VehicleCondition.choices,
        default=VehicleCondition.NEW,
    )
    vehicle_type = models.CharField(
        _("vehicle type"), max_length=20, choices=VehicleType.choices, default=VehicleType.CAR
    )
    first_registration_date = models.DateField(
        _("first registration"), null=True, blank=True,
        validators=[PlausibleDate("first_registration")],
    )  # fmt: skip
    delivery_date = models.DateField(
        _("delivery date"), null=True, blank=True, validators=[PlausibleDate("delivery")]
    )
    invoice_price = models.DecimalField(
        _("invoice price"), **MONEY, validators=[MinValueValidator(0)]
    )
    luxury_brand = models.BooleanField(_("luxury brand"), default=False)
    commercial_use = models.BooleanField(_("commercial use"), default=False)
    hire_and_reward = models.BooleanField(_("hire and reward"), default=False)
    # Built for another market and brought into the country: the UK motor schedule says
    # so, and section 5 of the wording limits such a car's glass (a record, not a claim
    # answer).
    imported = models.BooleanField(_("imported"), default=False)
    finance_type = models.CharField(
        _("how it is paid for"),
        max_length=10,
        choices=FinanceType.choices,
        default=FinanceType.CASH,
    )
    finance_provider = models.CharField(_("finance provider"), max_length=80, blank=True)
    finance_term_months = models.PositiveSmallIntegerField(
        _("finance term (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    finance_monthly_payment = models.DecimalField(
        _("monthly payment"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    # The agreement's APR: the menu shows what financing the single premiums would add.
    finance_apr = models.DecimalField(
        _("APR (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(99)],
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        indexes = [models.Index(fields=["vin"]), models.Index(fields=["registration"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(invoice_price__gte=0), name="vehicle_invoice_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(delivery_date__isnull=True)
                | Q(first_registration_date__isnull=True)
                | Q(delivery_date__gte=models.F("first_registration_date")),
                name="vehicle_delivered_after_registration",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.make} {self.model}"
        return f"{label} ({self.registration})" if self.registration else label

    def clean(self) -> None:
        errors: dict[str, list] = {}
        self.vin = normalise_vin(self.vin)
        self.registration = (self.registration or "").upper().strip()
        today = timezone.localdate()
        if self.first_registration_date and self.first_registration_date > today:
            errors["first_registration_date"] = [_("First registration cannot be in the future.")]
        if (
            self.delivery_date
            and self.first_registration_date
            and self.delivery_date < self.first_registration_date
        ):
            errors["delivery_date"] = [_("Delivery cannot be before first registration.")]
        if self.condition == VehicleCondition.USED and not self.first_registration_date:
            errors["first_registration_date"] = [_("A used vehicle has a first registration date.")]
        if self.finance_type != FinanceType.CASH:
            if not self.finance_provider:
                errors["finance_provider"] = [_("Enter who provides the finance.")]
            if not self.finance_term_months:
                errors["finance_term_months"] = [_("Enter the finance term in months.")]
            if self.finance_monthly_payment is None:
                errors["finance_monthly_payment"] = [_("Enter the monthly payment.")]
        if errors:
            raise ValidationError(errors)

    @property
    def currency(self) -> str:
        return self.dealer.currency


class DealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class Deal(Versioned, TimeStamped):
    """A vehicle sold to a customer by a member of staff at a dealer on a date: the unit
    that penetration is measured on."""

    dealer = models.ForeignKey(
        Dealer, on_delete=models.PROTECT, related_name="deals", verbose_name=_("dealer")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="deals", verbose_name=_("customer")
    )
    vehicle = models.OneToOneField(
        Vehicle, on_delete=models.PROTECT, related_name="deal", verbose_name=_("vehicle")
    )
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deals",
        verbose_name=_("sold by"),
    )
    deal_date = models.DateField(_("deal date"), validators=[PlausibleDate("deal")])
    order_date = models.DateField(
        _("order date"), null=True, blank=True, validators=[PlausibleDate("deal")]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DealStatus.choices, default=DealStatus.OPEN
    )
    reference = models.CharField(_("dealer reference"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    form_key = form_key_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deal_date", "-id"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        indexes = [
            models.Index(fields=["dealer", "deal_date"]),
            models.Index(fields=["salesperson", "deal_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(order_date__isnull=True) | Q(order_date__lte=models.F("deal_date")),
                name="deal_ordered_before_deal_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.customer} – {self.vehicle}"
