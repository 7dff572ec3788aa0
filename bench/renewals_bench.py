"""The daily renewal job on many policies due the same day, on PostgreSQL, with 2 Celery
workers on Redis.

Run with `make bench-renewals` (BENCH_POLICIES, default 100000). It creates a throwaway
database (BENCH_RENEWALS_DATABASE_URL, name starting with "bench"), sells one UK motor
and one SMART Cover policy through the services, and copies them into N policies every
one of which has a step due on the run date, mixed through the ids as on a real day:

    invite 20%, remind 10%, take the payment 20%, renew 20%, lapse 20%, expire 10%

Then it starts 2 `celery worker` processes (solo pool) on Redis (BENCH_REDIS_URL, db 15,
flushed), calls `renewals_start` for the day (the daily task's own code: it records the
run and sends one task per chunk) and waits for the run to end. It prints policies per
second, each worker's peak memory (VmHWM) and what it grew by during the run, the
dispatcher's peak Python allocation (tracemalloc), and beside them the floor: one bulk SQL
UPDATE over the same rows. It checks the outcome against the mix: every step's count,
no error, one renewal and one email per policy that needs one.

The emails the run queues go to a queue no bench worker reads (documents are the
documents bench's business): they are counted, not sent.
"""

from __future__ import annotations

import os
import subprocess  # nosec B404 # the bench runs the Celery workers it measures
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from . import api_bench as b

N = int(os.environ.get("BENCH_POLICIES", "100000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
DATABASE_URL = os.environ.get(
    "BENCH_RENEWALS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_renewals"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
QUEUE = "bench-renewals"
BATCH = 5000
ROOT = Path(__file__).resolve().parent.parent
# step -> share of the policies, in tenths; the pattern repeats every ten ids
MIX = (["invite"] * 2 + ["remind"] + ["take_payment"] * 2 + ["renew"] * 2 + ["lapse"] * 2
       + ["expire"])  # fmt: skip


def _templates(day):
    """A motor and a SMART Cover policy sold through the services a year before `day`."""
    from datetime import date
    from decimal import Decimal

    from dealers.models import Customer, Deal, Dealer, DealerGroup, Role, User, Vehicle
    from policies.disclosure import disclosure_acknowledge
    from policies.sales import SaleRequest, policy_sell
    from policies.selectors import product_get

    group = DealerGroup.objects.create(name="Bench group", market="UK")
    dealer = Dealer.objects.create(group=group, code="bench", name="Bench Lexus", market="UK",
                                   currency="GBP", language="en", address_line1="1 Road",
                                   city="Town", postcode="M1 1AA")  # fmt: skip
    seller = User.objects.create_user(username="bench-seller", password=None, dealer=dealer,
                                      role=Role.SALES_EXECUTIVE)  # fmt: skip
    sold_on = day - timedelta(days=365)
    made = {}
    answers = {
        "motor-uk": {"vehicle_value": Decimal("45000"), "area": "C", "driver_age": 42,
                     "ncd_years": 5, "ncd_protected": False, "fault_claims_past_two_years": 0,
                     "voluntary_excess": 250, "options": ["legal_expenses"]},
        "smart-cover": {"term_months": 12, "sale_date": sold_on,
                        "delivery_date": sold_on + timedelta(days=7)},
    }  # fmt: skip
    for code, given in answers.items():
        customer = Customer.objects.create(
            dealer=dealer, first_name="Bench", last_name=code, email="bench@example.com",
            phone="+44 20 7946 0958", address_line1="1 Road", city="Town", postcode="M1 1AA",
            date_of_birth=date(1980, 1, 1),
        )  # fmt: skip
        vehicle = Vehicle.objects.create(dealer=dealer, customer=customer, vin=f"BENCH{code}",
                                         model="NX", invoice_price=Decimal("45000"))  # fmt: skip
        deal = Deal.objects.create(dealer=dealer, customer=customer, vehicle=vehicle,
                                   salesperson=seller, deal_date=sold_on)  # fmt: skip
        product = product_get(code)
        disclosure_acknowledge(deal=deal, product=product, document="IPID", given_on=sold_on,
                               acknowledged_by=seller)  # fmt: skip
        made[code] = policy_sell(sale=SaleRequest(deal, code, given, "single", f"bench-{code}"),
                                 sold_by=seller, on=sold_on)  # fmt: skip
    return dealer, seller, made


def create_policies(n: int, day) -> dict[str, int]:
    """N policies, each with the step of MIX[i % 10] due on `day`; returns the mix."""
    from collections import Counter

    from django.utils import timezone

    from dealers.models import Customer, Deal, Vehicle
    from policies.models import Policy, RenewalPayment

    dealer, seller, templates = _templates(day)
    mix: Counter[str] = Counter(lapse=1, expire=1)  # the two sold: their year ends on `day`
    now = timezone.now()
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        customers = Customer.objects.bulk_create(
            Customer(dealer=dealer, first_name="Bench", last_name=f"Customer {first + i}",
                     email=f"c{first + i}@example.com", phone="+44 20 7946 0958",
                     address_line1="1 Road", city="Town", postcode="M1 1AA")
            for i in range(size))  # fmt: skip
        vehicles = Vehicle.objects.bulk_create(
            Vehicle(dealer=dealer, customer=c, vin=f"JTHBA3BL0A{first + i:07d}", model="NX",
                    invoice_price=templates["motor-uk"].vehicle.invoice_price)
            for i, c in enumerate(customers))  # fmt: skip
        deals = Deal.objects.bulk_create(
            Deal(dealer=dealer, customer=v.customer, vehicle=v, salesperson=seller,
                 deal_date=day - timedelta(days=365))
            for v in vehicles)  # fmt: skip
        policies, steps = [], []
        for i, deal in enumerate(deals):
            step = MIX[(first + i) % len(MIX)]
            t = templates["smart-cover" if step == "expire" else "motor-uk"]
            end = {"invite": day + timedelta(days=21), "remind": day + timedelta(days=7),
                   "take_payment": day + timedelta(days=3)}.get(step, day)  # fmt: skip
            policies.append(Policy(
                number=f"BENCH-{first + i:07d}", product=t.product, dealer=dealer, deal=deal,
                customer=deal.customer, vehicle=deal.vehicle, sold_by=seller, sold_at=now,
                start_date=end - timedelta(days=365), end_date=end, term_months=12,
                payment_plan=t.payment_plan, currency="GBP", net_premium=t.net_premium,
                tax_total=t.tax_total, fee_total=t.fee_total, total_premium=t.total_premium,
                breakdown=t.breakdown, answers=t.answers, rate_card=t.rate_card,
                submission_key=f"bench-{first + i}",
                auto_renew=step in ("take_payment", "renew"),
                invited_on=None if step in ("invite", "expire") else end - timedelta(days=21),
                reminded_on=end - timedelta(days=7) if step == "lapse" else None,
            ))  # fmt: skip
            steps.append(step)
            mix[step] += 1
        policies = Policy.objects.bulk_create(policies)
        RenewalPayment.objects.bulk_create(
            RenewalPayment(policy=p, amount=p.total_premium, due_on=day - timedelta(days=3),
                           collected_at=now)
            for p, step in zip(policies, steps, strict=True) if step == "renew")  # fmt: skip
    return dict(mix)


def _worker_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": DATABASE_URL, "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_RESULT_BACKEND": REDIS_URL, "CELERY_TASK_DEFAULT_QUEUE": QUEUE}  # fmt: skip


def workers_start(n: int) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen(  # nosec B603 # this venv's celery, the bench's own arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "-Q",
                QUEUE,
                "-n",
                f"bench{i}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=_worker_env(),
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for i in range(n)
    ]


def memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def workers_ready(workers, timeout: float = 60) -> None:
    """Wait until every worker has answered a ping (imports done, queue consumed)."""
    from config.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(w.poll() is not None for w in workers):
            raise RuntimeError("a bench worker exited before the run")
        if len(app.control.ping(timeout=1.0) or []) >= len(workers):
            return
    raise RuntimeError("the bench workers did not answer")


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def main() -> int:
    from urllib.parse import urlsplit

    name = urlsplit(DATABASE_URL).path.lstrip("/")
    if not name.startswith("bench"):
        sys.exit(f"{DATABASE_URL} names {name!r}: the bench drops it, so it must start with bench")
    os.environ.update({k: v for k, v in _worker_env().items() if k != "DJANGO_SETTINGS_MODULE"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    b.DATABASE_URL = DATABASE_URL
    b.database_recreate(name)
    workers = []
    try:
        redis_flush()
        b.database_prepare()
        from django.db import connection
        from django.utils import timezone

        from documents.models import EmailSend
        from policies.models import Policy
        from policies.renewals import renewals_start
        from policies.selectors import step_totals
        from policies.tasks import renewals_chunk_task

        day = timezone.localdate()
        t0 = time.perf_counter()
        mix = create_policies(N, day)
        top = Policy.objects.order_by("-pk").values_list("pk", flat=True).first()
        print(f"{N} policies with a step due on {day}: created in "
              f"{time.perf_counter() - t0:.0f} s; {dict(sorted(mix.items()))}")  # fmt: skip
        connection.close()
        emails_before = EmailSend.objects.count()  # the two sales' emails
        workers = workers_start(WORKERS)
        workers_ready(workers)
        before = [memory_kb(w.pid, "VmRSS") for w in workers]

        tracemalloc.start()
        t0 = time.perf_counter()
        # the daily task's code: record, cut, send the chunks to the workers
        run = renewals_start(on=day, run_chunk=renewals_chunk_task.delay)
        dispatch_s = time.perf_counter() - t0
        dispatch_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        while run.finished_at is None:
            time.sleep(0.05)
            run.refresh_from_db()
            if any(w.poll() is not None for w in workers):
                raise RuntimeError("a bench worker died during the run")
        job_s = time.perf_counter() - t0
        peaks = [memory_kb(w.pid, "VmHWM") for w in workers]

        done = step_totals(run.counts)
        emails = EmailSend.objects.count() - emails_before
        renewed = Policy.objects.filter(renewed_from__isnull=False).count()
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE policies_policy SET status='lapsed', ended_on=end_date, "
                "end_reason='Not renewed by the end of the period.' WHERE id <= %s",
                [top],
            )
        floor_s = time.perf_counter() - t0

        print(f"\n{'run':<40} {'policies':>9} {'seconds':>8} {'policies/s':>11}")
        print(f"{f'renewals, {WORKERS} Celery workers':<40} {run.total:>9} {job_s:>8.1f} "
              f"{run.total / job_s:>11.0f}")  # fmt: skip
        print(f"{'  of which recording and sending chunks':<40} {'':>9} {dispatch_s:>8.1f}")
        print(f"{'bulk SQL UPDATE (floor)':<40} {N:>9} {floor_s:>8.2f} {N / floor_s:>11.0f}")
        print("\nmemory: " + "; ".join(
            f"worker {i + 1} RSS {a / 1024:.0f} MB before, peak {p / 1024:.0f} MB "
            f"(+{(p - a) / 1024:.0f})" for i, (a, p) in enumerate(zip(before, peaks, strict=True))
        ) + f"; dispatcher peak Python allocation {dispatch_peak / 2**20:.1f} MB")  # fmt: skip
        print(f"chunks: {run.chunks.count()} of up to 500; errors: {run.error_count}")

        wanted_emails = mix["invite"] + mix["remind"] + mix["renew"]
        problems = [
            f"{step}: {done.get(step, 0)} done, {n} due"
            for step, n in mix.items() if done.get(step, 0) != n
        ]  # fmt: skip
        if renewed != mix["renew"]:
            problems.append(f"{renewed} renewals for {mix['renew']} due")
        if emails != wanted_emails:
            problems.append(f"{emails} emails queued, {wanted_emails} due")
        if run.error_count:
            problems.append(f"{run.error_count} errors, first: {run.errors[:3]}")
        print("outcome: " + ("as the mix says" if not problems else "; ".join(problems)))
        print(f"target: 1,000 policies/s with {WORKERS} Celery workers: "
              f"{'met' if run.total / job_s >= 1000 else 'NOT met'}")  # fmt: skip
        from django.db import connections

        connections.close_all()
        return 1 if problems else 0
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=30)
        redis_flush()
        b.database_recreate(name, create=False)


if __name__ == "__main__":
    sys.exit(main())
