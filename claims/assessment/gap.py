"""GAP claims: Lexus Asset Protector (PRODUCTS.md §1) and GAP Insurance by smart (§6)."""

from django.utils.translation import gettext as _

from policies.eligibility import params_from
from policies.rules.asset_protector import (
    AssetProtectorClaim,
    AssetProtectorParams,
    asset_protector_benefit,
    market_value,
    month_of_loss,
)
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

from . import Assessment, Figure, day, declined, incomplete, missing_facts, money_of


def assess_asset_protector(claim, f) -> Assessment:
    params = params_from(AssetProtectorParams, settings_of(claim.policy.product))
    missing = missing_facts(f, {"insurer_settlement": _("Motor insurer's settlement")})
    if missing:
        return incomplete(missing)
    if claim.loss_date < f["delivery_date"]:
        return declined(
            _("The loss on %(loss)s is before the delivery on %(delivery)s.")
            % {"loss": day(claim.loss_date), "delivery": day(f["delivery_date"])}
        )
    month = month_of_loss(f["delivery_date"], claim.loss_date)
    rule_claim = AssetProtectorClaim(
        invoice_price=f["invoice_price"],
        insurer_settlement=f["insurer_settlement"],
        months_since_delivery=month,
        glass_guide_value=f.get("glass_guide_value"),
        finance_settlement=f.get("finance_settlement"),
        finance_term_months=f.get("finance_term_months"),
    )
    benefit = asset_protector_benefit(rule_claim, params)
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    figures = [
        Figure(
            _("Month of the loss"),
            str(month),
            _(
                "Counted from the delivery on %(delivery)s: months 1 to %(standard)s are covered; "
                "months %(next)s to %(limited)s only with a finance agreement longer than "
                "%(standard)s months."
            )
            % {
                "delivery": day(f["delivery_date"]),
                "standard": params.standard_months,
                "next": params.standard_months + 1,
                "limited": params.limited_months,
            },
        ),
        Figure(
            _("Net invoice price"),
            m(f["invoice_price"]),
            _("What was paid for the vehicle itself, without extras or negative equity."),
        ),
        Figure(
            _("Market value at the loss"),
            m(market_value(rule_claim)),
            _(
                "The greater of the motor insurer's valuation (%(insurer)s) and Glass's Guide "
                "retail value (%(glass)s)."
            )
            % {
                "insurer": m(f["insurer_settlement"]),
                "glass": m(f.get("glass_guide_value")) or "–",
            },
        ),
    ]
    if f.get("finance_settlement") is not None:
        figures.append(
            Figure(
                _("Finance settlement"),
                m(f["finance_settlement"]),
                _("What the finance company is owed at the loss."),
            )
        )
    figures.append(Figure(_("Benefit"), m(benefit.benefit), benefit.reason))
    if not benefit.covered:
        return declined(benefit.reason, figures)
    return Assessment(True, benefit.benefit, benefit.payee.value, tuple(figures))


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
