"""Lexus Comprehensive Motor claims, Australia (PRODUCTS.md §5, API.md au-excess): the form
asks the other party, the driver and the cost; the assessment adds together the excesses
that apply to the claim, each with its rule; what is payable is the repair cost or value of
the loss less them."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from localflavor.au.au_states import STATE_CHOICES as AU_STATES

from claims.assessment import Assessment, Figure, incomplete, money_of
from claims.forms import ClaimForm, money_field, policy_answer, yes_no
from dealers.money import round_money
from policies.eligibility import params_from
from policies.rules.au_comprehensive import (
    AuParams,
    ClaimType,
    ExcessClaim,
    ExcessType,
    LicenceType,
    State,
    au_excess,
)
from policies.rules.common import floor_zero
from policies.selectors import settings_of
from policies.stored_answers import answers_decoded


class AuComprehensiveForm(ClaimForm):
    EVENTS = [
        ("accident", gettext_lazy("Accident")),
        ("theft", gettext_lazy("Theft")),
        ("fire", gettext_lazy("Fire")),
        ("flood", gettext_lazy("Flood")),
        ("hail", gettext_lazy("Hail")),
        ("storm", gettext_lazy("Storm")),
        ("malicious", gettext_lazy("Malicious damage")),
        ("parked", gettext_lazy("Damage while parked")),
        ("glass", gettext_lazy("Glass only")),
    ]
    at_fault = yes_no(gettext_lazy("The driver was at fault"), required=False)
    other_party_identified = yes_no(
        gettext_lazy(
            "Other party identified (name, address, phone, registration; for theft or damage, the "
            "offender named by the police)"
        ),
        required=False,
    )
    other_party_name = forms.CharField(label=gettext_lazy("Other party's name"), required=False)
    other_party_address = forms.CharField(
        label=gettext_lazy("Other party's address"), required=False
    )
    other_party_phone = forms.CharField(label=gettext_lazy("Other party's phone"), required=False)
    other_party_registration = forms.CharField(
        label=gettext_lazy("Other party's registration"), required=False
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State of residence at the claim"), choices=AU_STATES
    )
    driver_age = forms.IntegerField(label=gettext_lazy("Driver's age"), min_value=16, max_value=120)
    licence_type = forms.ChoiceField(
        label=gettext_lazy("Driver's licence"),
        choices=[
            (LicenceType.FULL, gettext_lazy("Full")),
            (LicenceType.OVERSEAS, gettext_lazy("Overseas")),
            (LicenceType.PROBATIONARY, gettext_lazy("Probationary")),
            (LicenceType.PROVISIONAL, gettext_lazy("Provisional")),
            (LicenceType.LEARNER, gettext_lazy("Learner")),
        ],
    )
    licence_years = forms.DecimalField(
        label=gettext_lazy("Years licensed"), min_value=0, max_value=90, decimal_places=1
    )
    driver_named = yes_no(gettext_lazy("Driver named on the schedule"), required=False)
    repair_cost = money_field(gettext_lazy("Repair cost or value of the loss"))

    GROUPS = (
        (
            gettext_lazy("The other party"),
            (
                "at_fault",
                "other_party_identified",
                "other_party_name",
                "other_party_address",
                "other_party_phone",
                "other_party_registration",
            ),
        ),
        (
            gettext_lazy("The driver"),
            ("driver_age", "licence_type", "licence_years", "driver_named"),
        ),
    )

    def defaults(self, policy):
        return {
            "state": policy_answer(policy, "state"),
            "licence_type": policy_answer(policy, "licence_type"),
            "licence_years": policy_answer(policy, "licence_years"),
            "driver_named": True,
        }

    def clean(self):
        data = super().clean()
        if data.get("other_party_identified") and not data.get("other_party_name"):
            self.add_error(
                "other_party_name", gettext_lazy("Name the other party, or answer No above.")
            )
        return data


RULES = {
    ExcessType.BASIC: gettext_lazy(
        "Basic excess for the state of residence at the claim (%(state)s)."
    ),
    ExcessType.VOLUNTARY: gettext_lazy(
        "The voluntary excess chosen at the sale, always with the basic."
    ),
    ExcessType.AGE: gettext_lazy("Age excess: the driver is under 25."),
    ExcessType.LICENCE: gettext_lazy(
        "Licence excess: held under 2 years, or overseas, probationary, provisional or learner."
    ),
    ExcessType.SPECIAL: gettext_lazy("Special excess on the schedule."),
    ExcessType.UNDISCLOSED_DRIVER: gettext_lazy(
        "Undisclosed driver excess: a driver under 25 not named on the schedule."
    ),
}
NO_EXCESS = {
    "not_at_fault": gettext_lazy("Not at fault with the other party identified: no excess."),
    "offender": gettext_lazy("The police report names the offender: no excess."),
    "glass": gettext_lazy("Glass only with Excess-free glass cover: no excess."),
}


def assess_au(claim, f) -> Assessment:
    params = params_from(AuParams, settings_of(claim.policy.product))
    policy = claim.policy
    answers = answers_decoded(policy.product.code, policy.answers, policy.answers_version)
    rule_claim = ExcessClaim(
        state=State(f["state"]),
        claim_type=ClaimType(claim.event),
        at_fault=f.get("at_fault", False),
        other_party_identified=f.get("other_party_identified", False),
        driver_age=f["driver_age"],
        licence_years=f["licence_years"],
        licence_type=LicenceType(f["licence_type"]),
        driver_named=f.get("driver_named", True),
        voluntary_excess=Decimal(answers.get("voluntary_excess") or 0),
        special_excess=Decimal(answers.get("special_excess") or 0),
        excess_free_glass=bool(answers.get("excess_free_glass")),
    )
    excess = au_excess(rule_claim, params)
    figures = [
        Figure(
            _("Excess: %(type)s") % {"type": item.type.value.replace("_", " ")},
            money_of(claim, item.amount),
            str(RULES[item.type]) % {"state": f["state"]},
        )
        for item in excess.items
    ]
    if not excess.items:
        figures.append(Figure(_("Excess"), money_of(claim, 0), str(_no_excess_rule(rule_claim))))
    else:
        figures.append(
            Figure(
                _("Excesses in all"),
                money_of(claim, excess.total),
                _("The excesses that apply are added together."),
            )
        )
    if f.get("repair_cost") is None:
        return incomplete([_("Repair cost or value of the loss")], figures)
    payable = round_money(floor_zero(f["repair_cost"] - excess.total))
    figures.append(
        Figure(
            _("Payable"),
            money_of(claim, payable),
            _("The repair cost or value of the loss (%(cost)s) less the excesses.")
            % {"cost": money_of(claim, f["repair_cost"])},
        )
    )
    return Assessment(True, payable, "customer", tuple(figures))


def _no_excess_rule(c: ExcessClaim):
    if c.claim_type is ClaimType.GLASS:
        return NO_EXCESS["glass"]
    if c.claim_type is ClaimType.ACCIDENT:
        return NO_EXCESS["not_at_fault"]
    return NO_EXCESS["offender"]
