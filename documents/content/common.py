"""The shapes every product's content comes in, and small formatting helpers."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation

from dealers.markets import CURRENCY_MARKET, MARKETS, format_money
from policies.eligibility import params_from
from policies.models import Policy
from policies.selectors import settings_of


@dataclass(frozen=True)
class Section:
    """A titled table of a document. Without `head`, each row is (label, value)."""

    title: str
    rows: tuple[tuple[str, ...], ...]
    head: tuple[str, ...] = ()
    note: str = ""
    widths: tuple[int, ...] = ()  # % of the width by column; none: the usual split

    @property
    def columns(self) -> tuple[int, ...]:
        """Fixed column widths: the PDF lays tables out without measuring every cell."""
        if self.widths:
            return self.widths
        count = len(self.head) or (len(self.rows[0]) if self.rows else 2)
        return {1: (100,), 2: (34, 66), 3: (34, 22, 44), 4: (28, 24, 24, 24)}.get(
            count, tuple(100 // count for _ in range(count))
        )

    @property
    def head_widths(self) -> list[tuple[str, int | None]]:
        """The head with the widths of every column but the last, which takes the rest
        (a width on every column would add up to more than the page with the padding)."""
        widths: list[int | None] = [*self.columns[: len(self.head) - 1], None]
        return list(zip(self.head, widths, strict=False))


@dataclass(frozen=True)
class ProductText:
    """What the source documents say about a product beyond its covers."""

    arranged_by: str = ""  # the administrator or arranger, with its regulator details
    contacts: tuple[tuple[str, str], ...] = ()  # (what for, number or address)
    cancellation: str = ""  # the customer's right to cancel, in the product's words


class DocumentFacts:
    """A policy as the content builders read it: its answers, its money, its readings."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.answers: dict[str, Any] = policy.answers or {}
        self.currency = policy.currency
        self.settings = settings_of(policy.product)

    def money(self, amount: Decimal | int | str | None) -> str:
        return format_money(amount, self.currency)

    def limit(self, amount: Decimal | int | str) -> str:
        """A limit of cover: whole amounts without the cents (£20,000,000; 2.500 €)."""
        return limit_money(amount, self.currency)

    def params(self, cls: type) -> Any:
        """The rules' parameters for the product, with head office's readings."""
        return params_from(cls, self.settings)

    def answer(self, key: str, default: Any = None) -> Any:
        value = self.answers.get(key)
        return default if value in (None, "") else value

    def decimal(self, key: str) -> Decimal | None:
        value = self.answer(key)
        return None if value is None else Decimal(str(value))

    def day(self, key: str) -> date | None:
        value = self.answer(key)
        return date.fromisoformat(value) if isinstance(value, str) else value

    def line(self, key: str) -> str:
        """A phone number, email, address or website of the product: a product setting
        head office edits (claims lines apart from enquiry lines), "—" until it is set."""
        value = self.settings.get(key)
        return "—" if value in (None, "") else str(value)


def limit_money(amount: Decimal | int | str, currency: str) -> str:
    text = format_money(amount, currency)
    if Decimal(str(amount)) % 1:
        return text
    cents = MARKETS[CURRENCY_MARKET[currency]].decimal + "00"
    at = text.rfind(cents)
    return text[:at] + text[at + len(cents) :]


def number(value: Decimal | int, places: int = 0) -> str:
    """A plain number in the active language: 1.5 / 1,5; 2,000 / 2.000."""
    text = f"{Decimal(value):,.{places}f}"
    if translation.get_language() == "it":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def percent(rate: Decimal | str) -> str:
    """0.12 -> 12%, 0.135 -> 13.5% (13,5% in Italian)."""
    value = (Decimal(str(rate)) * 100).normalize()
    places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
    return f"{number(value, places)}%"


def yes_no(value: Any) -> str:
    from django.utils.translation import gettext as _

    return _("Yes") if value in (True, "True", "true", "yes") else _("No")
