"""GAP Insurance by smart, UK (seed 004): what the documents of smart Combined GAP and smart
Lease GAP say, the covers, limits and seed 004's worked example, the benefit worked out by
the claim rules (SmartGapParams)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from catalog.uk_wording import AUTOPROTECT
from documents.content.common import DocumentFacts, ProductText, Section
from policies.rules.smart_gap import (
    SmartGapClaim,
    SmartGapParams,
    combined_gap_benefit,
    lease_gap_benefit,
)


def smart_gap_text(facts: DocumentFacts) -> ProductText:
    return ProductText(
        arranged_by=str(AUTOPROTECT),
        contacts=((_("To claim (Monday to Friday 9.00-17.00, Saturday 9.00-12.00)"),
                   facts.line("claims_phone")),),
        cancellation=_(
            "If you cancel, we refund the premium for the days of cover left, provided no "
            "claim has been made."
        ),
    )  # fmt: skip


def smart_lease_gap_covers(facts: DocumentFacts) -> list[Section]:
    return smart_gap_covers(facts, lease=True)


def smart_gap_covers(facts: DocumentFacts, *, lease: bool = False) -> list[Section]:
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


def _smart_gap_example(facts: DocumentFacts, params: SmartGapParams, lease: bool) -> Section:
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


def _european_cover(facts: DocumentFacts) -> str:
    """Days of European cover a year: a product setting head office edits (seed 004: 90)."""
    days = facts.settings.get("european_cover_days")
    return "—" if days is None else _("%(n)s days a year") % {"n": days}
