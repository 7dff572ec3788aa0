"""Writes for products and their data: rate cards from CSV. (Sales arrive with issue 4.)"""

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dealers.models import User

from .models import Product, RateCard, RateCardEntry
from .selectors import config_cache_clear

CSV_COLUMNS = ["key", "value", "description"]


def rate_card_export_csv(card: RateCard) -> str:
    """The card's entries as CSV (key, value, description), ready to edit and import."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in card.entries.order_by("key"):
        writer.writerow([entry.key, f"{entry.value.normalize():f}", entry.description])
    return out.getvalue()


def _parse_rows(csv_text: str) -> list[RateCardEntry]:
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    if not reader.fieldnames or [f.strip() for f in reader.fieldnames[:2]] != CSV_COLUMNS[:2]:
        raise ValidationError(_("The first line must be the columns: key,value,description."))
    errors, entries, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        key = (row.get("key") or "").strip()
        try:
            value = Decimal((row.get("value") or "").strip())
            if value < 0 or not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(
                _("Line %(line)d: the value must be a number of 0 or more.") % {"line": line}
            )
            continue
        if not key or key in seen:
            errors.append(_("Line %(line)d: the key is empty or repeated.") % {"line": line})
            continue
        seen.add(key)
        entry = RateCardEntry(key=key, value=value,
                              description=(row.get("description") or "").strip())  # fmt: skip
        try:  # the key's and description's lengths, the value's digits
            entry.clean_fields(exclude=["rate_card"])
        except ValidationError as e:
            errors += [_("Line %(line)d: %(error)s") % {"line": line, "error": m}
                       for m in e.messages]  # fmt: skip
            continue
        entries.append(entry)
    if errors:
        raise ValidationError(errors)
    if not entries:
        raise ValidationError(_("The file has no rates."))
    return entries


@transaction.atomic
def rate_card_import_csv(
    *, product: Product, effective_from: date, version: str, csv_text: str, created_by: User | None
) -> RateCard:
    """A new rate card version from CSV. Every line is checked first; one bad line and
    nothing is saved. Earlier cards stay as they are: policies keep the card they were sold
    with."""
    entries = _parse_rows(csv_text)
    if RateCard.objects.filter(product=product, effective_from=effective_from).exists():
        raise ValidationError(
            {"effective_from": _("This product already has a rate card from that date.")}
        )
    card = RateCard.objects.create(
        product=product, effective_from=effective_from, version=version, created_by=created_by
    )
    for entry in entries:
        entry.rate_card = card
    RateCardEntry.objects.bulk_create(entries)  # bulk_create sends no signal
    transaction.on_commit(config_cache_clear)
    return card
