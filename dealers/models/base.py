"""What every dealers model shares: the markets, currencies, languages and brands as
choices, the money field's size, and the abstract bases (versioned, time-stamped)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
