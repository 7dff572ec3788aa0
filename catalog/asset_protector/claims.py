"""Lexus Asset Protector claims (PRODUCTS.md §1): the form asks the figures of the total
loss; the assessment pays the GAP by the month of the loss, counted from the delivery."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.gap_claims import GAP_EVENTS
from claims.assessment import Assessment, Figure, day, declined, incomplete, missing_facts, money_of
from claims.forms import ClaimForm, money_field, policy_answer
from policies.eligibility import params_from
from policies.menu import DATE
from policies.rules.asset_protector import (
    AssetProtectorClaim,
    AssetProtectorParams,
    asset_protector_benefit,
    market_value,
    month_of_loss,
)
from policies.selectors import settings_of


class AssetProtectorForm(ClaimForm):
    EVENTS = GAP_EVENTS
    invoice_price = money_field(gettext_lazy("Net invoice price"), required=True)
    delivery_date = forms.DateField(label=gettext_lazy("Delivery date"), widget=DATE)
    insurer_settlement = money_field(gettext_lazy("Motor insurer's settlement"))
    glass_guide_value = money_field(gettext_lazy("Glass's Guide retail value"))
    finance_settlement = money_field(gettext_lazy("Finance settlement"))
    finance_term_months = forms.IntegerField(
        label=gettext_lazy("Finance term (months)"), min_value=1, max_value=120, required=False
    )

    def defaults(self, policy):
        vehicle = policy.vehicle
        return {
            "invoice_price": policy_answer(policy, "invoice_price"),
            "delivery_date": vehicle.delivery_date or policy.start_date,
            "finance_term_months": policy_answer(policy, "finance_term_months") or None,
        }


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
