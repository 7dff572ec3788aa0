"""GAP Insurance by smart claims (PRODUCTS.md §6): smart Combined GAP and smart Lease GAP,
the form asking the figures of the total loss and the assessment the GAP benefit."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.gap_claims import GAP_EVENTS
from claims.assessment import Assessment, Figure, incomplete, missing_facts, money_of
from claims.forms import ClaimForm, money_field, policy_answer, yes_no
from policies.eligibility import params_from
from policies.rules.common import ZERO
from policies.rules.smart_gap import (
    SmartGapClaim,
    SmartGapExtras,
    SmartGapParams,
    combined_gap_benefit,
    lease_contribution,
    lease_gap_benefit,
)
from policies.selectors import settings_of


class SmartGapForm(ClaimForm):
    EVENTS = GAP_EVENTS
    invoice_price = money_field(gettext_lazy("Original purchase invoice price"), required=True)
    insurer_settlement = money_field(gettext_lazy("Motor insurer's settlement"))
    finance_settlement = money_field(gettext_lazy("Finance settlement"))
    motor_excess = money_field(gettext_lazy("Motor insurance excess paid"))
    accessories = money_field(gettext_lazy("Manufacturer-approved accessories"))
    road_fund_licence = money_field(gettext_lazy("Road Fund Licence"))

    def defaults(self, policy):
        return {"invoice_price": policy_answer(policy, "invoice_price")}


class SmartLeaseGapForm(SmartGapForm):
    finance_settlement = money_field(gettext_lazy("Lease settlement"))
    new_lease = yes_no(gettext_lazy("Replacement smart on a new lease"), required=False)
    monthly_rental = money_field(gettext_lazy("Monthly rental of the new lease"))


def assess_smart_gap(claim, f, *, lease: bool = False) -> Assessment:
    """smart Combined GAP; `lease`: smart Lease GAP, paid on the lease settlement."""
    params = params_from(SmartGapParams, settings_of(claim.policy.product))
    needed = {"insurer_settlement": _("Motor insurer's settlement")}
    if lease:
        needed["finance_settlement"] = _("Lease settlement")
    missing = missing_facts(f, needed)
    if missing:
        return incomplete(missing)
    rule_claim = SmartGapClaim(
        invoice_price=f["invoice_price"],
        insurer_settlement=f["insurer_settlement"],
        finance_settlement=f.get("finance_settlement"),
        motor_excess=f.get("motor_excess", ZERO),
        monthly_rental=f.get("monthly_rental", ZERO),
        new_lease=f.get("new_lease", False),
    )
    extras = SmartGapExtras(f.get("accessories", ZERO), f.get("road_fund_licence", ZERO))
    gap = lease_gap_benefit if lease else combined_gap_benefit
    benefit = gap(rule_claim, params, extras)
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    figures = [
        Figure(
            _("Invoice price"),
            m(f["invoice_price"]),
            _("The original purchase invoice; the claim is limited to it."),
        ),
        Figure(
            _("Motor insurer's settlement"),
            m(f["insurer_settlement"]),
            _("What the motor insurer paid for the total loss."),
        ),
        Figure(
            _("Motor excess"),
            m(min(rule_claim.motor_excess, params.motor_excess_limit)),
            _("The motor insurance excess, covered up to %(limit)s.")
            % {"limit": m(params.motor_excess_limit)},
        ),
    ]
    if lease:
        figures.append(
            Figure(
                _("New lease contribution"),
                m(lease_contribution(rule_claim, params)),
                _("Up to %(n)s monthly rentals of a new smart lease, at most %(limit)s.")
                % {"n": params.lease_rentals, "limit": m(params.lease_contribution_limit)},
            )
        )
    figures.append(Figure(_("Benefit"), m(benefit.benefit), benefit.reason))
    return Assessment(True, benefit.benefit, benefit.payee.value, tuple(figures))
