"""Lexus Asset Protector, UK (seed 000): what its documents say, the covers and seed 000's
worked example, the benefit worked out by the claim rules (AssetProtectorParams)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.content.common import DocumentFacts, ProductText, Section
from policies.rules.asset_protector import (
    AssetProtectorClaim,
    AssetProtectorParams,
    asset_protector_benefit,
)

ASSET_PROTECTOR_TEXT = ProductText(
    arranged_by=gettext_lazy(
        "Arranged by Lexus Financial Services at your Lexus Centre."
    ),
    cancellation=gettext_lazy(
        "If you cancel, we refund the premium for the days of cover left, provided no claim "
        "has been made."
    ),
)  # fmt: skip


def asset_protector_covers(facts: DocumentFacts) -> list[Section]:
    params = facts.params(AssetProtectorParams)
    std = params.standard_months
    rows = (
        (_("When it pays"), _("Your vehicle is written off, or stolen and not recovered.")),
        (_("Months 1 to %(n)s") % {"n": std},
         _("The greater of the Net Invoice Price and the finance settlement, less the market "
           "value at the date of loss. Where the finance settlement is greater than the Net "
           "Invoice Price, the benefit is paid to the finance company.")),
        *_limited_cover(facts, params),
        (_("Net Invoice Price"),
         _("%(price)s: what was paid for the vehicle itself. It excludes options and extras "
           "not fitted by the dealer, Road Fund Licence and negative equity.")
         % {"price": facts.money(facts.answer("invoice_price"))}),
        (_("Market value"),
         _("The greater of the motor insurer's valuation and the Glass's Guide retail value "
           "at the date of loss.")),
        (_("Finance agreement"), _finance(facts)),
    )  # fmt: skip
    return [Section(_("What is covered"), rows), _not_covered(facts, params),
            _asset_protector_example(facts, params)]  # fmt: skip


def _not_covered(facts: DocumentFacts, params: AssetProtectorParams) -> Section:
    """What seed 000 leaves out: what is not part of the Net Invoice Price or of the
    market value, a loss that is not a write-off or theft, and the months after cover."""
    std, longest = params.standard_months, params.limited_months
    return Section(_("What is not covered"), (
        (_("Extras"), _("Options and extras not fitted by the dealer, Road Fund Licence and "
                        "negative equity.")),
        (_("Contents"), _("Anything in the vehicle: the market value excludes its contents.")),
        (_("Other losses"), _("Damage or theft after which the vehicle is repaired or "
                              "recovered.")),
        (_("After the cover ends"), _("Losses after month %(std)s, or after month %(longest)s "
                                      "under a finance agreement longer than %(std)s months.")
         % {"std": std, "longest": longest}),
    ))  # fmt: skip


def _asset_protector_example(facts: DocumentFacts, params: AssetProtectorParams) -> Section:
    """Seed 000's worked example, the benefit worked out by the claim rules."""
    price, value = Decimal("22000"), Decimal("13000")
    claim = AssetProtectorClaim(invoice_price=price, insurer_settlement=value,
                                months_since_delivery=1)  # fmt: skip
    benefit = asset_protector_benefit(claim, params).benefit
    m = facts.limit
    rows = (
        (_("Net Invoice Price"), m(price)),
        (_("Market value at the date of loss"), m(value)),
        (_("Asset Protector could pay"), m(benefit)),
    )
    return Section(_("An example of how it works"), rows)


def _limited_cover(
    facts: DocumentFacts, params: AssetProtectorParams
) -> tuple[tuple[str, str], ...]:
    """Months 37 to 48, only on a policy that runs into them with the finance agreement
    longer than 36 months they need (seed 000); otherwise the schedule does not mention
    them."""
    std, ltd = params.standard_months, params.limited_months
    finance_term = int(facts.answer("finance_term_months") or 0)
    term = facts.policy.term_months
    if term <= std or finance_term <= std:
        return ()
    label = _("Months %(a)s to %(b)s (limited cover)") % {"a": std + 1, "b": ltd}
    text = _("The finance agreement runs %(n)s months: the finance settlement less the market "
             "value, paid to the finance company.") % {"n": finance_term}  # fmt: skip
    return ((label, text),)


def _finance(facts: DocumentFacts) -> str:
    kind = facts.answer("finance_agreement", "cash")
    term = facts.answer("finance_term_months")
    names = {"cash": _("None (cash)"), "finance": _("Hire purchase"), "pcp": _("PCP"),
             "lease": _("Lease")}  # fmt: skip
    name = names.get(kind, kind)
    return _("%(kind)s, %(n)s months") % {"kind": name, "n": term} if term else name
