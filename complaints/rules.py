"""A market's complaint rule, as head office keeps it."""

from .models import ComplaintRule
from .seed import RULES


def rule_of(market: str) -> ComplaintRule:
    """The market's rule as head office keeps it (the seed's reading where it has none)."""
    rule = ComplaintRule.objects.filter(market=market).first()
    if rule is None:
        seed = next(r for r in RULES if r["market"] == market)
        rule, _created = ComplaintRule.objects.get_or_create(market=market, defaults=seed)
    return rule
