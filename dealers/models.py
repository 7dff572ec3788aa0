"""Dealer groups, dealers, staff and roles, customers, vehicles and deals."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.au.au_states import STATE_CHOICES as AU_STATES
from localflavor.gb.forms import GBPostcodeField
from localflavor.it.it_province import PROVINCE_CHOICES as IT_PROVINCES
from simple_history.models import HistoricalRecords

from .markets import MARKETS
from .plausibility import PlausibleDate
from .validators import (
    normalise_vin,
    validate_abn,
    validate_codice_fiscale,
    validate_partita_iva,
    validate_phone,
    validate_vin,
)

MONEY = {"max_digits": 12, "decimal_places": 2}


class Market(models.TextChoices):
    UK = "UK", _("United Kingdom")
    IT = "IT", _("Italy")
    AU = "AU", _("Australia")


class Currency(models.TextChoices):
    GBP = "GBP", "GBP"
    EUR = "EUR", "EUR"
    AUD = "AUD", "AUD"


class Language(models.TextChoices):
    EN = "en-gb", _("English")
    IT = "it", _("Italian")


class Versioned(models.Model):
    """A record two people may edit at once: every save through the services bumps
    `version`, and an edit posted at an older one is a conflict (dealers.versioning)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def form_key_field() -> models.CharField:
    """The key of the create form that made the record (dealers.form_keys): a page
    posted twice finds the record its first post made."""
    return models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Brand(models.TextChoices):
    LEXUS = "lexus", "Lexus"
    SMART = "smart", "smart"


class DealerGroup(TimeStamped):
    name = models.CharField(_("name"), max_length=120, unique=True)
    market = models.CharField(_("market"), max_length=2, choices=Market.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("dealer group")
        verbose_name_plural = _("dealer groups")

    def __str__(self) -> str:
        return self.name


class Dealer(TimeStamped):
    group = models.ForeignKey(
        DealerGroup, on_delete=models.PROTECT, related_name="dealers", verbose_name=_("group")
    )
    code = models.SlugField(_("dealer code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    market = models.CharField(_("market"), max_length=2, choices=Market.choices)
    brand = models.CharField(
        _("brand"), max_length=10, choices=Brand.choices, default=Brand.LEXUS,
        help_text=_("The brand the dealer sells: it offers that brand's insurance products."),
    )  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    address_line1 = models.CharField(_("address"), max_length=120)
    address_line2 = models.CharField(_("address line 2"), max_length=120, blank=True)
    city = models.CharField(_("town or city"), max_length=80)
    region = models.CharField(_("county, province or state"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    regulator_name = models.CharField(
        _("regulator"), max_length=40, blank=True, help_text=_("e.g. FCA, IVASS, ASIC")
    )
    regulator_number = models.CharField(
        _("regulator number"),
        max_length=40,
        blank=True,
        help_text=_("FCA firm reference, IVASS RUI number or ASIC authorised representative"),
    )
    company_number = models.CharField(_("company or VAT number"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("dealer")
        verbose_name_plural = _("dealers")
        constraints = [
            models.CheckConstraint(
                condition=Q(market="UK", currency="GBP")
                | Q(market="IT", currency="EUR")
                | Q(market="AU", currency="AUD"),
                name="dealer_currency_matches_market",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.market and self.group_id and self.group.market != self.market:
            raise ValidationError({"market": _("A dealer is in the same market as its group.")})
        if self.market and not self.currency:
            self.currency = MARKETS[self.market].currency
        if self.market and not self.language:
            self.language = MARKETS[self.market].language
        if self.market and self.currency != MARKETS[self.market].currency:
            raise ValidationError(
                {
                    "currency": _("The currency of this market is %s.")
                    % MARKETS[self.market].currency
                }
            )


class Role(models.TextChoices):
    SALES_EXECUTIVE = "sales_executive", _("Sales executive")
    BUSINESS_MANAGER = "business_manager", _("Business manager")
    SALES_MANAGER = "sales_manager", _("Sales manager")
    DEALER_PRINCIPAL = "dealer_principal", _("Dealer principal")
    GROUP_MANAGER = "group_manager", _("Group manager")
    HEAD_OFFICE = "head_office", _("Head office")


DEALER_ROLES = (
    Role.SALES_EXECUTIVE,
    Role.BUSINESS_MANAGER,
    Role.SALES_MANAGER,
    Role.DEALER_PRINCIPAL,
)
MANAGER_ROLES = (Role.SALES_MANAGER, Role.DEALER_PRINCIPAL, Role.GROUP_MANAGER, Role.HEAD_OFFICE)


class StaffManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """A superuser is head office (`manage.py createsuperuser`): the default role, a
        sales executive, needs a dealer, and the role/scope constraint refused the row."""
        extra_fields.setdefault("role", Role.HEAD_OFFICE)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff: at a dealer with a role, a group manager, or head office."""

    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.SALES_EXECUTIVE
    )
    dealer = models.ForeignKey(
        Dealer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("dealer"),
    )
    dealer_group = models.ForeignKey(
        DealerGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managers",
        verbose_name=_("dealer group"),
        help_text=_("Group managers only: the group whose dealers they oversee."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    # The trail records a password change by its date, never the hash; logins are not
    # changes to the member of staff (dealers.signals keeps them out of the trail).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = StaffManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("member of staff")
        verbose_name_plural = _("staff")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role__in=[r.value for r in DEALER_ROLES]) & Q(dealer__isnull=False))
                | (Q(role=Role.GROUP_MANAGER) & Q(dealer_group__isnull=False))
                | Q(role=Role.HEAD_OFFICE),
                name="user_role_has_its_scope",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.role in DEALER_ROLES and not self.dealer_id:
            raise ValidationError({"dealer": _("Dealer staff must belong to a dealer.")})
        if self.role == Role.GROUP_MANAGER and not self.dealer_group_id:
            raise ValidationError({"dealer_group": _("A group manager must have a dealer group.")})

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def is_head_office(self) -> bool:
        return self.role == Role.HEAD_OFFICE

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def market(self) -> str | None:
        if self.dealer_id:
            return self.dealer.market
        if self.dealer_group_id:
            return self.dealer_group.market
        return None

    @property
    def language(self) -> str:
        if self.dealer_id:
            return self.dealer.language
        if self.dealer_group_id:
            return MARKETS[self.dealer_group.market].language
        return settings.LANGUAGE_CODE


class CustomerKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")


class Customer(Versioned, TimeStamped):
    dealer = models.ForeignKey(
        Dealer, on_delete=models.PROTECT, related_name="customers", verbose_name=_("dealer")
    )
    kind = models.CharField(
        _("customer type"), max_length=10, choices=CustomerKind.choices, default=CustomerKind.PERSON
    )
    title = models.CharField(_("title"), max_length=20, blank=True)
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    company_name = models.CharField(_("company name"), max_length=160, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[PlausibleDate("birth")]
    )
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    address_line1 = models.CharField(_("address"), max_length=120)
    address_line2 = models.CharField(_("address line 2"), max_length=120, blank=True)
    city = models.CharField(_("town or city"), max_length=80)
    region = models.CharField(
        _("county, province or state"),
        max_length=40,
        blank=True,
        help_text=_("Italy: province code (e.g. RM). Australia: state (e.g. NSW)."),
    )
    postcode = models.CharField(_("postcode"), max_length=10)
    codice_fiscale = models.CharField(_("codice fiscale"), max_length=16, blank=True)
    partita_iva = models.CharField(_("partita IVA"), max_length=11, blank=True)
    abn = models.CharField(_("ABN"), max_length=14, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )
    form_key = form_key_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "company_name", "first_name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        indexes = [models.Index(fields=["dealer", "last_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == CustomerKind.COMPANY:
            return self.company_name
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def clean(self) -> None:
        errors: dict[str, list[ValidationError | str]] = {}
        self._clean_name(errors)
        if self.dealer_id:
            market = self.dealer.market
            {"UK": self._clean_uk, "IT": self._clean_it, "AU": self._clean_au}[market](errors)
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors.setdefault("date_of_birth", []).append(
                _("A date of birth cannot be in the future.")
            )
        if errors:
            raise ValidationError(errors)

    def _clean_name(self, errors: dict) -> None:
        if self.kind == CustomerKind.COMPANY and not self.company_name:
            errors["company_name"] = [_("Enter the company's name.")]
        if self.kind == CustomerKind.PERSON:
            if not self.first_name:
                errors["first_name"] = [_("Enter the customer's first name.")]
            if not self.last_name:
                errors["last_name"] = [_("Enter the customer's last name.")]

    def _clean_uk(self, errors: dict) -> None:
        try:
            self.postcode = GBPostcodeField().clean(self.postcode)
        except ValidationError:
            errors["postcode"] = [_("Enter a UK postcode, e.g. SW1A 1AA.")]

    def _clean_it(self, errors: dict) -> None:
        self.codice_fiscale = (self.codice_fiscale or "").replace(" ", "").upper()
        self.partita_iva = (self.partita_iva or "").replace(" ", "")
        self.region = (self.region or "").upper()
        if self.kind == CustomerKind.PERSON or self.codice_fiscale:
            try:
                validate_codice_fiscale(self.codice_fiscale)
            except ValidationError as e:
                errors["codice_fiscale"] = e.messages
        if self.kind == CustomerKind.COMPANY or self.partita_iva:
            try:
                validate_partita_iva(self.partita_iva)
            except ValidationError as e:
                errors["partita_iva"] = e.messages
        if not (len(self.postcode or "") == 5 and self.postcode.isdigit()):
            errors["postcode"] = [_("Enter a CAP of five digits, e.g. 00184.")]
        if self.region not in dict(IT_PROVINCES):
            errors["region"] = [_("Enter the province's two-letter code, e.g. RM or MI.")]

    def _clean_au(self, errors: dict) -> None:
        self.region = (self.region or "").upper()
        self.abn = (self.abn or "").replace(" ", "")
        if not (len(self.postcode or "") == 4 and self.postcode.isdigit()):
            errors["postcode"] = [_("Enter an Australian postcode of four digits, e.g. 2000.")]
        if self.region not in dict(AU_STATES):
            errors["region"] = [_("Enter the state or territory, e.g. NSW, VIC or QLD.")]
        if self.abn:
            try:
                validate_abn(self.abn)
            except ValidationError as e:
                errors["abn"] = e.messages


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


class ApiToken(models.Model):
    """A key for the calculation API. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class WorkerHeartbeat(models.Model):
    """Written by a Celery task so operators (and /health/) can see workers are alive."""

    hostname = models.CharField(max_length=200)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
