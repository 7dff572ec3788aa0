"""Lexus Motor Insurance claims by section of the policy wording (seed 002): the excesses
that apply, the section's limit, what is payable, and how the claim counts for the No
Claim Discount (section 12). Key Protect has its own rules (motor_key_protect.assess_key_protect).

From the wording:
- sections 1 (accidental damage) and 2 (fire and theft) pay the repair cost or the market
  value less the excesses on the schedule (compulsory and voluntary); the excess is
  waived when another party is at fault and the outlay is recovered in full, and when the
  other driver was uninsured;
- section 5 (glass) charges the glass replacement or repair excess; away from the
  approved repairer it pays at most £200 for a replacement, £50 for a repair; an
  imported car's glass at most £500;
- sections 7 (medical expenses, £500 a person), 10 (personal belongings, £500) and 11
  (misfuelling, £250) carry no excess; 8 (personal accident) pays £2,500 a death and
  £1,500 a loss of an eye, hand or foot, at most £10,000 an accident; 9 (physical
  assault) £250 a person, at most £500 an incident;
- section 3 (liability) pays other people, not the customer.
Reading: the excess amounts are the schedule's, so they are data (product settings of
the same names); the defaults here are illustrative.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from dealers.money import round_money

from .common import ZERO, floor_zero
from .motor_uk import ClaimKind


class Section(StrEnum):
    ACCIDENTAL_DAMAGE = "accidental_damage"  # 1
    FIRE_THEFT = "fire_theft"  # 2
    LIABILITY = "liability"  # 3
    GLASS = "glass"  # 5
    MEDICAL_EXPENSES = "medical_expenses"  # 7
    PERSONAL_ACCIDENT = "personal_accident"  # 8
    PHYSICAL_ASSAULT = "physical_assault"  # 9
    PERSONAL_BELONGINGS = "personal_belongings"  # 10
    MISFUELLING = "misfuelling"  # 11


SECTION_NUMBERS = {
    Section.ACCIDENTAL_DAMAGE: 1,
    Section.FIRE_THEFT: 2,
    Section.LIABILITY: 3,
    Section.GLASS: 5,
    Section.MEDICAL_EXPENSES: 7,
    Section.PERSONAL_ACCIDENT: 8,
    Section.PHYSICAL_ASSAULT: 9,
    Section.PERSONAL_BELONGINGS: 10,
    Section.MISFUELLING: 11,
}


@dataclass(frozen=True)
class MotorClaimParams:
    compulsory_excess: Decimal = Decimal("250")  # illustrative: the schedule's figure
    glass_replacement_excess: Decimal = Decimal("100")  # illustrative
    glass_repair_excess: Decimal = Decimal("25")  # illustrative
    glass_other_repairer_replacement: Decimal = Decimal("200")
    glass_other_repairer_repair: Decimal = Decimal("50")
    glass_imported_car: Decimal = Decimal("500")
    medical_expenses_per_person: Decimal = Decimal("500")
    personal_accident_death: Decimal = Decimal("2500")
    personal_accident_loss: Decimal = Decimal("1500")  # an eye, hand or foot
    personal_accident_per_accident: Decimal = Decimal("10000")
    physical_assault_per_person: Decimal = Decimal("250")
    physical_assault_per_incident: Decimal = Decimal("500")
    personal_belongings: Decimal = Decimal("500")
    misfuelling: Decimal = Decimal("250")
    # Motor Excess Protection (an optional extra, seed 002 names only its insurer):
    # reading, it refunds the section 1 and 2 excesses paid on a claim, without a limit
    # of its own unless head office sets one.
    excess_protection_limit: Decimal | None = None


DEFAULT_PARAMS = MotorClaimParams()


@dataclass(frozen=True)
class MotorClaim:
    section: Section
    cost: Decimal = ZERO  # the repair cost, market value, or the expense claimed
    at_fault: bool = False
    outlay_recovered: bool = False  # not at fault, and the insurer recovered it in full
    uninsured_driver: bool = False  # not at fault, the other driver uninsured
    voluntary_excess: Decimal = ZERO  # on the schedule
    glass_replaced: bool = True  # False: repaired
    approved_repairer: bool = True
    imported_car: bool = False
    emergency_treatment_only: bool = False  # section 3: emergency treatment charges alone
    vandalism_crime_reference: bool = False  # vandalism, reported with a crime reference
    persons: int = 1  # medical expenses, physical assault: people who claim
    deaths: int = 0  # personal accident
    losses: int = 0  # personal accident: losses of an eye, hand or foot


@dataclass(frozen=True)
class Line:
    what: str
    amount: Decimal
    rule: str


@dataclass(frozen=True)
class MotorClaimResult:
    excesses: tuple[Line, ...]
    limit: Line | None  # the section's limit, when it reduced or bounds the payment
    payable: Decimal  # to the customer (section 3: to other people, shown as 0 here)
    ncd_kind: ClaimKind
    ncd_rule: str


def excesses(claim: MotorClaim, params: MotorClaimParams = DEFAULT_PARAMS) -> tuple[Line, ...]:
    s = claim.section
    if s in (Section.ACCIDENTAL_DAMAGE, Section.FIRE_THEFT):
        if not claim.at_fault and (claim.outlay_recovered or claim.uninsured_driver):
            return ()
        lines = [
            Line(
                "compulsory",
                round_money(params.compulsory_excess),
                "The compulsory excess on the schedule.",
            )
        ]
        if claim.voluntary_excess > 0:
            lines.append(
                Line(
                    "voluntary",
                    round_money(claim.voluntary_excess),
                    "The voluntary excess chosen at the sale.",
                )
            )
        return tuple(lines)
    if s is Section.GLASS:
        if claim.glass_replaced:
            return (
                Line(
                    "glass_replacement",
                    round_money(params.glass_replacement_excess),
                    "The glass replacement excess on the schedule (section 5).",
                ),
            )
        return (
            Line(
                "glass_repair",
                round_money(params.glass_repair_excess),
                "The glass repair excess on the schedule (section 5).",
            ),
        )
    return ()  # sections 3, 7 to 11: no excess


def section_limit(claim: MotorClaim, params: MotorClaimParams = DEFAULT_PARAMS) -> Line | None:
    s, p = claim.section, params
    if s is Section.GLASS and claim.imported_car:
        return Line(
            "limit",
            p.glass_imported_car,
            "An imported car's glass: at most £500, less the excess.",
        )
    if s is Section.GLASS and not claim.approved_repairer:
        amount = (
            p.glass_other_repairer_replacement
            if claim.glass_replaced
            else (p.glass_other_repairer_repair)
        )
        return Line(
            "limit",
            amount,
            "Glass away from the approved repairer: at most £200 "
            "for a replacement, £50 for a repair, less the excess.",
        )
    if s is Section.MEDICAL_EXPENSES:
        return Line(
            "limit",
            p.medical_expenses_per_person * claim.persons,
            "Medical expenses: £500 a person.",
        )
    if s is Section.PERSONAL_ACCIDENT:
        benefit = p.personal_accident_death * claim.deaths + p.personal_accident_loss * claim.losses
        return Line(
            "limit",
            min(benefit, p.personal_accident_per_accident),
            "Personal accident: £2,500 a death, £1,500 a loss of an eye, hand or foot, "
            "at most £10,000 an accident.",
        )
    if s is Section.PHYSICAL_ASSAULT:
        amount = min(p.physical_assault_per_person * claim.persons, p.physical_assault_per_incident)
        return Line("limit", amount, "Physical assault: £250 a person, at most £500 an incident.")
    if s is Section.PERSONAL_BELONGINGS:
        return Line("limit", p.personal_belongings, "Personal belongings: at most £500.")
    if s is Section.MISFUELLING:
        return Line("limit", p.misfuelling, "Misfuelling: at most £250.")
    return None


FIXED_BENEFITS = (Section.PERSONAL_ACCIDENT, Section.PHYSICAL_ASSAULT)


def ncd_kind(claim: MotorClaim) -> tuple[ClaimKind, str]:
    """How the claim counts for the No Claim Discount, with the section 12 rule."""
    if claim.section is Section.GLASS:
        return ClaimKind.GLASS, "A payment under section 5 (glass) does not reduce the NCD."
    if claim.section is Section.LIABILITY and claim.emergency_treatment_only:
        return ClaimKind.EMERGENCY_TREATMENT, (
            "Emergency treatment charges under section 3 do not reduce the NCD."
        )
    if not claim.at_fault and claim.vandalism_crime_reference:
        return ClaimKind.VANDALISM_CRIME_REFERENCE, (
            "Vandalism with a crime reference number does not reduce the NCD."
        )
    if not claim.at_fault and claim.uninsured_driver:
        return ClaimKind.UNINSURED_DRIVER, (
            "Not at fault with an uninsured driver: the NCD is not reduced."
        )
    if not claim.at_fault and claim.outlay_recovered:
        return ClaimKind.NOT_AT_FAULT_RECOVERED, (
            "Not at fault with the outlay recovered in full: the NCD is not reduced."
        )
    if claim.at_fault or claim.section is Section.LIABILITY:
        return ClaimKind.AT_FAULT, "A fault claim reduces the NCD at the next renewal."
    return ClaimKind.NOT_AT_FAULT_UNRECOVERED, (
        "A claim whose outlay is not recovered reduces the NCD at the next renewal."
    )


def motor_claim(claim: MotorClaim, params: MotorClaimParams = DEFAULT_PARAMS) -> MotorClaimResult:
    if claim.cost < 0 or claim.voluntary_excess < 0:
        raise ValueError("the cost and the excess cannot be negative")
    lines = excesses(claim, params)
    limit = section_limit(claim, params)
    kind, rule = ncd_kind(claim)
    if claim.section is Section.LIABILITY:
        return MotorClaimResult(lines, None, ZERO, kind, rule)
    if claim.section in FIXED_BENEFITS:  # a set sum, whatever was spent
        return MotorClaimResult(
            lines, limit, round_money(limit.amount if limit else ZERO), kind, rule
        )
    excess = sum((line.amount for line in lines), ZERO)
    if claim.section is Section.GLASS:
        # Section 5: "the most we will pay ... will be £200 for replacement or £50 for
        # repair less any excess which applies" (and £500 for an imported car): the limit
        # bounds the cost, and the excess comes off what is left.
        cost = min(claim.cost, limit.amount) if limit is not None else claim.cost
        return MotorClaimResult(lines, limit, round_money(floor_zero(cost - excess)), kind, rule)
    payable = floor_zero(claim.cost - excess)
    if limit is not None:
        payable = min(payable, limit.amount)
    return MotorClaimResult(lines, limit, round_money(payable), kind, rule)
