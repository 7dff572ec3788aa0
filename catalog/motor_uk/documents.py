"""Lexus Motor Insurance, UK (PRODUCTS.md §3, seed 002): the schedule's limits, Key
Protect, the optional extras, the Statement of Fact, the Certificate of Motor Insurance and
the Important Information (important_information.py), each kind's part of a document's
context declared in PARTS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.content.common import DocumentFacts, ProductText, Section, number, yes_no
from documents.models import DocumentKind
from policies.rules.motor_claims import MotorClaimParams
from policies.rules.motor_key_protect import KeyProtectParams
from policies.rules.motor_uk import MOTOR_EXTRA_LABELS, MotorUkParams
from policies.selectors import NotConfigured, fee_in_force

from . import important_information
from .proposal import licence_label

# The limits the schedule shows (PRODUCTS.md §3; the policy wording, seed 002, is the
# source): (cover, the params fields of its amounts, how it applies). The amounts are the
# product settings head office edits: the claim rules' (MotorClaimParams), so that a
# schedule never disagrees with an assessment, and the schedule's own (ScheduleLimits).
LIMITS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (gettext_lazy("Third-party property damage"),
     ("third_party_property", "third_party_property_damage", "third_party_legal_costs"),
     gettext_lazy("{0}: {1} property damage and {2} legal costs")),
    (gettext_lazy("Medical expenses"), ("medical_expenses_per_person",),
     gettext_lazy("{0} a person")),
    (gettext_lazy("Personal accident"),
     ("personal_accident_death", "personal_accident_loss", "personal_accident_per_accident"),
     gettext_lazy("{0} death; {1} loss of an eye, hand or foot; at most {2} an accident")),
    (gettext_lazy("Physical assault (road rage, car jacking)"),
     ("physical_assault_per_person", "physical_assault_per_incident"),
     gettext_lazy("{0} a person, at most {1} an incident")),
    (gettext_lazy("Personal belongings"), ("personal_belongings",), "{0}"),
    (gettext_lazy("Misfuelling"), ("misfuelling",), "{0}"),
    (gettext_lazy("Emergency travel and overnight stay"),
     ("emergency_travel", "overnight_per_person", "overnight_total"),
     gettext_lazy("{0} travel; {1} a person overnight, at most {2}")),
    (gettext_lazy("Non-standard in-car equipment"), ("in_car_equipment",), "{0}"),
    (gettext_lazy("Trailer (market value)"), ("trailer_market_value",), "{0}"),
    (gettext_lazy("Glass at a repairer that is not ours"),
     ("glass_other_repairer_replacement", "glass_other_repairer_repair"),
     gettext_lazy("{0} replacement, {1} repair, less the glass excess")),
    (gettext_lazy("Glass of an imported car"), ("glass_imported_car",),
     gettext_lazy("{0} replacement or repair, less the glass excess")),
)  # fmt: skip


@dataclass(frozen=True)
class ScheduleLimits:
    """The limits of seed 002 the claim rules do not hold, under the product settings of
    the same names (pounds)."""

    third_party_property: D = D("20000000")
    third_party_property_damage: D = D("15000000")
    third_party_legal_costs: D = D("5000000")
    emergency_travel: D = D("80")
    overnight_per_person: D = D("150")
    overnight_total: D = D("450")
    in_car_equipment: D = D("750")
    trailer_market_value: D = D("2500")


# Reading: the seeds do not give the use the certificate allows; this is the usual
# private-car use, kept here so that head office can see and change it in one place.
USE = gettext_lazy(
    "Use for social, domestic and pleasure purposes, including travel to and from a "
    "permanent place of work. The policy does not cover use for hire or reward, racing, "
    "pace-making, speed testing or any use in connection with the motor trade."
)

ARRANGED_BY = gettext_lazy(
    "Arranged by Toyota Insurance Management UK Limited, trading as Lexus Insurance "
    "Services, registered in England, company no. 14297877, 7th Floor, 52-56 "
    "Leadenhall Street, London EC3A 2BJ. Authorised and regulated by the Financial "
    "Conduct Authority, firm reference number 983839."
)
# The wording's contact table and its back page (seed 002), each line for its purpose:
# (what for, the product setting that holds the number).
CONTACTS = (
    (gettext_lazy("To change your policy"), "changes_phone"),
    (gettext_lazy("To report an accident or theft, or to claim"), "claims_phone"),
    (gettext_lazy("To make a windscreen claim"), "windscreen_claims_phone"),
    (gettext_lazy("To claim under Key Protect"), "key_protect_claims_phone"),
)


def text(facts: DocumentFacts) -> ProductText:
    """Section 14.6: the refund is less "our administration fee which is charged at
    cancellation": the fee head office sets (policies.Fee), named here."""
    try:
        fee = facts.money(fee_in_force(facts.policy.product, "cancellation",
                                       timezone.localdate()).amount)  # fmt: skip
    except NotConfigured:
        fee = facts.money(0)
    cancellation = _(
        "You may cancel at any time, including in the 14 day cooling off period; a "
        "cancellation cannot be backdated. If no claim was made in the current period we "
        "refund the premium paid less a pro-rata charge for the time on cover and an "
        "administration fee of %(fee)s. If a claim was made the full annual premium is due. "
        "Cancelling the policy cancels every optional extra with it."
    ) % {"fee": fee}
    contacts = tuple((str(what), facts.line(key)) for what, key in CONTACTS)
    return ProductText(arranged_by=str(ARRANGED_BY), contacts=contacts,
                       cancellation=cancellation)  # fmt: skip


def cover_sections(facts: DocumentFacts) -> list[Section]:
    return [_limits(facts), _key_protect(facts), _extras(facts), _drivers(facts)]


def _limits(facts: DocumentFacts) -> Section:
    claim, schedule = facts.params(MotorClaimParams), facts.params(ScheduleLimits)

    def amount(name: str) -> D:
        return getattr(claim, name) if hasattr(claim, name) else getattr(schedule, name)

    rows = [(str(label), str(text).format(*(facts.limit(amount(n)) for n in names)))
            for label, names, text in LIMITS]  # fmt: skip
    motor = facts.params(MotorUkParams)
    rows.append((
        _("New car replacement"),
        _("Within %(years)s year of first registration in your name, if repairs would cost "
          "more than %(share)s of the list price, or if the car is stolen and not recovered.")
        % {"years": motor.new_car_replacement_years,
           "share": f"{number(motor.new_car_replacement_repair_share * 100)}%"},
    ))  # fmt: skip
    changes = facts.settings.get("max_car_changes", motor.max_car_changes)
    rows.append((_("Changes of car"), _("At most %(n)s in a period of cover.") % {"n": changes}))
    return Section(_("Comprehensive cover: limits"), tuple(rows), head=(_("Cover"), _("Limit")))


def _key_protect(facts: DocumentFacts) -> Section:
    k = facts.params(KeyProtectParams)
    m = facts.limit
    rows = (
        (_("Cover limit"), _("%(limit)s a period of insurance") % {"limit": m(k.cover_limit)}),
        (_("Locksmith"), _("At most %(limit)s for a key broken in a lock")
         % {"limit": m(k.locksmith_broken_key_limit)}),
        (_("Replacement keys"), _("At most %(n)s keys a lock a claim") % {"n": k.keys_per_lock}),
        (_("Onward transport or vehicle hire"),
         _("%(transport)s a day or hire at %(hire)s a day, for up to %(days)s days (not both)")
         % {"transport": m(k.onward_transport_daily), "hire": m(k.vehicle_hire_daily),
            "days": k.max_days}),
        (_("Accommodation"), _("%(limit)s an event") % {"limit": m(k.accommodation_per_event)}),
        (_("Claims"), _("Report within %(days)s days; lost or stolen keys to the police within "
                        "%(hours)s hours. %(wait)s-hour waiting period. No excess.")
         % {"days": k.report_within_days, "hours": k.police_within_hours,
            "wait": k.waiting_period_hours}),
    )  # fmt: skip
    return Section(_("Key Protect (included as standard)"), rows)


def _extras(facts: DocumentFacts) -> Section:
    held = set(facts.answer("options", []))
    premiums = {c["code"]: c["amount"] for c in facts.policy.breakdown.get("components", [])}
    rows = [
        (label, _("Included: %(premium)s") % {"premium": facts.money(premiums[code])})
        for code, label in MOTOR_EXTRA_LABELS.items()
        if code in held and code in premiums
    ]
    others = [label for code, label in MOTOR_EXTRA_LABELS.items() if code not in held]
    if others:
        rows.append((_("Not taken"), ", ".join(others)))
    return Section(_("Optional extras"), tuple(rows))


def _drivers(facts: DocumentFacts) -> Section:
    rows = (
        (
            _("Drivers"),
            _("%(named)s named; the youngest is %(age)s")
            % {"named": facts.answer("named_drivers", 1), "age": facts.answer("driver_age", "")},
        ),
        (
            _("No Claim Discount"),
            (
                _("%(n)s years, protected")
                if facts.answer("ncd_protected")
                else _("%(n)s years, not protected")
            )
            % {"n": facts.answer("ncd_years", 0)},
        ),
        (_("Use"), str(USE)),
        (_("Maximum days abroad"), _days_abroad(facts)),
    )
    return Section(_("Drivers and use"), rows)


def _days_abroad(facts: DocumentFacts) -> str:
    """Section 6 of the wording covers the car abroad for at most "the maximum days abroad
    as detailed in your Policy Schedule": a product setting head office edits."""
    days = facts.settings.get("max_days_abroad")
    if days is None:
        return "—"
    where = _("%(n)s days outside the United Kingdom, the Channel Islands and the Isle of Man")
    return where % {"n": days}


def excess_sections(facts: DocumentFacts) -> list[Section]:
    """The excesses as the claim rules apply them (MotorClaimParams, with head office's
    settings): section 5 of the wording charges "the glass replacement excess" and "the
    glass repair excess" shown in the schedule."""
    claim = facts.params(MotorClaimParams)
    damage = _("Accidental damage, fire and theft claims")
    rows = [
        (_("Compulsory excess"), facts.money(claim.compulsory_excess), damage),
        (_("Voluntary excess"), facts.money(facts.answer("voluntary_excess", 0)), damage),
        (_("Glass replacement excess"), facts.money(claim.glass_replacement_excess),
         _("A windscreen or window replaced (section 5)")),
        (_("Glass repair excess"), facts.money(claim.glass_repair_excess),
         _("A windscreen or window repaired rather than replaced (section 5)")),
        (_("Not-at-fault claims"), _("None"),
         _("When we recover our outlay in full, or the other driver is uninsured")),
        (_("Key Protect"), _("None"), _("Every Key Protect claim")),
    ]  # fmt: skip
    head = (_("Excess"), _("Amount"), _("Applies to"))
    return [Section(_("Excesses"), tuple(rows), head=head, widths=(24, 16, 60))]


def statement_sections(facts: DocumentFacts) -> list[Section]:
    """The Statement of Fact: what the customer told us, as they told it."""
    p, c, v = facts.policy, facts.policy.customer, facts.policy.vehicle
    held = set(facts.answer("options", []))
    you = (
        (_("Name"), c.display_name),
        (_("Date of birth"), c.date_of_birth.strftime("%d/%m/%Y") if c.date_of_birth else "—"),
        (_("Address"), ", ".join(x for x in (c.address_line1, c.address_line2, c.city,
                                              c.postcode) if x)),
        (_("Email"), c.email),
        (_("Phone"), c.phone),
    )  # fmt: skip
    car = (
        (_("Car"), " ".join(x for x in (v.make, v.model, v.derivative) if x)),
        (_("Registration"), v.registration or _("Not yet registered")),
        (_("VIN"), v.vin),
        # section 5 of the wording: "if your Schedule states that your car is imported"
        (_("Imported car"), yes_no(v.imported)),
        (_("Value of the car"), facts.money(facts.answer("vehicle_value", v.invoice_price))),
        (_("Rating area"), str(facts.answer("area", ""))),
    )
    driving = (
        (_("Named drivers"), str(facts.answer("named_drivers", 1))),
        (_("Youngest driver's age"), str(facts.answer("driver_age", ""))),
        (_("No Claim Discount (years)"), str(facts.answer("ncd_years", 0))),
        (_("Protect the No Claim Discount"), yes_no(facts.answer("ncd_protected"))),
        (_("Fault claims in the past two years"),
         str(facts.answer("fault_claims_past_two_years", 0))),
        (_("Voluntary excess"), facts.money(facts.answer("voluntary_excess", 0))),
        (_("Optional extras"), ", ".join(label for code, label in MOTOR_EXTRA_LABELS.items()
                                         if code in held) or _("None")),
        (_("Payment"), p.get_payment_plan_display()),
    )  # fmt: skip
    sections = [Section(_("About you"), you), Section(_("Your car"), car),
                Section(_("Drivers, claims and cover"), driving)]  # fmt: skip
    if drivers := (p.proposal or {}).get("drivers"):
        sections.append(_named_drivers(drivers))
    return sections


def _named_drivers(drivers: list[dict]) -> Section:
    """Each named driver as the proposal gave them (catalog/motor_uk/proposal.py)."""
    head = (_("Driver"), _("Date of birth"), _("Licence"), _("Years held"), _("Occupation"),
            _("Convictions (5 years)"))  # fmt: skip
    rows = tuple(
        (d["name"], _day(d["born"]), licence_label(d["licence"]), str(d["licence_years"]),
         d["occupation"], d["convictions"] or _("None"))
        for d in drivers
    )  # fmt: skip
    return Section(_("The named drivers"), rows, head=head, widths=(20, 12, 13, 9, 18, 28))


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "—"


def certificate_drivers(facts: DocumentFacts) -> str:
    named = int(facts.answer("named_drivers", 1) or 1)
    if named <= 1:
        return _("The policyholder only.")
    return _(
        "The policyholder, and the %(others)s other named driver(s) shown on the Statement "
        "of Fact (%(named)s drivers in all)."
    ) % {"others": named - 1, "named": named}


def vehicle_rows(facts: DocumentFacts) -> list[tuple[str, str]]:
    # section 5 of the wording: "if your Schedule states that your car is imported"
    return [(_("Imported car"), yes_no(facts.policy.vehicle.imported))]


def _certificate(facts: DocumentFacts) -> dict[str, Any]:
    return {"drivers": certificate_drivers(facts), "use": str(USE)}


def _statement(facts: DocumentFacts) -> dict[str, Any]:
    return {"sections": statement_sections(facts)}


def _important_information(facts: DocumentFacts) -> dict[str, Any]:
    return {"sections": important_information.sections(facts),
            "changes_phone": facts.line("changes_phone")}  # fmt: skip


PARTS: dict[str, Callable[[DocumentFacts], dict[str, Any]]] = {
    DocumentKind.CERTIFICATE: _certificate,
    DocumentKind.STATEMENT_OF_FACT: _statement,
    DocumentKind.IMPORTANT_INFORMATION: _important_information,
}
