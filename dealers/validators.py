"""Validators for identifiers staff type in: VIN, registrations, tax codes, phones."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.au import abn
from stdnum.it import codicefiscale, iva

VIN_CHARS = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
PHONE = re.compile(r"^\+?[0-9 ()\-]{7,20}$")


def normalise_vin(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def vin_check_digit(vin: str) -> str:
    total = sum(VIN_VALUES[c] * w for c, w in zip(vin, VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def validate_vin(value: str) -> None:
    """ISO 3779: 17 characters, no I, O or Q. The check digit (position 9) is only
    mandatory for North American VINs (first character 1-5), so only those are checked."""
    vin = normalise_vin(value)
    if len(vin) != 17:
        raise ValidationError(
            _("A VIN has 17 characters; this one has %(count)d."),
            code="vin_length",
            params={"count": len(vin)},
        )
    if not VIN_CHARS.match(vin):
        raise ValidationError(
            _("A VIN uses only letters and digits, never I, O or Q."), code="vin_chars"
        )
    if vin[0] in "12345" and vin[8] != vin_check_digit(vin):
        raise ValidationError(
            _("This VIN's check digit is wrong: check for a typo."), code="vin_check"
        )


def validate_codice_fiscale(value: str) -> None:
    if not codicefiscale.is_valid(value or ""):
        raise ValidationError(
            _("This is not a valid codice fiscale (16 characters, with a correct check letter)."),
            code="codice_fiscale",
        )


def validate_partita_iva(value: str) -> None:
    if not iva.is_valid(value or ""):
        raise ValidationError(
            _("This is not a valid partita IVA (11 digits, with a correct check digit)."),
            code="partita_iva",
        )


def validate_abn(value: str) -> None:
    if not abn.is_valid(value or ""):
        raise ValidationError(
            _("This is not a valid ABN (11 digits, with a correct checksum)."), code="abn"
        )


def validate_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value or "")
    if not PHONE.match(value or "") or not 7 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number of 7 to 15 digits, e.g. +44 20 7946 0958."), code="phone"
        )
