"""The renewal calendar of one policy: each step on its day (issue 6's readings)."""

from datetime import date, timedelta

import pytest

from policies.rules.renewal import PolicyFacts, Step, preference_may_change, renewal_step

END = date(2027, 3, 31)
INVITED = END - timedelta(days=21)


def days_before_end(n: int) -> date:
    return END - timedelta(days=n)


@pytest.mark.parametrize(
    ("on", "facts", "step"),
    [
        # renewable, not invited: nothing until 21 days before the end, then the invitation
        (days_before_end(22), {}, Step.NOTHING),
        (days_before_end(21), {}, Step.INVITE),
        (days_before_end(5), {}, Step.INVITE),  # a missed day is caught up
        (days_before_end(20), {"invited_on": INVITED}, Step.NOTHING),
        # automatic renewal: the payment 3 days before, the renewal on the day
        (days_before_end(4), {"invited_on": INVITED, "auto_renew": True}, Step.NOTHING),
        (days_before_end(3), {"invited_on": INVITED, "auto_renew": True}, Step.TAKE_PAYMENT),
        (days_before_end(2), {"invited_on": INVITED, "auto_renew": True, "payment_taken": True},
         Step.NOTHING),
        (END, {"invited_on": INVITED, "auto_renew": True, "payment_taken": True}, Step.RENEW),
        # not renewing automatically: one reminder 7 days before the end, then it lapses
        (days_before_end(8), {"invited_on": INVITED}, Step.NOTHING),
        (days_before_end(7), {"invited_on": INVITED}, Step.REMIND),
        (days_before_end(2), {"invited_on": INVITED}, Step.REMIND),  # caught up
        (days_before_end(6), {"invited_on": INVITED, "reminded": True}, Step.NOTHING),
        (days_before_end(7), {"invited_on": INVITED, "auto_renew": True}, Step.NOTHING),
        (days_before_end(6), {"invited_on": days_before_end(7)}, Step.NOTHING),  # late invite
        (days_before_end(6), {"invited_on": days_before_end(8)}, Step.REMIND),
        # not renewed: lapses at the end
        (END, {"invited_on": INVITED}, Step.LAPSE),
        (END, {"invited_on": INVITED, "auto_renew": True}, Step.LAPSE),  # payment never taken
        # done already, or not live
        (END, {"renewed": True}, Step.NOTHING),
        (END, {"live": False}, Step.NOTHING),
        # fixed term (Asset Protector, SMART Cover, smart GAP): expires at the end
        (days_before_end(21), {"renewable": False}, Step.NOTHING),
        (days_before_end(1), {"renewable": False}, Step.NOTHING),
        (END, {"renewable": False}, Step.EXPIRE),
        (END + timedelta(days=3), {"renewable": False}, Step.EXPIRE),
    ],
)  # fmt: skip
def test_each_step_falls_on_its_day(on, facts, step):
    defaults = {"end_date": END, "live": True, "renewable": True}
    assert renewal_step(PolicyFacts(**{**defaults, **facts}), on) == step


def test_the_preference_may_change_until_30_days_before_the_end():
    assert preference_may_change(END, days_before_end(30))
    assert not preference_may_change(END, days_before_end(29))
