"""What the daily renewal job does to one policy on one date. Pure: the dates and the
policy's facts in, one step out; the job (policies.renewals) carries the step out.

Readings (issue 6; head office sets the numbers as product settings):
- renewable products are invited `invite_days` (21) before the end of the period;
- a policy opted into automatic renewal has its payment taken `payment_days` (3) before
  the renewal date, and is renewed on it;
- a renewable policy not renewed by its end lapses; a fixed-term product (Asset
  Protector, SMART Cover, smart GAP) expires at its end;
- the customer may change the renewal preference until `preference_cutoff_days` (30)
  before the end;
- a policy that will lapse (invited, not renewing automatically) gets one reminder
  `reminder_days` (7) before the end, unless it was invited inside that window already.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Step(StrEnum):
    NOTHING = "nothing"
    INVITE = "invite"
    REMIND = "remind"
    TAKE_PAYMENT = "take_payment"
    RENEW = "renew"
    LAPSE = "lapse"
    EXPIRE = "expire"


@dataclass(frozen=True)
class RenewalParams:
    invite_days: int = 21
    payment_days: int = 3
    preference_cutoff_days: int = 30
    reminder_days: int = 7


@dataclass(frozen=True)
class PolicyFacts:
    end_date: date
    live: bool
    renewable: bool
    auto_renew: bool = False
    invited_on: date | None = None
    reminded: bool = False
    payment_taken: bool = False
    renewed: bool = False


def renewal_step(facts: PolicyFacts, on: date, params: RenewalParams = RenewalParams()) -> Step:
    """The one step due on `on`; NOTHING when none is (or it was done already). A step
    missed on its day (a job that did not run) is still due on a later day."""
    if not facts.live or facts.renewed:
        return Step.NOTHING
    if not facts.renewable:
        return Step.EXPIRE if on >= facts.end_date else Step.NOTHING
    if on >= facts.end_date:
        if facts.auto_renew and facts.payment_taken:
            return Step.RENEW
        return Step.LAPSE
    if facts.invited_on is None:
        if on >= facts.end_date - timedelta(days=params.invite_days):
            return Step.INVITE
        return Step.NOTHING
    if facts.auto_renew:
        due = facts.end_date - timedelta(days=params.payment_days)
        return Step.TAKE_PAYMENT if not facts.payment_taken and on >= due else Step.NOTHING
    remind_from = facts.end_date - timedelta(days=params.reminder_days)
    if not facts.reminded and facts.invited_on < remind_from <= on:
        return Step.REMIND
    return Step.NOTHING


def preference_may_change(
    end_date: date, on: date, params: RenewalParams = RenewalParams()
) -> bool:
    """The customer may opt in or out of automatic renewal until the cut-off."""
    return on <= end_date - timedelta(days=params.preference_cutoff_days)
