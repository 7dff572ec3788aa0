"""SMART Cover claims (PRODUCTS.md §2): the damage's size against the limits for its kind,
and the report within 30 days of the customer becoming aware of it. A covered claim is
repaired in kind by a SMART technician, so nothing is paid out."""

from decimal import Decimal

from django.utils.translation import gettext as _

from policies.eligibility import params_from
from policies.rules.smart_cover import DamageKind, SmartCoverParams, SmartDamage, assess_damage
from policies.selectors import settings_of

from . import Assessment, Figure, day


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
