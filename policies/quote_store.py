"""Quotes given at the desk: saved with a reference and the day they are valid to, and
reopened to be sold while valid, priced on the rates of the day they were given, so the
customer pays the price on the paper they took home (the answers may change, the rates
do not). How long a quote is valid is each product's setting `quote_valid_days`; a quote
of several products is valid for the shortest."""

import secrets
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dealers.models import Deal, User

from .basket import Basket, line_of
from .menu import Column
from .models import Quote
from .selectors import settings_of

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper


class QuoteRefused(Exception):
    """Nothing to quote, or a product head office has not given a validity."""


def quote_reference() -> str:
    return "Q-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def quote_validity(columns: list[Column], on: date) -> date:
    days = []
    for column in columns:
        value = settings_of(column.product).get("quote_valid_days")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise QuoteRefused(_("Head office has not set how long a quote of %(product)s is "
                                 "valid.") % {"product": column.product.name})  # fmt: skip
        days.append(value)
    return on + timedelta(days=min(days))


def quote_lines(columns: list[Column], basket: Basket) -> list:
    """The basket's lines; with none chosen, every priced column at its plan on the screen."""
    lines = basket.lines or [line for c in columns if (line := line_of(c)) is not None]
    product = {c.key: c.product.code for c in columns}
    return [{
        "key": line.key, "product": product[line.key], "name": line.name, "plan": line.plan,
        "total": str(line.total), "first": str(line.first), "count": line.count,
        "start": line.start.isoformat() if line.start else "",
    } for line in lines]  # fmt: skip


def quote_save(
    *,
    deal: Deal,
    columns: list[Column],
    basket: Basket,
    answers: dict[str, list[str]],
    by: User,
    key: str,
    on: date,
) -> Quote:
    """The quote of the screen as it is. Saved once a form key: sent again, the first."""
    if (done := Quote.objects.filter(submission_key=key, deal=deal).first()) is not None:
        return done
    lines = quote_lines(columns, basket)
    if not lines:
        raise QuoteRefused(_("No product is priced yet: answer the questions first."))
    quoted = [c for c in columns if c.key in {line["key"] for line in lines}]
    fields: dict[str, Any] = {
        "deal": deal, "created_by": by, "priced_on": on, "valid_until": quote_validity(quoted, on),
        "language": deal.dealer.language, "currency": quoted[0].product.currency,
        "answers": answers, "lines": lines, "chosen": bool(basket.lines),
        "single_total": basket.single_total, "monthly_total": basket.monthly_total,
        "total": basket.total, "financed_extra": basket.financed_extra, "submission_key": key,
    }  # fmt: skip
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Quote.objects.create(reference=quote_reference(), **fields)
        except IntegrityError:
            if (done := Quote.objects.filter(submission_key=key, deal=deal).first()) is not None:
                return done  # the same form, sent twice at once
    raise QuoteRefused(_("The quote could not be saved: try again."))


def quote_held(deal: Deal, reference: str, on: date) -> Quote | None:
    """The deal's quote of `reference` if it is valid on `on` (any other, or a reference
    of another deal's, holds nothing)."""
    if not reference or len(reference) > 20:
        return None
    quote = Quote.objects.filter(deal=deal, reference=reference).first()
    return quote if quote is not None and quote.valid_on(on) else None
