"""The dealer's customers: people and companies, checked by their market's rules
(postcode, codice fiscale, partita IVA, ABN)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.au.au_states import STATE_CHOICES as AU_STATES
from localflavor.gb.forms import GBPostcodeField
from localflavor.it.it_province import PROVINCE_CHOICES as IT_PROVINCES
from simple_history.models import HistoricalRecords

from ..plausibility import PlausibleDate
from ..validators import validate_abn, validate_codice_fiscale, validate_partita_iva, validate_phone
from .base import TimeStamped, Versioned, form_key_field
from .network import Dealer

# The words a history row's reason carries for what a customer did on their own page
# (issue 20): no member of staff did it, so its history_user is None; the audit trail and
# the policy page name the customer from these words.
ON_THEIR_PAGE = "by the customer, on their page"


def by_the_customer(user, reason: str | None) -> bool:
    """A history row of something the customer did on their own page."""
    return user is None and ON_THEIR_PAGE in (reason or "")


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
