"""Protezione Pneumatici (seed 001, PRODUCTS.md §4): an optional cover with its own event,
a tyre punctured by accident. It refunds the repair or replacement of the tyre net of its
wear and normal use, with the dismounting, balancing and fitting, for one tyre an insurance
year, up to €250 a claim and a year (the limits are CoverLimits, product setting `limits`).

What the year has used comes from the year's other claims that were approved or paid
under the cover (as the other yearly limits, claims.py).
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.assessment import Assessment, Figure, declined, incomplete, missing_facts, money_of
from claims.selectors import paid_in_window, units_paid_in_window
from policies.rules.furto_danni.covers import tyre_refund, tyres_left
from policies.rules.furto_danni.eligibility import SaleFacts
from policies.rules.furto_danni.params import FurtoDanniParams, Option

PART = str(Option.PROTEZIONE_PNEUMATICI)


def assess_tyre_puncture(
    claim, f, sale: SaleFacts, params: FurtoDanniParams, year: tuple[date, date]
) -> Assessment:
    if Option.PROTEZIONE_PNEUMATICI not in sale.options:
        return declined(
            _("A tyre puncture is covered only by the optional cover Protezione Pneumatici, "
              "which this policy does not have.")
        )  # fmt: skip
    missing = missing_facts(
        f, {"tyre_cost": _("Repair or replacement of the tyres, net of wear and normal use")}
    )
    if missing:
        return incomplete(missing)
    limits = params.limits
    tyres = f.get("tyres") or 1
    cost = f["tyre_cost"] + f.get("tyre_fitting", Decimal("0.00"))
    earlier = units_paid_in_window(claim.policy, PART, "tyres", *year, exclude=claim)
    paid = paid_in_window(claim.policy, PART, *year, exclude=claim)
    refund = tyre_refund(cost, earlier, limits, tyres=tyres, paid_this_year=paid)
    figures = _figures(claim, f, tyres, earlier, paid, refund, limits)
    reasons = () if refund else (_why_nothing(tyres_left(tyres, earlier, limits)),)
    return Assessment(True, refund, "customer", figures, reasons, parts={PART: refund})


def _why_nothing(covered: int) -> str:
    if covered == 0:
        return _("Protezione Pneumatici has already refunded the tyres of this insurance year.")
    return _("Protezione Pneumatici has already paid its limit for this insurance year.")


def _figures(claim, f, tyres, earlier, paid, refund, limits) -> tuple[Figure, ...]:
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    covered = tyres_left(tyres, earlier, limits)
    per_year = ngettext("%(n)s tyre an insurance year", "%(n)s tyres an insurance year",
                        limits.tyres_per_year) % {"n": limits.tyres_per_year}  # fmt: skip
    return (
        Figure(_("Tyres punctured"), str(tyres), _(
            "Protezione Pneumatici covers %(per_year)s; refunded earlier this year: "
            "%(earlier)s. Covered by this claim: %(covered)s.")
            % {"per_year": per_year, "earlier": earlier, "covered": covered}),
        Figure(_("Repair or replacement"), m(f["tyre_cost"]), _(
            "Repair or replacement of the tyres punctured by accident, net of their wear and "
            "normal use.")),
        Figure(_("Dismounting, balancing and fitting"), m(f.get("tyre_fitting", 0)),
               _("Refunded with the tyre.")),
        Figure(_("Protezione Pneumatici"), m(refund), _(
            "The costs of the tyres covered (shared equally between the tyres claimed), up "
            "to %(limit)s a claim and %(limit)s an insurance year; paid earlier this year: "
            "%(paid)s.") % {"limit": m(limits.tyre_max), "paid": m(paid)}),
        Figure(_("Payable"), m(refund), _("What Protezione Pneumatici refunds.")),
    )  # fmt: skip
