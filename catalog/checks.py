"""Problems between answers that several products' schemas share (Answers.check)."""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def sale_day(values: dict[str, Any]) -> date:
    """The day of the sale: sale_date, else the quote's date, else today."""
    return values.get("sale_date") or values.get("quote_date") or timezone.localdate()


def registered_by_the_sale(values: dict[str, Any]) -> dict[str, Any]:
    """A vehicle is registered before it is sold: first_registration not after the sale
    day. A first registration that failed its own check is absent: nothing to compare."""
    registered = values.get("first_registration")
    if registered is not None and registered > sale_day(values):
        return {"first_registration": _("First registration cannot be after the sale date.")}
    return {}
