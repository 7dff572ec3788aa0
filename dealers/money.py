"""Money helpers: round half-up to the cent at the end, split totals exactly.

Pure Python; every later calculation (quotes, refunds, instalments) uses these.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_money(amount: Decimal) -> Decimal:
    """Round half-up to the cent. Call once, at the end of a calculation."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """Split `total` into `parts` instalments that add back to `total` exactly.

    Each instalment is the total divided and rounded down to the cent; the cents left
    over go one each to the first instalments (the ratio split of django-hordak).
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    if total < 0:
        raise ValueError("cannot split a negative total")
    total = round_money(total)
    base = (total / parts).quantize(CENT, rounding=ROUND_DOWN)
    remainder_cents = int((total - base * parts) / CENT)
    return [base + CENT if i < remainder_cents else base for i in range(parts)]
