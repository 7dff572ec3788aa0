"""The three markets the product is sold in, and how each shows money.

Pure Python (no Django imports) so that rules and documents can use it anywhere.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class MarketInfo:
    code: str
    currency: str
    language: str
    symbol: str
    thousands: str
    decimal: str
    symbol_after: bool
    # What the product information given before a sale is called there: the UK's IPID
    # (Insurance Distribution Directive), Italy's Set Informativo, Australia's PDS with
    # its Target Market Determination (Corporations Act Part 7.9, design and distribution).
    information_document: str = "Insurance product information document"


MARKETS: dict[str, MarketInfo] = {
    "UK": MarketInfo("UK", "GBP", "en-gb", "£", ",", ".", symbol_after=False),
    "IT": MarketInfo(
        "IT", "EUR", "it", "€", ".", ",", symbol_after=True, information_document="Set Informativo"
    ),  # fmt: skip
    "AU": MarketInfo(
        "AU",
        "AUD",
        "en-gb",
        "$",
        ",",
        ".",
        symbol_after=False,
        information_document="Product Disclosure Statement and Target Market Determination",
    ),  # fmt: skip
}
CURRENCY_MARKET = {info.currency: code for code, info in MARKETS.items()}

CENT = Decimal("0.01")


def format_money(amount: Decimal | int | str | None, currency: str) -> str:
    """Format an amount the way the market writes it: £1,234.56, 1.234,56 €, $1,234.56."""
    if amount is None or amount == "":
        return ""
    info = MARKETS[CURRENCY_MARKET[currency]]
    value = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    number = info.thousands.join(groups) + info.decimal + cents
    if info.symbol_after:
        return f"{sign}{number}\u00a0{info.symbol}"
    return f"{sign}{info.symbol}{number}"
