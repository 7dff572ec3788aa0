"""Polizza Furto e Danni claims (PRODUCTS.md §4, API.md it-settlement): the cover must be
in the policy's package or options; then partial or total damage, the deductible from the
table, the depreciation by policy year on a total loss, and the limits.

The insured value and the vehicle's condition are the sale's, worked out again from the
policy's answers by the same rule (eligibility.insured_value). Reading: the policy year
counts from the first period of cover, through renewals, and stays at 5 after five years.
"""

from django.utils.translation import gettext as _

from policies.eligibility import params_from
from policies.models import Policy
from policies.rules.common import add_years
from policies.rules.furto_danni.covers import claim_is_covered
from policies.rules.furto_danni.eligibility import SaleFacts, insured_value, vehicle_condition
from policies.rules.furto_danni.params import (
    Condition,
    Cover,
    DamageKind,
    FurtoDanniParams,
    Option,
    Package,
    Scoperto,
)
from policies.rules.furto_danni.settlement import (
    ClaimFacts,
    partial_deductible,
    settle_claim,
    total_loss_pct,
)
from policies.sales import answers_typed
from policies.selectors import settings_of

from ..forms import IT_COVERS
from . import Assessment, Figure, declined, incomplete, missing_facts, money_of

COVER_LABELS = dict(IT_COVERS)


def policy_year(policy: Policy, loss) -> int:
    first = policy
    while first.renewed_from_id:
        first = first.renewed_from
    year = 1
    while year < 5 and add_years(first.start_date, year) <= loss:
        year += 1
    return year


def _sale(answers) -> SaleFacts:
    return SaleFacts(
        package=Package(answers["package"]),
        options=tuple(map(Option, answers.get("options", ()))),
        vehicle_type=answers.get("vehicle_type", "autovettura"),
        first_registration=answers["first_registration"],
        sale_date=answers["sale_date"],
        invoice_price=answers["invoice_price"],
        duration_years=answers["duration_years"],
        market_value=answers.get("market_value"),
        financed_by_lfs=answers.get("financed_by_lfs", False),
    )


def assess_furto_danni(claim, f) -> Assessment:
    policy = claim.policy
    params = params_from(FurtoDanniParams, settings_of(policy.product))
    sale = _sale(answers_typed(policy.answers))
    cover = Cover(claim.event)
    if not claim_is_covered(cover, sale.package, sale.options, params):
        return declined(
            _("The cover %(cover)s is not in this policy (package %(package)s).")
            % {"cover": COVER_LABELS[cover], "package": sale.package.value.title()}
        )
    missing = missing_facts(f, {"damage": _("Amount of the damage")})
    if missing:
        return incomplete(missing)
    condition = vehicle_condition(sale.first_registration, sale.sale_date, params)
    facts = ClaimFacts(
        cover=cover,
        insured_value=insured_value(sale, condition, params),
        damage=f["damage"],
        in_network=f.get("in_network", False),
        province=policy.answers.get("province", ""),
        vehicle_condition=condition,
        policy_year=policy_year(policy, claim.loss_date),
        luxury_brand=policy.vehicle.luxury_brand,
        commercial_or_leasing=policy.vehicle.commercial_use
        or policy.vehicle.finance_type == "lease",
        replacement=f.get("replacement", False),
        glass_replaced=f.get("glass_replaced", True),
        package=sale.package,
    )
    settlement = settle_claim(facts, params)
    figures = _figures(claim, facts, settlement, params)
    return Assessment(True, settlement.payable, "customer", tuple(figures))


def _figures(claim, facts: ClaimFacts, settlement, params) -> list[Figure]:
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    total = settlement.damage_kind == DamageKind.TOTAL
    threshold = f"{params.total_loss_threshold * 100:.0f}%"
    figures = [
        Figure(
            _("Insured value"),
            m(facts.insured_value),
            _(
                "The invoice price net of discounts; for a used vehicle at most 120% of its "
                "market value."
            )
            if facts.vehicle_condition == Condition.USED
            else _("The invoice price net of discounts (a new vehicle)."),
        ),
        Figure(
            _("Damage"),
            m(facts.damage),
            _("Total damage: %(t)s or more of the insured value; partial below.")
            % {"t": threshold},
        ),
        Figure(_("Kind of damage"), _("Total") if total else _("Partial"), ""),
    ]
    if total:
        figures.append(
            Figure(
                _("Depreciation"),
                f"{settlement.depreciation * 100:.0f}%",
                _(
                    "Policy year %(year)s, %(condition)s vehicle: the share of the insured "
                    "value paid on a total loss."
                )
                % {
                    "year": facts.policy_year,
                    "condition": _("new")
                    if facts.vehicle_condition == Condition.NEW
                    else _("used"),
                },
            )
        )
        pct = total_loss_pct(facts, params)
        rule = _(
            "Total damage %(with)s replacement of the vehicle: %(pct)s of the base%(province)s."
        ) % {
            "with": _("with") if facts.replacement else _("without"),
            "pct": f"{pct * 100:.0f}%",
            "province": (_(", province %(p)s") % {"p": facts.province}) if facts.province else "",
        }
    else:
        rule = _deductible_rule(claim, partial_deductible(facts, params))
    figures.append(Figure(_("Deductible"), m(settlement.deductible), rule))
    if settlement.cap is not None:
        figures.append(Figure(_("Limit"), m(settlement.cap), _("The cover's limit applies.")))
    figures.append(
        Figure(
            _("Payable"),
            m(settlement.payable),
            _("The base (%(base)s) less the deductible, never more than the limit.")
            % {"base": m(settlement.base)},
        )
    )
    return figures


def _deductible_rule(claim, rule) -> str:
    if isinstance(rule, Scoperto):
        return _("Partial damage: scoperto %(pct)s, at least %(min)s.") % {
            "pct": f"{rule.pct * 100:.0f}%",
            "min": money_of(claim, rule.minimum),
        }
    return _("Partial damage: franchigia of %(amount)s.") % {"amount": money_of(claim, rule.amount)}
