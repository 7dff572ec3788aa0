"""Lexus Insurance Comprehensive Motor Vehicle, Australia (PRODUCTS.md §5, seed 003): the
excesses the schedule shows and when each applies, read from the rules' AuParams."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.content.common import DocumentFacts, ProductText, Section, yes_no
from policies.rules.au_comprehensive import AuParams, ExcessType, State

ARRANGED_BY = gettext_lazy(
    "Lexus Insurance is underwritten by Aioi Nissay Dowa Insurance Company Australia Pty "
    "Ltd, ABN 11 132 524 282, AFSL 443540. Read this schedule with the Comprehensive Motor "
    "Vehicle Policy and Product Disclosure Statement and the Premium, Excess and Claims "
    "Guide."
)
# Seed 003's contact details: claims and policy questions on one line, further
# information and other insurance needs on another (product settings head office edits).
CONTACTS = (
    (gettext_lazy("About your policy, or to make a claim"), "claims_phone"),
    (gettext_lazy("Further information, or other insurance needs"), "enquiries_phone"),
    (gettext_lazy("Email"), "enquiries_email"),
)


def text(facts: DocumentFacts) -> ProductText:
    return ProductText(
        arranged_by=str(ARRANGED_BY),
        contacts=tuple((str(what), facts.line(key)) for what, key in CONTACTS),
        cancellation=_(
            "If you cancel, we refund the premium for the days of cover left, provided no "
            "claim has been made."
        ),
    )


EXCESS_NAMES = {
    ExcessType.BASIC: gettext_lazy("Basic"),
    ExcessType.VOLUNTARY: gettext_lazy("Voluntary"),
    ExcessType.AGE: gettext_lazy("Age"),
    ExcessType.LICENCE: gettext_lazy("Licence"),
    ExcessType.SPECIAL: gettext_lazy("Special"),
    ExcessType.UNDISCLOSED_DRIVER: gettext_lazy("Undisclosed driver"),
}


def cover_sections(facts: DocumentFacts) -> list[Section]:
    glass = facts.answer("excess_free_glass")
    rows = (
        (_("Cover"), _("Comprehensive: loss of or damage to your car, and your legal liability")),
        (_("State of residence"), str(facts.answer("state", ""))),
        (_("Use"), _("Business") if facts.answer("business_use") else _("Private")),
        (_("Youngest driver's age"), str(facts.answer("youngest_driver_age", ""))),
        (_("Youngest driver's licence"), _licence(facts)),
        (_("Lifetime Rating 1"), yes_no(facts.answer("lifetime_rating_1"))),
        (_("Excess-free glass cover"), _("Included") if glass else _("Not taken")),
    )
    return [Section(_("Your cover"), rows)]


LICENCES = {
    "full": gettext_lazy("Full"),
    "probationary": gettext_lazy("Probationary"),
    "provisional": gettext_lazy("Provisional"),
    "learner": gettext_lazy("Learner"),
    "overseas": gettext_lazy("Overseas"),
}


def _licence(facts: DocumentFacts) -> str:
    kind = facts.answer("licence_type", "full")
    name = str(LICENCES.get(kind, kind))
    years = facts.answer("licence_years")
    if years is None:
        return name
    return _("%(kind)s, held %(years)s years") % {"kind": name, "years": years}


def _amounts(facts: DocumentFacts, p: AuParams) -> list[tuple[ExcessType, Decimal, str]]:
    state = State(facts.answer("state", "NSW"))
    age = int(facts.answer("youngest_driver_age", 99))
    young = age < p.age_excess_under
    licence_years = facts.answer("licence_years")
    restricted = facts.answer("licence_type", "full") in p.restricted_licences or (
        licence_years is not None and Decimal(str(licence_years)) < p.licence_min_years
    )
    rows = [
        (ExcessType.BASIC, p.basic_excess[state], _("Every claim that has an excess (%(s)s)")
         % {"s": state}),
        (ExcessType.VOLUNTARY, Decimal(str(facts.answer("voluntary_excess", 0))),
         _("With the basic excess")),
    ]  # fmt: skip
    if young:
        rows.append((ExcessType.AGE, p.age_excess,
                     _("Driver under %(n)s") % {"n": p.age_excess_under}))  # fmt: skip
    elif restricted:
        rows.append((ExcessType.LICENCE, p.licence_excess, _(
            "Licence held under %(n)s years, or overseas, probationary, provisional or learner"
        ) % {"n": p.licence_min_years}))  # fmt: skip
    rows.append((ExcessType.UNDISCLOSED_DRIVER, p.undisclosed_driver_excess,
                 _("A driver under %(n)s not named on this schedule")
                 % {"n": p.undisclosed_driver_under}))  # fmt: skip
    return rows


def excess_sections(facts: DocumentFacts) -> list[Section]:
    p = facts.params(AuParams)
    amounts = tuple((str(EXCESS_NAMES[kind]), facts.money(amount), when)
                    for kind, amount, when in _amounts(facts, p))  # fmt: skip
    glass = (_("None: you have Excess-free glass cover") if facts.answer("excess_free_glass")
             else _("Basic and voluntary"))  # fmt: skip
    which = (
        (_("Accident, you at fault"), _("Basic, voluntary, age or licence, undisclosed driver "
                                        "and special")),
        (_("Accident, not at fault, other party identified"), _("None")),
        (_("Accident, not at fault, other party not identified"), _("As at fault")),
        (_("Theft, fire, flood, hail, storm, malicious damage or damage while parked, "
           "offender identified"), _("None")),
        (_("The same, offender not identified"), _("Basic, voluntary and special")),
        (_("Glass only"), glass),
    )  # fmt: skip
    return [
        Section(_("Excesses"), amounts, head=(_("Excess"), _("Amount"), _("When")),
                widths=(24, 16, 60),
                note=_("Excesses are added together. No special excess applies to this policy.")),
        Section(_("Which excesses apply to a claim"), which, head=(_("Claim"), _("Excesses"))),
    ]  # fmt: skip
