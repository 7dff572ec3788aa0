"""What most products share, for their definitions to build on: a refund pro rata by days
less the product's fee (nothing after a claim), the whole premium back within a cooling-off
period, and pricing by term and invoice price."""

from decimal import Decimal
from typing import Any

from dealers.markets import format_money
from dealers.money import round_money
from policies.eligibility import term_not_offered
from policies.rules import premiums, smart_cover
from policies.rules.common import ZERO
from policies.rules.messages import register, text
from products.registry import ProductDefinition

D = Decimal

register(
    "refund_cooling_off",
    "Cancelled within the {days}-day cooling-off period with no claim: the whole premium "
    "is refunded.",
    "Recesso entro il periodo di ripensamento di {days} giorni senza sinistri: si rimborsa "
    "l'intero premio.",
)


def full_refund_unless_claim(cancellation: Any, lang: str, days: int) -> Any:
    """Within the cooling-off period: the whole premium back, no fee; nothing after a
    claim (seed 000, SMART Cover: "within the first 14 days ... a full refund, provided
    no claims have been made")."""
    if cancellation.claim_made:
        return smart_cover.CancellationRefund(ZERO, ZERO, text("refund_after_claim", lang))
    reason = text("refund_cooling_off", lang, days=days)
    return smart_cover.CancellationRefund(round_money(cancellation.premium), ZERO, reason)


class FullRefundCoolingOff:
    """A product whose cooling-off cancellation refunds the whole premium unless a claim
    was made (mixed into its definition)."""

    def cooling_off_refund(self, cancellation: Any, fee: Decimal, lang: str, days: int) -> Any:
        return full_refund_unless_claim(cancellation, lang, days)


class Product(ProductDefinition):
    """A product refunded pro rata by days less its cancellation fee (none unless head
    office sets one), with nothing back after a claim in the period."""

    def refusals(self, inputs, config, on, lang) -> tuple[list, dict[str, Any]]:
        """A term head office does not offer; a product adds its own rules."""
        return term_not_offered(config, inputs.get("term_months"), lang), {}

    def refund(self, cancellation: Any, fee: Decimal, lang: str) -> Any:
        if cancellation.claim_made:
            return smart_cover.CancellationRefund(ZERO, ZERO, text("refund_after_claim", lang))
        c = cancellation
        reason = text(
            "refund_pro_rata", lang, remaining=(c.end_date - c.cancel_date).days,
            total=(c.end_date - c.start_date).days,
            fee=format_money(fee, self.reference.currency),
        )  # fmt: skip
        refund = smart_cover.pro_rata_less_fee(cancellation, fee).refund
        return smart_cover.CancellationRefund(refund, round_money(fee), reason)


class TermPriced(Product):
    """Priced by term and invoice price from the rate card's bands
    (`term:<months>|up_to:<price>`)."""

    QUOTE_KEYS = ("term_months", "invoice_price", "sale_date", "delivery_date",
                  "first_registration", "hire_and_reward", "finance_agreement",
                  "finance_term_months")  # fmt: skip

    def quote_inputs(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {k: answers.get(k) for k in self.QUOTE_KEYS}

    def components(self, inputs, rates, lang, discount) -> list:
        return premiums.gap_components(
            rates, term_months=inputs["term_months"], invoice_price=inputs["invoice_price"],
            label=str(self.label), lang=lang,
        )  # fmt: skip


def banded(terms: dict[int, str], bands: list[int], steps: list[str]) -> dict[str, Decimal]:
    """Rates `term:<t>|up_to:<band>`: each band's 36-month step times the term's factor."""
    return {
        f"term:{t}|up_to:{b}": (D(s) * D(f)).quantize(D("0.01"))
        for t, f in terms.items()
        for b, s in zip(bands, steps, strict=True)
    }


TERM_FACTORS = {24: "0.8", 36: "1.0", 48: "1.2"}  # shorter and longer terms, off 36 months
GAP_DEFERRAL = {
    "sale_deferral_clear_days": 2,
    "sale_deferral_waiver_after_days": 1,  # ICOBS 6A.1
    # Reading: the price emailed with the information is held 30 days; the
    # customer is reminded 5 days before it lapses (issue 20).
    "distance_price_hold_days": 30,
    "distance_lapse_reminder_days": 5,
}
# When cover starts (policies.sales.CoverStart): every product from the day of the sale
# unless its settings say otherwise. Reading: a chosen start up to 30 days ahead.
COVER_CHOSEN = {"cover_start": "chosen", "cover_start_max_days_ahead": 30}
# How many days a quote given at the desk holds its price (policies.quote_store). Reading:
# 30 days, the usual life of a dealer's written quote; head office sets it per product.
QUOTE_VALID = {"quote_valid_days": 30}


def cooling_off(days: int, why: str) -> dict[str, tuple[int, str]]:
    """The product's cooling-off period (Reference.readings): the days from the start of
    cover in which the customer may cancel on their own page (issue 20)."""
    return {"cooling_off_days": (days, f"Days from the start of cover to cancel in the "
                                       f"cooling-off period: {why}")}  # fmt: skip


def commission_cap(share: str, why: str) -> dict[str, tuple[str, str]]:
    """The most commission the product's rates may give a dealer, as a share of the net
    premium (Reference.readings): policies.models.CommissionRate refuses a rate above it."""
    return {"commission_cap": (share, f"The most commission a rate may give, as a share of "
                                      f"the net premium: {why}")}  # fmt: skip


GAP_COMMISSION_CAP = commission_cap(
    "0.4000",
    "Reading: 40%, below the up to 70% of GAP premiums the FCA found paid away in "
    "commission (2024). Head office to confirm.",
)


def uk_ipt(rate: str) -> tuple:
    """The UK's Insurance Premium Tax at `rate` (12% standard, 20% higher)."""
    return ("ipt", "Insurance Premium Tax", D(rate), "", "", False, 1)


def demo_age(deal: Any, on: Any) -> int:
    """The demo customer's age on `on` (45 when the record has no birth date)."""
    born = deal.customer.date_of_birth
    return max(18, (on - born).days // 365) if born else 45
