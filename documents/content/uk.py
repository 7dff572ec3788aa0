"""The UK's GAP products: Lexus Asset Protector (seed 000), Combined and Lease GAP Insurance
by smart (seed 004)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from policies.rules.asset_protector import (
    AssetProtectorClaim,
    AssetProtectorParams,
    asset_protector_benefit,
)
from policies.rules.smart_gap import (
    SmartGapClaim,
    SmartGapParams,
    combined_gap_benefit,
    lease_gap_benefit,
)

from .common import Facts, ProductText, Section

AUTOPROTECT = gettext_lazy(
    "Administered by AutoProtect (MBI) Limited, authorised and regulated by the Financial "
    "Conduct Authority, no. 312143."
)


# --- Lexus Asset Protector -------------------------------------------------------------

ASSET_PROTECTOR_TEXT = ProductText(
    arranged_by=gettext_lazy(
        "Arranged by Lexus Financial Services at your Lexus Centre."
    ),
    cancellation=gettext_lazy(
        "If you cancel, we refund the premium for the days of cover left, provided no claim "
        "has been made."
    ),
)  # fmt: skip


def asset_protector_covers(facts: Facts) -> list[Section]:
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
    return [Section(_("What is covered"), rows), _asset_protector_example(facts, params)]


def _asset_protector_example(facts: Facts, params: AssetProtectorParams) -> Section:
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


def _limited_cover(facts: Facts, params: AssetProtectorParams) -> tuple[tuple[str, str], ...]:
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


def _finance(facts: Facts) -> str:
    kind = facts.answer("finance_agreement", "cash")
    term = facts.answer("finance_term_months")
    names = {"cash": _("None (cash)"), "finance": _("Hire purchase"), "pcp": _("PCP"),
             "lease": _("Lease")}  # fmt: skip
    name = names.get(kind, kind)
    return _("%(kind)s, %(n)s months") % {"kind": name, "n": term} if term else name


# --- GAP Insurance by smart ------------------------------------------------------------


def smart_gap_text(facts: Facts) -> ProductText:
    return ProductText(
        arranged_by=str(AUTOPROTECT),
        contacts=((_("To claim (Monday to Friday 9.00-17.00, Saturday 9.00-12.00)"),
                   facts.line("claims_phone")),),
        cancellation=_(
            "If you cancel, we refund the premium for the days of cover left, provided no "
            "claim has been made."
        ),
    )  # fmt: skip


def smart_lease_gap_covers(facts: Facts) -> list[Section]:
    return smart_gap_covers(facts, lease=True)


def smart_gap_covers(facts: Facts, *, lease: bool = False) -> list[Section]:
    """smart Combined GAP's covers; `lease`: smart Lease GAP's."""
    p = facts.params(SmartGapParams)
    m = facts.limit
    what = (
        (_("Lease GAP"),
         _("The cost to clear your lease agreement less your motor insurer's settlement.")),
        (_("New lease contribution"),
         _("Towards a replacement smart on a new contract hire or lease agreement: up to "
           "%(n)s monthly rentals, at most %(limit)s including VAT.")
         % {"n": p.lease_rentals, "limit": m(p.lease_contribution_limit)}),
    ) if lease else (
        (_("Finance buyer"),
         _("The shortfall between your motor insurer's settlement and the original invoice "
           "price or, if greater, the shortfall to the finance settlement.")),
        (_("Cash buyer"), _("The original invoice price less your motor insurer's settlement.")),
    )  # fmt: skip
    limits = (
        (_("Claim limit"), _("The purchase price, for cars costing up to %(limit)s "
                             "(Hire and Reward vehicles: %(hr)s)")
         % {"limit": m(p.max_invoice_price), "hr": m(p.max_invoice_price_hire_and_reward)}),
        (_("Vehicle age"), _("Up to %(n)s years") % {"n": p.max_vehicle_age_years}),
        (_("Manufacturer-approved accessories"), _("Up to %(limit)s")
         % {"limit": m(p.accessories_limit)}),
        (_("Motor insurance excess"), _("Up to %(limit)s") % {"limit": m(p.motor_excess_limit)}),
        (_("Road Fund Licence contribution"), _("Up to %(limit)s")
         % {"limit": m(p.road_fund_licence_limit)}),
        (_("European cover"), _european_cover(facts)),
        (_("Paint protection"), _("Part of a claim when detailed on the original supply "
                                  "invoice")),
        (_("Transfer"), _("To a replacement vehicle of similar value, for an administration "
                          "fee")),
    )  # fmt: skip
    return [Section(_("What is covered"), what), Section(_("Limits and features"), limits),
            _smart_gap_example(facts, p, lease)]  # fmt: skip


def _smart_gap_example(facts: Facts, params: SmartGapParams, lease: bool) -> Section:
    """Seed 004's worked example, the benefit worked out by the claim rules."""
    owed, settlement = Decimal("14000"), Decimal("10000")
    m = facts.limit
    if lease:
        claim = SmartGapClaim(invoice_price=owed, insurer_settlement=settlement,
                              finance_settlement=owed)  # fmt: skip
        paid = lease_gap_benefit(claim, params).benefit
        first = (_("Still owed on your lease agreement"), m(owed))
    else:
        claim = SmartGapClaim(invoice_price=owed, insurer_settlement=settlement)
        paid = combined_gap_benefit(claim, params).benefit
        first = (_("What you paid for your smart"), m(owed))
    rows = (
        first,
        (_("Your motor insurer pays out"), m(settlement)),
        (_("GAP Insurance by smart pays out"), m(paid)),
    )
    return Section(_("An example of how it works"), rows)


def _european_cover(facts: Facts) -> str:
    """Days of European cover a year: a product setting head office edits (seed 004: 90)."""
    days = facts.settings.get("european_cover_days")
    return "—" if days is None else _("%(n)s days a year") % {"n": days}
