"""The demo's complaints: some about claims, some about sales, through the register's own
services (deadlines from each market's rule, letters made as PDFs, nobody emailed).
Older ones are answered and closed with an outcome; recent ones are open, one of them
past its deadline. Seeded, so every load gives the same register. ILLUSTRATIVE figures."""

import random
from datetime import date, timedelta
from decimal import Decimal

from claims.models import Claim
from complaints.models import Category, Channel, Complaint, Outcome, RootCause
from complaints.services import About, Decision, complaint_move, complaint_record
from dealers.models import Role, User
from documents.emails import quiet
from policies.models import Policy

from .data import SEED

CLAIMS_EVERY, POLICIES_EVERY, AT_MOST = 4, 60, 24
ANSWERED_AFTER_DAYS = 40
OPEN_DAYS_AGO = (1, 9, 65)
OUTCOMES = [(Outcome.UPHELD, RootCause.CLAIMS_HANDLING, Decimal("150.00")),
            (Outcome.PARTLY_UPHELD, RootCause.COMMUNICATION, Decimal("50.00")),
            (Outcome.NOT_UPHELD, RootCause.NO_FAULT, Decimal("0.00"))]  # fmt: skip


def load_complaints(*, today: date) -> dict[str, int]:
    rng = random.Random(f"{SEED}:complaints")  # nosec B311 # repeatable demo data
    claims = list(Claim.objects.select_related("policy__customer", "dealer").order_by("pk"))
    policies = list(Policy.objects.select_related("customer", "dealer").order_by("pk"))
    picked = [(c.policy, c, c.reported_date + timedelta(days=6)) for c in claims[::CLAIMS_EVERY]]
    picked += [(p, None, p.sold_at.date() + timedelta(days=25)) for p in policies[::POLICIES_EVERY]]
    picked = [(*x, True) for x in sorted(picked, key=lambda x: x[2])[-AT_MOST:]]
    # and three still open: received yesterday, last week and (late) over eight weeks ago
    earliest = today - timedelta(days=max(OPEN_DAYS_AGO))
    live = [p for p in policies if p.status == "live" and p.sold_at.date() < earliest]
    recent = live[-len(OPEN_DAYS_AGO) :]
    picked += [(p, None, today - timedelta(days=d), False)
               for p, d in zip(recent, OPEN_DAYS_AGO, strict=False)]  # fmt: skip
    made = 0
    with quiet():
        for policy, claim, received, answered in picked:
            if received <= today:
                _complaint(rng, policy, claim, received, today, answered=answered)
                made += 1
    return {"complaints": made}


def _complaint(rng, policy: Policy, claim: Claim | None, received: date, today: date, *,
               answered: bool) -> None:  # fmt: skip
    manager = (User.objects.filter(dealer=policy.dealer, role=Role.SALES_MANAGER).first()
               or policy.sold_by)  # fmt: skip
    complaint = complaint_record(
        customer=policy.customer, about=About(policy=policy, claim=claim),
        category=Category.CLAIM if claim else rng.choice([Category.SALE, Category.VALUE]),
        summary="The claim took too long to settle." if claim else "I was not told the price "
        "could be paid monthly.", received_on=received,
        channel=rng.choice([Channel.PHONE, Channel.EMAIL, Channel.LETTER]), recorded_by=manager,
    )  # fmt: skip
    if (today - received).days < 3:
        return
    complaint_move(complaint=complaint, action="acknowledge", by=manager, expected_version=None)
    if not answered or (today - received).days < ANSWERED_AFTER_DAYS:
        return
    outcome, cause, redress = rng.choice(OUTCOMES)
    decision = Decision(outcome=outcome, root_cause=cause, redress=redress,
                        response="We have looked into what happened and explained it.")  # fmt: skip
    complaint_move(complaint=complaint, action="final_response", by=manager,
                   expected_version=None, decision=decision)  # fmt: skip
    complaint_move(complaint=complaint, action="close", by=manager, expected_version=None)
    on = received + timedelta(days=rng.randint(10, 35))
    Complaint.objects.filter(pk=complaint.pk).update(  # answered back then
        acknowledged_on=received + timedelta(days=1), resolved_on=on, closed_on=on
    )
