"""How fast a policy schedule renders, beside WeasyPrint rendering a bare page of the same
page count, in the same run.

Run with `make bench-documents` (or `.venv/bin/python -m bench.documents_bench`):

1. makes a throwaway SQLite database in a temporary folder, migrates it, loads the demo
   products (policies.demo) and sells a realistic policy through the real services: Lexus
   Motor Insurance paid monthly (12 instalments), two named drivers, three optional extras;
2. renders that policy's schedule (documents.rendering.render_document: the context from
   the database, the template, WeasyPrint to PDF/A-3b) and finds how many pages it has;
3. builds a bare HTML page of plain paragraphs (DejaVu Sans at the schedule's size, A4
   with its margins, nothing else), as long as fits in the same number of pages, and
   renders it through the same documents.rendering.html_to_pdf without our print
   stylesheet (the same WeasyPrint call: PDF/A-3b, fonts, garbage collection);
4. renders both BENCH_DOCS times, alternating (so that a machine that speeds up or slows
   down over the run affects both alike), and prints documents per second, ms per
   document (mean, p50, p99) and the ratio of the schedule to the bare page. Target: the
   schedule within 1.5 × the bare page (mean ms).

Writes the same to bench/results/documents.json (git-ignored) and deletes the database.
Exit status 0 whether or not the target is met (the verdict is printed), 1 on an error.

Knobs (environment): BENCH_DOCS (documents of each kind, 40), BENCH_WARMUP (3),
BENCH_PROFILE=1 (add cProfile's top functions for the schedule).
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_RATIO = 1.5
DOCS = int(os.environ.get("BENCH_DOCS", "40"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
PROFILE = os.environ.get("BENCH_PROFILE", "") not in ("", "0")
PARAGRAPH = (
    "The quick brown fox jumps over the lazy dog while the insurer considers the claim, "
    "the premium, the excess and the cover that applies to the vehicle on the schedule. "
)


def log(msg: str = "") -> None:
    print(msg, flush=True)


def django_setup(tmp: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DJANGO_MEDIA_ROOT"] = str(tmp / "media")
    import django

    django.setup()
    import logging

    from django.conf import settings

    for name in ("weasyprint", "celery", "kombu"):  # WeasyPrint logs every stage at INFO
        logging.getLogger(name).setLevel(logging.ERROR)

    # A sale may email the customer (documents.emails): keep any email in memory.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_OUTBOX_DIR = tmp / "outbox"


def policy_make():
    """Migrate, load the demo products, and sell a realistic motor policy."""
    from django.core.management import call_command

    from dealers.models import Customer, Deal, Dealer, DealerGroup, Role, User, Vehicle
    from policies.demo import load_policy_demo
    from policies.disclosure import disclosure_acknowledge, disclosure_give
    from policies.sales import SaleRequest, policy_sell
    from policies.selectors import product_get

    call_command("migrate", verbosity=0, interactive=False)
    load_policy_demo()
    today = date.today()
    group = DealerGroup.objects.create(name="Lexus UK Retail", market="UK")
    dealer = Dealer.objects.create(
        group=group, code="lexus-manchester", name="Lexus Manchester", market="UK",
        currency="GBP", language="en-gb", address_line1="Trafford Way, Trafford Park",
        city="Manchester", region="Greater Manchester", postcode="M17 8AS",
        phone="+44 161 496 0102", regulator_name="FCA", regulator_number="612345",
        company_number="04512873",
    )  # fmt: skip
    seller = User.objects.create(username="bench-seller", first_name="Alex", last_name="Morgan",
                                 role=Role.BUSINESS_MANAGER, dealer=dealer)  # fmt: skip
    customer = Customer.objects.create(
        dealer=dealer, title="Ms", first_name="Joanna", last_name="Whitfield-Armstrong",
        date_of_birth=date(1981, 4, 17), email="joanna.whitfield@example.com",
        phone="+44 7700 900123", address_line1="14 Palatine Road", address_line2="Didsbury",
        city="Manchester", region="Greater Manchester", postcode="M20 3LJ",
    )  # fmt: skip
    vehicle = Vehicle.objects.create(
        dealer=dealer, customer=customer, vin="JTHBA3BL0A5012345", registration="MA26 LXS",
        model="RX 450h+", derivative="Takumi 2.5 Plug-in Hybrid E-CVT", condition="new",
        first_registration_date=today - timedelta(days=3), delivery_date=today,
        invoice_price=Decimal("72450.00"), finance_type="pcp",
        finance_provider="Lexus Financial Services", finance_term_months=48,
        finance_monthly_payment=Decimal("899.00"),
    )  # fmt: skip
    deal = Deal.objects.create(dealer=dealer, customer=customer, vehicle=vehicle,
                               salesperson=seller, deal_date=today)  # fmt: skip
    disclosure_give(deal=deal, product=product_get("motor-uk"), document="IPID 2026",
                    how="in_person", given_by=seller)  # fmt: skip
    disclosure_acknowledge(deal=deal, product=product_get("motor-uk"), acknowledged_by=seller)
    answers = {
        "vehicle_value": Decimal("72450"), "area": "C", "driver_age": 44, "named_drivers": 2,
        "ncd_years": 7, "ncd_protected": True, "fault_claims_past_two_years": 0,
        "voluntary_excess": 250,
        "options": ["legal_expenses", "road_rescue", "motor_excess_protection"],
    }  # fmt: skip
    sale = SaleRequest(deal, "motor-uk", answers, "monthly", "bench-documents-1")
    return policy_sell(sale=sale, sold_by=seller, on=today)


def bare_html(paragraphs: int) -> str:
    body = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(paragraphs))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Bare</title>"
        "<style>@page { size: A4; margin: 20mm 16mm 18mm 16mm }"
        " html { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt }</style>"
        f"</head><body>{body}</body></html>"
    )


def pages_of(html: str, stylesheets: list | None = None) -> int:
    from django.conf import settings
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return len(document.render(stylesheets=stylesheets).pages)


def bare_for(pages: int) -> tuple[str, int]:
    """The longest bare page (in whole paragraphs) that still has `pages` pages."""
    low, high = 1, 1
    while pages_of(bare_html(high)) <= pages:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if pages_of(bare_html(middle)) <= pages:
            low = middle
        else:
            high = middle
    return bare_html(low), low


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(name: str, times: list[tuple[float, float]], pages: int) -> dict:
    ms = [wall * 1000 for wall, _cpu in times]
    cpu = [cpu * 1000 for _wall, cpu in times]
    return {
        "name": name, "documents": len(times), "pages": pages,
        "docs_per_s": 1000 * len(ms) / sum(ms), "mean_ms": statistics.fmean(ms),
        "p50_ms": percentile(ms, 50), "p99_ms": percentile(ms, 99), "min_ms": min(ms),
        "cpu_ms": statistics.fmean(cpu),
    }  # fmt: skip


def measure(schedule, bare) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(wall, CPU) seconds of each render. CPU time is the process's own: other work on
    the machine moves it much less than the wall clock."""
    for _ in range(WARMUP):
        schedule()
        bare()
    ours: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    for _ in range(DOCS):
        for fn, into in ((schedule, ours), (bare, plain)):
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            into.append((time.perf_counter() - wall, time.process_time() - cpu))
    return ours, plain


def profile(schedule) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        schedule()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def table(rows: list[dict]) -> str:
    lines = [f"{'render':<34}{'pages':>6}{'docs/s':>9}{'mean ms':>10}{'p50 ms':>9}{'p99 ms':>9}"
             f"{'cpu ms':>9}", "-" * 86]  # fmt: skip
    for r in rows:
        lines.append(f"{r['name']:<34}{r['pages']:>6}{r['docs_per_s']:>9.2f}"
                     f"{r['mean_ms']:>10.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                     f"{r['cpu_ms']:>9.1f}")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as folder:
        tmp = Path(folder)
        django_setup(tmp)
        from documents.rendering import html_to_pdf, print_stylesheet, render_document, render_html

        log("database: SQLite in a temporary folder; migrate, load the demo products, sell "
            "a monthly motor policy ...")  # fmt: skip
        policy = policy_make()
        language = policy.dealer.language

        def schedule() -> bytes:
            return render_document(policy=policy, kind="schedule", language=language)

        schedule_html = render_html(policy=policy, kind="schedule", language=language)
        pages = pages_of(schedule_html, [print_stylesheet()])
        html, paragraphs = bare_for(pages)

        def bare() -> bytes:  # the same WeasyPrint call, without our stylesheet
            return html_to_pdf(html, stylesheets=[])

        bare_pages = pages_of(html)
        log(f"schedule {policy.number}: {pages} pages; bare page: {paragraphs} paragraphs of "
            f"plain text, {bare_pages} pages")  # fmt: skip
        log(
            f"rendering each {DOCS} times, alternating, after {WARMUP} warm-up renders; "
            f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus ..."
        )
        ours, plain = measure(schedule, bare)
        rows = [summary(f"schedule {policy.number} (motor-uk)", ours, pages),
                summary("bare HTML, same page count", plain, bare_pages)]  # fmt: skip
        ratio = rows[0]["mean_ms"] / rows[1]["mean_ms"]
        verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
        log()
        log(table(rows))
        log()
        log(f"ratio (schedule / bare, mean ms): {ratio:.2f}x  target <= {TARGET_RATIO}x  "
            f"{verdict}")  # fmt: skip
        log(f"ratio of p50: {rows[0]['p50_ms'] / rows[1]['p50_ms']:.2f}x; of CPU time: "
            f"{rows[0]['cpu_ms'] / rows[1]['cpu_ms']:.2f}x")  # fmt: skip
        if PROFILE:
            log()
            log(profile(schedule))
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "documents.json").write_text(json.dumps({
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                        "platform": platform.platform(), "load_after": os.getloadavg()[0]},
            "documents": DOCS, "warmup": WARMUP, "results": rows, "ratio": ratio,
            "ratio_cpu": rows[0]["cpu_ms"] / rows[1]["cpu_ms"],
            "target": TARGET_RATIO, "verdict": verdict,
        }, indent=2))  # fmt: skip
        from django.db import connections

        connections.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
