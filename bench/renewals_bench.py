"""The daily renewal job on many policies due the same day, on PostgreSQL.

Run with `make bench-renewals` (BENCH_POLICIES, default 100000). It creates a throwaway
database (as bench/api_bench.py: BENCH_DATABASE_URL, name starting with "bench"), N motor
policies that end on the same day (invited already, not renewing automatically, so the
step due is the lapse), then times `renewals_run` for that day in this process:
policies per second and the peak memory it added. The floor beside it: one bulk SQL
UPDATE of the same rows to the same state. (Issue 6's target is 1,000 policies/s with 2
Celery workers; the run is not yet fanned out across workers: see bench/README.md.)
"""

from __future__ import annotations

import os
import resource
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from . import api_bench as b

N = int(os.environ.get("BENCH_POLICIES", "100000"))
BATCH = 5000


def create_policies(n: int) -> date:
    from django.utils import timezone

    from dealers.models import Customer, Deal, Dealer, DealerGroup, Role, User, Vehicle
    from policies.models import Policy, Product, RateCard

    group = DealerGroup.objects.create(name="Bench group", market="UK")
    dealer = Dealer.objects.create(group=group, code="bench", name="Bench Lexus", market="UK",
                                   currency="GBP", language="en", address_line1="1 Road",
                                   city="Town", postcode="M1 1AA")  # fmt: skip
    seller = User.objects.create_user(username="bench-seller", password=None, dealer=dealer,
                                      role=Role.SALES_EXECUTIVE)  # fmt: skip
    product = Product.objects.get(code="motor-uk")
    card = RateCard.objects.filter(product=product).first()
    end = timezone.localdate()
    start = end - timedelta(days=365)
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        customers = Customer.objects.bulk_create(
            Customer(dealer=dealer, first_name="Bench", last_name=f"Customer {first + i}",
                     email=f"c{first + i}@example.com", phone="+44 20 7946 0958",
                     address_line1="1 Road", city="Town", postcode="M1 1AA")
            for i in range(size))  # fmt: skip
        vehicles = Vehicle.objects.bulk_create(
            Vehicle(dealer=dealer, customer=c, vin=f"JTHBA3BL0A{first + i:07d}", model="NX",
                    invoice_price=Decimal("45000"))
            for i, c in enumerate(customers))  # fmt: skip
        deals = Deal.objects.bulk_create(
            Deal(dealer=dealer, customer=v.customer, vehicle=v, salesperson=seller,
                 deal_date=start)
            for v in vehicles)  # fmt: skip
        Policy.objects.bulk_create(
            Policy(number=f"BENCH-{first + i:07d}", product=product, dealer=dealer, deal=d,
                   customer=d.customer, vehicle=d.vehicle, sold_by=seller,
                   sold_at=timezone.now(), start_date=start, end_date=end, term_months=12,
                   payment_plan="single", currency="GBP", net_premium=Decimal("400"),
                   tax_total=Decimal("48"), fee_total=Decimal("0"),
                   total_premium=Decimal("448"), breakdown={}, answers={}, rate_card=card,
                   submission_key=f"bench-{first + i}", invited_on=end - timedelta(days=21))
            for i, d in enumerate(deals))  # fmt: skip
    return end


def peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    name = b._db_name()
    os.environ["DATABASE_URL"] = b.DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    b.database_recreate(name)
    try:
        b.database_prepare()
        from django.db import connection

        from policies.models import Policy
        from policies.renewals import renewals_run

        t0 = time.perf_counter()
        end = create_policies(N)
        print(f"{N} motor policies ending {end}: created in {time.perf_counter() - t0:.1f} s")
        before = peak_kb()
        t0 = time.perf_counter()
        run = renewals_run(on=end)
        job_s = time.perf_counter() - t0
        job_peak = max(peak_kb() - before, 0)
        lapsed = Policy.objects.filter(status="lapsed").count()
        Policy.objects.update(status="live", ended_on=None, end_reason="")
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE policies_policy SET status='lapsed', ended_on=end_date, "
                "end_reason='Not renewed by the end of the period.' "
                "WHERE status='live' AND end_date <= %s", [end])  # fmt: skip
        floor_s = time.perf_counter() - t0
        print(f"\n{'run':<34} {'policies':>9} {'seconds':>8} {'policies/s':>11} {'peak +MB':>9}")
        print(f"{'renewals_run (1 process)':<34} {lapsed:>9} {job_s:>8.1f} "
              f"{lapsed / job_s:>11.0f} {job_peak / 1024:>9.1f}")  # fmt: skip
        print(
            f"{'bulk SQL UPDATE (floor)':<34} {N:>9} {floor_s:>8.2f} {N / floor_s:>11.0f} {'-':>9}"
        )
        print(f"\nerrors: {len(run.errors)}; target: 1,000 policies/s with 2 Celery workers")
        from django.db import connections

        connections.close_all()
    finally:
        b.database_recreate(name, create=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
