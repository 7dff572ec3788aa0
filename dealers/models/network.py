"""The dealer network: dealer groups and their dealers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..markets import MARKETS
from .base import Brand, Currency, Language, Market, TimeStamped


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
