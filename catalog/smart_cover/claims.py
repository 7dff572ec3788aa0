"""SMART Cover claims (PRODUCTS.md §2): the form asks the kind of damage and its size; the
assessment judges the size against the limits for its kind, and the report within 30 days
of the customer becoming aware of it. A covered claim is repaired in kind by a SMART
technician, so nothing is paid out."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.assessment import Assessment, Figure, day
from claims.forms import ClaimForm, size_mm
from policies.eligibility import params_from
from policies.menu import DATE
from policies.rules.smart_cover import DamageKind, SmartCoverParams, SmartDamage, assess_damage
from policies.selectors import settings_of


class SmartCoverForm(ClaimForm):
    EVENTS = [
        (k.value, label)
        for k, label in (
            (DamageKind.SCRATCH, gettext_lazy("Scratch")),
            (DamageKind.SCUFF, gettext_lazy("Scuff")),
            (DamageKind.DENT, gettext_lazy("Dent")),
            (DamageKind.STONE_CHIP, gettext_lazy("Stone chip")),
        )
    ]
    diameter_mm = size_mm(gettext_lazy("Size across (mm)"))
    depth_mm = size_mm(gettext_lazy("Depth (mm)"))
    aware_date = forms.DateField(
        label=gettext_lazy("The customer became aware of it on"), widget=DATE
    )
    CUSTOMER_LABELS = {"aware_date": gettext_lazy("You became aware of it on")}

    def clean(self):
        data = super().clean()
        aware, reported = data.get("aware_date"), data.get("reported_date")
        if aware and reported and aware > reported:
            self.add_error(
                "aware_date",
                gettext_lazy("The customer cannot report damage before knowing of it."),
            )
        return data


def assess_smart_cover(claim, f) -> Assessment:
    params = params_from(SmartCoverParams, settings_of(claim.policy.product))
    kind = DamageKind(claim.event)
    damage = SmartDamage(
        kind, f["diameter_mm"], f["depth_mm"], f["aware_date"], claim.reported_date
    )
    verdict = assess_damage(damage, params)
    chip = kind is DamageKind.STONE_CHIP
    width = params.chip_max_diameter_mm if chip else params.max_diameter_mm
    depth = params.chip_max_depth_mm if chip else params.max_depth_mm
    days = (claim.reported_date - f["aware_date"]).days
    what = _("stone chips") if chip else _("scratches, scuffs and dents")
    figures = (
        Figure(
            _("Size across"),
            _mm(f["diameter_mm"]),
            _("Covered up to %(limit)s for %(what)s.") % {"limit": _mm(width), "what": what},
        ),
        Figure(
            _("Depth"),
            _mm(f["depth_mm"]),
            _("Covered up to %(limit)s for %(what)s.") % {"limit": _mm(depth), "what": what},
        ),
        Figure(
            _("Reported after"),
            _("%(days)s days") % {"days": days},
            _(
                "Damage must be reported within %(limit)s days of the customer becoming aware "
                "of it (%(aware)s)."
            )
            % {"limit": params.report_within_days, "aware": day(f["aware_date"])},
        ),
    )
    if not verdict.covered:
        reasons = tuple(r.message for r in verdict.refusals)
        return Assessment(False, Decimal("0.00"), "", figures, reasons)
    return Assessment(True, Decimal("0.00"), "repairer", figures)


def _mm(value: Decimal) -> str:
    return f"{value.normalize():f} mm"
