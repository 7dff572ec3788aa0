"""Polizza Furto e Danni claims (PRODUCTS.md §4, API.md it-settlement): the form asks the
cover claimed on and the damage; the assessment checks the cover is in the policy's
package or options; then partial or total damage, the deductible from the table, the
depreciation by policy year on a total loss, and the limits; then every optional cover
the policy holds that the claim calls on (Restart, Protezione Franchigia, Fattura
Rimborsata, Kasko Finanziaria), and the yearly limits less what the year's other claims
were approved or paid. A tyre puncture is Protezione Pneumatici's own event
(tyre_claims.py).

The insured value and the vehicle's condition are the first sale's, worked out again from
the policy's answers by the same rule (eligibility.insured_value): a renewal re-dates
`sale_date`, and a new car must not turn "used" at its first renewal. Reading: the policy
year counts from the first period of cover, through renewals, and stays at 5 after five
years; an "insurance year" of a yearly limit is that policy year.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.assessment import Assessment, Figure, declined, incomplete, missing_facts, money_of
from claims.forms import ClaimForm, money_field, yes_no
from claims.selectors import paid_in_window
from policies.eligibility import params_from
from policies.models import Policy
from policies.rules.common import add_years
from policies.rules.furto_danni.covers import (
    KASKO_FINANZIARIA_COVERS,
    base_partial_year_payable,
    claim_is_covered,
    fattura_rimborsata_refund,
    kasko_finanziaria_benefit,
    protezione_franchigia_refund,
    restart_benefit,
)
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
    Settlement,
    partial_deductible,
    settle_claim,
    total_loss_pct,
)
from policies.selectors import answers_as_first_sold, first_of_chain, settings_of
from policies.stored_answers import answers_decoded

from .tyre_claims import assess_tyre_puncture

IT_COVERS = [
    (Cover.FURTO, gettext_lazy("Theft or robbery")),
    (Cover.INCENDIO, gettext_lazy("Fire")),
    (Cover.ATTI_VANDALICI, gettext_lazy("Vandalism")),
    (Cover.CALAMITA_NATURALI_PREMIUM, gettext_lazy("Natural disaster (Premium)")),
    (Cover.CALAMITA_NATURALI_BASE, gettext_lazy("Natural disaster (Base)")),
    (Cover.KASKO_PREMIUM, gettext_lazy("Kasko (Premium)")),
    (Cover.KASKO_BASE, gettext_lazy("Kasko (Base)")),
    (Cover.COLLISIONE_PREMIUM, gettext_lazy("Collision (Premium)")),
    (Cover.COLLISIONE_BASE, gettext_lazy("Collision (Base)")),
    (Cover.CRISTALLI, gettext_lazy("Glass")),
]


# Protezione Pneumatici is an optional cover, not a settlement cover: its own event.
TYRE_PUNCTURE = "protezione_pneumatici"


class FurtoDanniForm(ClaimForm):
    EVENTS = [
        *((c.value, label) for c, label in IT_COVERS),
        (TYRE_PUNCTURE, gettext_lazy("Tyre puncture (Protezione Pneumatici)")),
    ]
    damage = money_field(gettext_lazy("Amount of the damage"))
    in_network = yes_no(gettext_lazy("Repaired in the Lexus network"), required=False)
    replacement = yes_no(
        gettext_lazy("The customer replaces the vehicle (total damage)"), required=False
    )
    glass_replaced = yes_no(gettext_lazy("Glass replaced (not repaired)"), required=False)
    network_invoices = money_field(
        gettext_lazy("Fattura Rimborsata: Lexus network invoices of the 12 months before the theft")
    )
    residual_debt = money_field(
        gettext_lazy("Kasko Finanziaria: residual debt to Lexus Financial Services")
    )
    tyres = forms.IntegerField(
        label=gettext_lazy("Tyres punctured"), min_value=1, max_value=5, required=False
    )
    tyre_cost = money_field(
        gettext_lazy("Repair or replacement of the tyres, net of wear and normal use")
    )
    tyre_fitting = money_field(gettext_lazy("Dismounting, balancing and fitting"))

    DAMAGE_FIELDS = ("damage", "in_network", "replacement", "glass_replaced",
                     "network_invoices", "residual_debt")  # fmt: skip
    TYRE_FIELDS = ("tyres", "tyre_cost", "tyre_fitting")
    EVENT_FIELDS = {
        **dict.fromkeys((c.value for c, _label in IT_COVERS), DAMAGE_FIELDS),
        TYRE_PUNCTURE: TYRE_FIELDS,
    }
    GROUPS = (
        (gettext_lazy("Damage to the vehicle"), DAMAGE_FIELDS),
        (gettext_lazy("Tyre puncture (Protezione Pneumatici)"), TYRE_FIELDS),
    )
    CUSTOMER_LABELS = {"replacement": gettext_lazy("You replace the vehicle (total damage)")}

    def defaults(self, policy):
        return {"tyres": 1}


COVER_LABELS = dict(IT_COVERS)
BASE_COVERS = (Cover.KASKO_BASE, Cover.COLLISIONE_BASE)
FIRE_THEFT = (Cover.FURTO, Cover.INCENDIO)


def policy_year(policy: Policy, loss) -> int:
    first = first_of_chain(policy)
    year = 1
    while year < 5 and add_years(first.start_date, year) <= loss:
        year += 1
    return year


def policy_year_window(policy: Policy, loss) -> tuple[date, date]:
    """The insurance year of the chain that `loss` falls in: [start, end)."""
    first = first_of_chain(policy).start_date
    n = 0
    while add_years(first, n + 1) <= loss:
        n += 1
    return add_years(first, n), add_years(first, n + 1)


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
        first_sale_date=answers.get("first_sale_date"),
    )


def assess_furto_danni(claim, f) -> Assessment:
    policy = claim.policy
    params = params_from(FurtoDanniParams, settings_of(policy.product))
    first_sold = answers_as_first_sold(policy)
    sale = _sale(answers_decoded(policy.product.code, first_sold, policy.answers_version))
    if claim.event == TYRE_PUNCTURE:
        window = policy_year_window(policy, claim.loss_date)
        return assess_tyre_puncture(claim, f, sale, params, window)
    cover = Cover(claim.event)
    held = claim_is_covered(cover, sale.package, sale.options, params)
    by_kf = Option.KASKO_FINANZIARIA in sale.options and cover in KASKO_FINANZIARIA_COVERS
    if not (held or by_kf):
        return declined(
            _("The cover %(cover)s is not in this policy (package %(package)s).")
            % {"cover": COVER_LABELS[cover], "package": sale.package.value.title()}
        )
    missing = missing_facts(f, {"damage": _("Amount of the damage")})
    missing += _option_facts_missing(sale, cover, f)
    if missing:
        return incomplete(missing)
    condition = vehicle_condition(sale.first_registration, sale.valued_on, params)
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
    parts = {str(cover): settlement.payable if held else Decimal("0.00")}
    if cover in BASE_COVERS and settlement.damage_kind == DamageKind.PARTIAL:
        parts[str(cover)] = _base_year_limit(claim, settlement, params, figures)
    _options(claim, sale, facts, settlement, f, params, figures, parts)
    payable = sum(parts.values(), Decimal("0.00"))
    figures.append(
        Figure(
            _("Payable"),
            money_of(claim, payable),
            _("The cover claimed and every optional cover that applies, added together."),
        )
    )
    return Assessment(True, payable, "customer", tuple(figures), parts=parts)


def _option_facts_missing(sale: SaleFacts, cover: Cover, f) -> list[str]:
    needed = {}
    if Option.FATTURA_RIMBORSATA in sale.options and cover == Cover.FURTO:
        needed["network_invoices"] = _(
            "Lexus network invoices of the 12 months before the theft (Fattura Rimborsata)"
        )
    if Option.KASKO_FINANZIARIA in sale.options and cover in (
        *BASE_COVERS,
        Cover.KASKO_PREMIUM,
        Cover.COLLISIONE_PREMIUM,
    ):
        needed["residual_debt"] = _(
            "Residual debt to Lexus Financial Services at the loss (Kasko Finanziaria)"
        )
    return missing_facts(f, needed)


def _paid_this_year(claim, part: str, events=()) -> Decimal:
    start, end = policy_year_window(claim.policy, claim.loss_date)
    return paid_in_window(claim.policy, part, start, end, events=events, exclude=claim)


def _base_year_limit(claim, settlement: Settlement, params, figures) -> Decimal:
    """Kasko/Collisione Base: €2,000 a claim (the settlement's cap) and €4,000 an
    insurance year, less what the year's other Base claims were approved or paid."""
    limits = params.limits
    paid = sum((_paid_this_year(claim, str(c), events=(str(c),)) for c in BASE_COVERS), Decimal(0))
    payable = base_partial_year_payable(settlement.payable, paid, limits)
    figures.append(
        Figure(
            _("Yearly limit left"),
            money_of(claim, max(limits.base_partial_per_year - paid, Decimal(0))),
            _(
                "Kasko and Collisione Base pay partial damage up to %(year)s an insurance "
                "year; other claims this year: %(paid)s. This claim: %(payable)s."
            )
            % {
                "year": money_of(claim, limits.base_partial_per_year),
                "paid": money_of(claim, paid),
                "payable": money_of(claim, payable),
            },
        )
    )
    return payable


def _options(claim, sale, facts: ClaimFacts, settlement, f, params, figures, parts) -> None:
    """The optional covers held that this claim calls on, added to `parts` ({cover:
    amount}) with a figure each (a held cover that pays nothing says why)."""
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    limits = params.limits
    total = settlement.damage_kind == DamageKind.TOTAL
    for option in sale.options:
        if option in limits.restart and facts.cover in FIRE_THEFT:
            amount = restart_benefit(option, sale.invoice_price, settlement.payable, limits)
            amount = amount if total else Decimal("0.00")
            rule = _(
                "After a total fire or theft: the invoice price (%(invoice)s) less what "
                "the fire/theft cover pays (%(paid)s), up to %(limit)s."
            ) % {"invoice": m(sale.invoice_price), "paid": m(settlement.payable),
                 "limit": m(limits.restart[option])}  # fmt: skip
            figures.append(
                Figure(
                    _("Restart (%(k)s)") % {"k": option.value[-3:].upper()},
                    m(amount),
                    rule if total else _("Only on a total loss."),
                )
            )
            parts[str(option)] = amount
        elif option == Option.PROTEZIONE_FRANCHIGIA and not total:
            refunded = _paid_this_year(claim, str(option))
            amount = protezione_franchigia_refund(settlement, facts.in_network, refunded, limits)
            figures.append(Figure(_("Protezione Franchigia"), m(amount), _(
                "The deductible of partial damage repaired in the Lexus network, when the "
                "damage exceeds it, up to %(limit)s an insurance year; refunded earlier this "
                "year: %(refunded)s.") % {"limit": m(limits.protezione_franchigia_per_year),
                                          "refunded": m(refunded)}))  # fmt: skip
            parts[str(option)] = amount
        elif option == Option.FATTURA_RIMBORSATA and facts.cover == Cover.FURTO:
            amount = fattura_rimborsata_refund(f["network_invoices"], total, limits)
            figures.append(Figure(_("Fattura Rimborsata"), m(amount), _(
                "On a total theft or robbery: the Lexus network invoices of the 12 months "
                "before (%(invoices)s), up to %(limit)s.") % {
                    "invoices": m(f["network_invoices"]),
                    "limit": m(limits.fattura_rimborsata_max)}))  # fmt: skip
            parts[str(option)] = amount
        elif option == Option.KASKO_FINANZIARIA and "residual_debt" in f:
            amount = kasko_finanziaria_benefit(facts.cover, settlement, f["residual_debt"])
            figures.append(Figure(_("Kasko Finanziaria"), m(amount), _(
                "On a total Kasko loss: the residual debt to Lexus Financial Services at "
                "the date of the loss, paid to it; the vehicle is paid once, so a Kasko "
                "settlement also due pays the customer only what exceeds the debt.")))  # fmt: skip
            parts[str(option)] = amount
            parts[str(facts.cover)] = max(parts[str(facts.cover)] - amount, Decimal("0.00"))


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
            str(COVER_LABELS[facts.cover]),
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
