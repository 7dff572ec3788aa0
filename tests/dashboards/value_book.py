"""A small book of SMART Cover for the value measures, every figure worked by hand.

The period asked for is three months: from the first of the month two months ago (START)
to this month. Premiums and dates are set on the records so the arithmetic is plain.

Lexus Manchester (group A):
- P1: cover from 30 days before START, for a year: in force all through; live.
- P2: cover from 30 days before START; cancelled today, long after its 14 days' cooling-off.
- P3: sold today (cover from today), net premium £400.00, commission £100.00; live.
- P4: sold today (cover from today), net £600.00, commission £150.00; cancelled today,
  within its cooling-off.
- Claims, all notified today: C1 on P3 approved and paid £300.00; C2 on P1 declined; C3 on
  P1 withdrawn by the customer (a walkaway).
- Complaints received today about SMART Cover: one about the claims handling (upheld,
  £50.00 redress), one about the sale (not upheld).
- Deals, all today: the four P1-P4 were sold on (a sale records its offer, accepted), and
  two others offered SMART Cover and declined it: 6 offered, 2 declined.
Lexus Leeds (group A): L1 sold today (cover from today), net £500.00, commission £200.00
(its offer accepted).
Lexus Bristol (group B): B1 sold today, net £100.00, commission £10.00 (another group).
"""

from datetime import datetime, time, timedelta
from decimal import Decimal as D

from django.utils import timezone

from claims.services import claim_move
from complaints.models import Complaint
from dealers.models import DealerGroup
from policies.disclosure import offer_decide
from policies.models import Decision, Policy, PolicyStatus
from policies.rules.common import add_months
from policies.selectors import product_get
from tests.claims.helpers import notify
from tests.dealers.factories import DealerFactory, DealFactory, UserFactory
from tests.policies.selling import SMART, TODAY, disclosed, sell

THIS_MONTH = TODAY.replace(day=1)
START = add_months(THIS_MONTH, -2)
BEFORE = START - timedelta(days=30)
PERIOD = {"start": f"{START:%Y-%m}", "end": f"{THIS_MONTH:%Y-%m}"}


def deal(dealer, seller):
    return DealFactory(dealer=dealer, vehicle__dealer=dealer, vehicle__customer__dealer=dealer,
                       salesperson=seller, deal_date=TODAY)  # fmt: skip


def policy(dealer, seller, *, starts=TODAY, net="100.00", commission="10.00"):
    d = deal(dealer, seller)
    disclosed(d, "smart-cover", given_on=TODAY - timedelta(days=3))
    p = sell(d, "smart-cover", SMART, key=f"{d.pk}-smart", by=seller)
    sold_at = timezone.make_aware(datetime.combine(starts, time(11)))
    Policy.objects.filter(pk=p.pk).update(
        start_date=starts, end_date=starts + timedelta(days=365), sold_at=sold_at,
        net_premium=D(net), commission=D(commission),
    )  # fmt: skip
    return Policy.objects.get(pk=p.pk)


def cancel(p, on=TODAY):
    Policy.objects.filter(pk=p.pk).update(status=PolicyStatus.CANCELLED, cancelled_on=on,
                                          refund=D("0.00"))  # fmt: skip


def claim(p, *moves):
    handler = UserFactory(role="head_office", dealer=None)
    c = notify(p, "scratch", loss_date=TODAY, diameter_mm="50", depth_mm="1", aware_date=TODAY)
    for action, extra in moves:
        c = claim_move(claim=c, action=action, by=handler, **extra)
    return c


def complaint(p, category, outcome, redress="0.00"):
    return Complaint.objects.create(
        number=f"CX-{Complaint.objects.count() + 1}", dealer=p.dealer, customer=p.customer,
        policy=p, product=p.product, category=category, summary="…", received_on=TODAY,
        channel="phone", recorded_at=timezone.now(), respond_by=TODAY + timedelta(days=56),
        rule_reference="DISP 1.6", currency="GBP", outcome=outcome, redress=D(redress),
    )  # fmt: skip


def value_book() -> dict:
    group_a = DealerGroup.objects.create(name="Group A", market="UK")
    group_b = DealerGroup.objects.create(name="Group B", market="UK")
    man = DealerFactory(market="UK", name="Lexus Manchester", group=group_a)
    leeds = DealerFactory(market="UK", name="Lexus Leeds", group=group_a)
    bristol = DealerFactory(market="UK", name="Lexus Bristol", group=group_b)
    sam, lee, bob = UserFactory(dealer=man), UserFactory(dealer=leeds), UserFactory(dealer=bristol)
    p1 = policy(man, sam, starts=BEFORE)
    p2 = policy(man, sam, starts=BEFORE)
    p3 = policy(man, sam, net="400.00", commission="100.00")
    p4 = policy(man, sam, net="600.00", commission="150.00")
    cancel(p2)
    cancel(p4)
    claim(p3, ("assess", {}), ("approve", {"amount": D("300.00"), "reason": "Invoice"}),
          ("settle", {"amount": D("300.00"), "payee": "SMART Repair Ltd"}))  # fmt: skip
    claim(p1, ("assess", {}), ("decline", {"reason": "Wear and tear"}))
    claim(p1, ("withdraw", {"reason": "Repaired it myself"}))
    complaint(p3, "claim", "upheld", "50.00")
    complaint(p3, "sale", "not_upheld")
    smart = product_get("smart-cover")
    for _ in range(2):
        offer_decide(deal=deal(man, sam), product=smart, decision=Decision.DECLINED,
                     reason_code="price", decided_by=sam)  # fmt: skip
    policy(leeds, lee, net="500.00", commission="200.00")
    policy(bristol, bob, net="100.00", commission="10.00")
    return {"man": man, "leeds": leeds, "bristol": bristol, "group_a": group_a,
            "smart": smart, "p1": p1, "p3": p3}  # fmt: skip
