"""Lexus Motor Insurance claims, UK (PRODUCTS.md §3, seed 002): by section, the excesses
and the section's limit (policies.rules.motor_claims), and the claim's effect on the No
Claim Discount at the next renewal; Key Protect with its limits per period of cover."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims.assessment import Assessment, Figure, day, declined, incomplete, money_of
from claims.selectors import claims_in_period
from policies.eligibility import params_from
from policies.rules.motor_claims import MotorClaimParams, motor_claim
from policies.rules.motor_key_protect import (
    KeyCost,
    KeyEvent,
    KeyProtectClaim,
    KeyProtectItem,
    KeyProtectParams,
    assess_key_protect,
)
from policies.rules.motor_uk import (
    MotorExtra,
    MotorUkParams,
    NcdRequest,
    NewCarReplacementClaim,
    ncd_next_renewal,
    new_car_replacement_refusals,
)
from policies.selectors import settings_of

from .claim_form import KEY_PROTECT
from .claim_history import (
    claim_in_past_two_periods,
    key_protect_paid_in_period,
    motor_claim_of,
    ncd_kinds,
)

EXCESS_LABELS = {
    "compulsory": gettext_lazy("Compulsory excess"),
    "voluntary": gettext_lazy("Voluntary excess"),
    "glass_replacement": gettext_lazy("Glass replacement excess"),
    "glass_repair": gettext_lazy("Glass repair excess"),
}
COST_SECTIONS = (
    "accidental_damage",
    "fire_theft",
    "glass",
    "medical_expenses",
    "personal_belongings",
    "misfuelling",
)


def assess_motor(claim, f) -> Assessment:
    if claim.event == KEY_PROTECT:
        return _key_protect(claim, f)
    params = params_from(MotorClaimParams, settings_of(claim.policy.product))
    rule_claim = motor_claim_of(claim, f)
    result = motor_claim(rule_claim, params)
    notes = (_ncd_note(claim, result.ncd_rule),)
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    figures = [Figure(str(EXCESS_LABELS[e.what]), m(e.amount), e.rule) for e in result.excesses]
    if not result.excesses:
        figures.append(
            Figure(
                _("Excess"),
                m(0),
                _(
                    "No excess applies to this section, or it is waived (not at fault with the "
                    "outlay recovered, or an uninsured driver)."
                ),
            )
        )
    if result.limit is not None:
        figures.append(Figure(_("Section limit"), m(result.limit.amount), result.limit.rule))
    if claim.event == "liability":
        return Assessment(
            True,
            Decimal("0.00"),
            "",
            tuple(figures),
            notes=notes
            + (_("Liability claims are paid to the other people, not to the customer."),),
        )
    if claim.event in COST_SECTIONS and f.get("cost") is None:
        return incomplete([_("Cost claimed")], figures)
    payable = result.payable
    parts = {str(claim.event): payable}
    excess = sum((e.amount for e in result.excesses), Decimal(0))
    if claim.event in NEW_CAR_SECTIONS:
        replaced = _new_car_replacement(claim, f, excess, figures)
        if replaced is not None:
            parts = {"new_car_replacement": replaced}
        refund = _excess_protection(claim, params, excess, figures)
        if refund:
            parts["motor_excess_protection"] = refund
    payable = sum(parts.values(), Decimal("0.00"))
    figures.append(
        Figure(
            _("Payable"),
            m(payable),
            _(
                "The cost claimed (%(cost)s) less the excesses, within the section's limit, "
                "with the covers above that apply."
            )
            % {"cost": m(rule_claim.cost)},
        )
    )
    return Assessment(True, payable, "customer", tuple(figures), notes=notes, parts=parts)


NEW_CAR_SECTIONS = ("accidental_damage", "fire_theft")


def _new_car_replacement(claim, f, excess: Decimal, figures) -> Decimal | None:
    """Within a year of registration as new in the customer's name, repairs above 60% of
    the list price, or the car stolen and not recovered: a new car of the same make,
    model and specification, valued at its list price, less the excesses (seed 002,
    "New car replacement"). None when it does not apply."""
    vehicle = claim.policy.vehicle
    if vehicle.condition != "new" or f.get("list_price") is None:
        return None
    registered = vehicle.first_registration_date or vehicle.delivery_date
    registered = registered or claim.policy.start_date
    params = params_from(MotorUkParams, settings_of(claim.policy.product))
    request = NewCarReplacementClaim(
        registered_new_on=registered,
        loss_date=claim.loss_date,
        list_price=f["list_price"],
        repair_cost=f.get("cost") or 0,
        stolen_not_recovered=f.get("stolen_not_recovered", False),
    )
    refusals = new_car_replacement_refusals(request, params)
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    if refusals:
        figures.append(Figure(_("New car replacement"), _("Does not apply"),
                              " ".join(r.message for r in refusals)))  # fmt: skip
        return None
    amount = max(f["list_price"] - excess, Decimal(0)).quantize(Decimal("0.01"))
    figures.append(
        Figure(
            _("New car replacement"),
            m(amount),
            _(
                "Registered as new on %(on)s, within a year: a new car of the same make, model and "
                "specification at its list price (%(price)s), less the excesses; it replaces the "
                "repair or market value."
            )
            % {"on": day(registered), "price": m(f["list_price"])},
        )
    )
    return amount


def _excess_protection(claim, params: MotorClaimParams, excess: Decimal, figures) -> Decimal:
    """Motor Excess Protection, when sold: the section 1 and 2 excesses refunded."""
    if MotorExtra.MOTOR_EXCESS_PROTECTION not in (claim.policy.answers.get("options") or ()):
        return Decimal("0.00")
    refund = excess
    if params.excess_protection_limit is not None:
        refund = min(refund, params.excess_protection_limit)
    figures.append(Figure(_("Motor Excess Protection"), money_of(claim, refund),
                          _("An optional extra of the policy: the excesses of this claim "
                            "are refunded.")))  # fmt: skip
    return refund


def _ncd_note(claim, rule: str) -> str:
    policy = claim.policy
    held = int(policy.answers.get("ncd_years") or 0)
    protected = bool(policy.answers.get("ncd_protected")) and held >= 2
    table_b = claim_in_past_two_periods(policy)
    others = ncd_kinds(claims_in_period(policy, exclude=claim))
    kind = ncd_kinds([claim])
    before = ncd_next_renewal(NcdRequest(held, protected, table_b, others))
    after = ncd_next_renewal(NcdRequest(held, protected, table_b, others + kind))
    return _(
        "%(rule)s No Claim Discount held at the start of the period: %(held)s; at the "
        "next renewal %(before)s without this claim, %(after)s with it (section 12, "
        "table %(table)s%(protected)s)."
    ) % {
        "rule": rule,
        "held": _years(held),
        "before": _years(before.years_next_renewal),
        "after": _years(after.years_next_renewal),
        "table": "B" if table_b else "A",
        "protected": _(", protected") if protected else "",
    }


def _years(n: int) -> str:
    return ngettext("%(n)s year", "%(n)s years", n) % {"n": n}


KEY_ITEMS = (  # the form's fields: (cost, amount field, units field)
    (KeyCost.LOCKSMITH, "locksmith", None),
    (KeyCost.NEW_LOCKS, "new_locks", None),
    (KeyCost.REPLACEMENT_KEYS, "replacement_keys", "replacement_keys_units"),
    (KeyCost.ONWARD_TRANSPORT, "onward_transport", "onward_transport_units"),
    (KeyCost.VEHICLE_HIRE, "vehicle_hire", "vehicle_hire_units"),
    (KeyCost.ACCOMMODATION, "accommodation", None),
)


def _key_protect(claim, f) -> Assessment:
    params = params_from(KeyProtectParams, settings_of(claim.policy.product))
    items = tuple(
        KeyProtectItem(
            cost,
            f[amount],
            f.get(units) or 1 if units else 1,
            f.get("key_broken_in_lock", False) if cost is KeyCost.LOCKSMITH else False,
        )
        for cost, amount, units in KEY_ITEMS
        if f.get(amount)
    )
    if not items:
        return incomplete([_("The Key Protect costs (receipts)")])
    paid = key_protect_paid_in_period(claim.policy, exclude=claim)
    rule_claim = KeyProtectClaim(
        event=KeyEvent(f["key_event"]),
        discovered_at=f["discovered_at"],
        reported_at=f["reported_at"],
        items=items,
        police_reported_at=f.get("police_reported_at"),
        key_found_at=f.get("key_found_at"),
        paid_in_period=paid,
    )
    result = assess_key_protect(rule_claim, params)
    m = lambda amount: money_of(claim, amount)  # noqa: E731
    figures = [
        Figure(
            _("Paid by Key Protect this period"),
            m(paid),
            _("Key Protect pays at most %(limit)s a period of cover; no excess.")
            % {"limit": m(params.cover_limit)},
        )
    ]
    figures += [
        Figure(
            line.item.cost.value.replace("_", " ").capitalize(),
            _("%(payable)s of %(claimed)s")
            % {"payable": m(line.payable), "claimed": m(line.claimed)},
            " ".join(r.message for r in line.refusals)
            or (_("Not paid: see why above.") if result.refusals else _("Paid in full.")),
        )
        for line in result.lines
    ]
    if result.refusals:
        return declined(" ".join(r.message for r in result.refusals), figures)
    figures.append(Figure(_("Payable"), m(result.total), _("The items above, added together.")))
    return Assessment(
        True,
        result.total,
        "customer",
        tuple(figures),
        notes=(_("A Key Protect claim has no excess and does not affect the No Claim Discount."),),
    )
