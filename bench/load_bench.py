"""A load run: dealers' staff browsing, quoting and selling, against gunicorn and PostgreSQL.

Run with `make bench-load` (or `.venv/bin/python -m bench.load_bench`):

1. drops and creates the PostgreSQL database `bench_load` on 127.0.0.1, migrates it and
   loads the demo (`manage.py load_demo`: dealers in the UK, Italy and Australia, their
   customers, deals and book of policies), then adds BENCH_LOAD_USERS members of staff
   (sales executives and business managers, spread over the nine Lexus dealers of the
   three markets, all with the demo password), each with an API token of their own, so
   every simulated user logs in as a different person;
2. collects the static files (hashed names, as in production) and starts, on loopback:
   a Celery worker on Redis db 12 (flushed; it makes each sale's documents and emails
   them to a file outbox: no email leaves the machine) and gunicorn (config.wsgi,
   settings bench.load_settings, which are production's without HTTPS);
3. runs locust headless (bench/locustfile.py: BENCH_LOAD_USERS users, BENCH_LOAD_SPAWN_RATE
   a second, for BENCH_LOAD_DURATION), then waits for the worker to send the sales' emails;
4. prints requests/s, failures and p50/p95/p99 for every request name and overall (the
   whole run as locust counts it, and the steady state: from 5 s after the last login,
   since each login hashes the password and the logins come in a burst), what the run
   made (customers, deals, policies: counted in the database before and after and
   compared with the sales locust saw), and the CPU each part used; writes the same to
   bench/results/load.json, stops gunicorn and the worker by their pids, flushes Redis
   db 12 and drops the database.

Exit status 1 when any request failed (a status or a page that was not the one expected),
when the policies in the database are not the sales locust made, when an email was not
sent, or when gunicorn or the worker logged an error.

Environment knobs: BENCH_LOAD_USERS (50), BENCH_LOAD_SPAWN_RATE (10), BENCH_LOAD_DURATION
(2m), BENCH_LOAD_WAIT (seconds between a user's actions, "1,3"), BENCH_LOAD_WORKERS
(gunicorn workers, cores + 1: it measured better than 2 x cores + 1 here),
BENCH_LOAD_WORKER_CLASS (sync; or gthread with BENCH_LOAD_THREADS, 4, and
BENCH_LOAD_KEEPALIVE, 5 s), BENCH_LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/bench_load;
the name must start with "bench": it is dropped), BENCH_LOAD_REDIS_URL
(redis://127.0.0.1:6379/12: flushed), BENCH_LOAD_REUSE=1 (keep the database and reuse it
on the next run: for working on the bench, not for figures).
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import shutil
import signal
import subprocess  # nosec B404 # the bench runs the servers and tools it measures
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench import api_bench as b

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"  # the only address this bench ever sends to
SETTINGS = "bench.load_settings"
CORES = os.cpu_count() or 1

USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SPAWN_RATE = float(os.environ.get("BENCH_LOAD_SPAWN_RATE", "10"))
DURATION = os.environ.get("BENCH_LOAD_DURATION", "2m")
WAIT = os.environ.get("BENCH_LOAD_WAIT", "1,3")
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", str(CORES + 1)))  # see bench/README.md
WORKER_CLASS = os.environ.get("BENCH_LOAD_WORKER_CLASS", "sync")
THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "4" if WORKER_CLASS == "gthread" else "1"))
# gthread keeps connections open between requests: longer than a user's pause, or the
# server closes one just as the client reuses it (a reset, counted as a failure).
KEEPALIVE = int(os.environ.get("BENCH_LOAD_KEEPALIVE", "5"))
DATABASE_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_load"
)
REDIS_URL = os.environ.get("BENCH_LOAD_REDIS_URL", "redis://127.0.0.1:6379/12")
REUSE = os.environ.get("BENCH_LOAD_REUSE", "") == "1"

# The Lexus dealers of the demo (demo/data.py), by username prefix. The smart
# retailer sells only GAPs, which cannot be sold on the day the customer is told of them.
DEALERS = ("uk", "uk2", "uk3", "it", "it2", "it3", "au", "au2", "au3")
FIRST_NAMES = ("Anna", "Ben", "Carla", "Dev", "Elena", "Finn", "Gita", "Hugo", "Ines", "Jon")


def log(msg: str = "") -> None:
    print(msg, flush=True)


# --- the database ---------------------------------------------------------------------


def _db_name() -> str:
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    if not name.startswith("bench"):
        sys.exit(f"BENCH_LOAD_DATABASE_URL names {name!r}: the bench drops its database, "
                 "so the name must start with 'bench'.")  # fmt: skip
    return name


def _database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(b._admin_conninfo(), autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def database_prepare() -> list[dict]:
    """Migrate, load the demo, add the bench's staff and their tokens, collect the static
    files. Returns one login per member of staff, for the locustfile."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connections

    from dealers.models import Dealer, Role, User
    from dealers.services import api_token_issue
    from demo.data import DEMO_PASSWORD

    call_command("migrate", "--noinput", verbosity=0)
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    lines = out.getvalue().splitlines()
    said = [line for line in lines if line.startswith(("Loaded demo", "Demo data"))]
    log("  " + (said[0] if said else out.getvalue().strip()[:200]))
    call_command("collectstatic", "--noinput", verbosity=0)

    dealers = {d.code: d for d in Dealer.objects.all()}
    by_prefix = {spec.prefix: dealers[spec.code] for spec in _demo_dealers()}
    password = make_password(DEMO_PASSWORD)  # one hash: the password is the same for all
    logins = []
    for n in range(USERS):
        dealer = by_prefix[DEALERS[n % len(DEALERS)]]
        k = n // len(DEALERS)  # the k-th member of staff of this dealer
        username = f"load.{dealer.code}.{k + 1}"
        role = Role.BUSINESS_MANAGER if k % 3 == 2 else Role.SALES_EXECUTIVE
        user, _ = User.objects.get_or_create(username=username, defaults={
            "first_name": FIRST_NAMES[n % len(FIRST_NAMES)], "last_name": f"Bench{n + 1}",
            "email": f"{username}@bench.example.com", "role": role, "dealer": dealer,
            "password": password,
        })  # fmt: skip
        _, key = api_token_issue(user=user)
        logins.append({
            "username": username, "password": DEMO_PASSWORD, "first_name": user.first_name,
            "market": dealer.market, "region": dealer.region, "postcode": dealer.postcode,
            "city": dealer.city, "api_key": key,
        })  # fmt: skip
    connections.close_all()
    return logins


def _demo_dealers():
    from demo.data import DEALERS as SPECS

    return [spec for spec in SPECS if spec.prefix in DEALERS]


def counts() -> dict[str, int]:
    from django.db import connections

    from dealers.models import Customer, Deal
    from policies.models import Policy

    found = {
        "customers": Customer.objects.count(),
        "deals": Deal.objects.count(),
        "policies": Policy.objects.count(),
    }
    connections.close_all()
    return found


def sale_emails(policy_ids: list[int]) -> dict[str, int]:
    """The emails of the run's sales, by status (pending, sent, failed)."""
    from django.db import connections
    from django.db.models import Count

    from documents.models import EmailSend, SendStatus

    found = dict.fromkeys(SendStatus.values, 0)
    rows = EmailSend.objects.filter(policy_id__in=policy_ids).values("status")
    found |= {r["status"]: r["n"] for r in rows.annotate(n=Count("pk"))}
    connections.close_all()
    return found


def sales_check(sales: list[dict], before: dict[str, int], after: dict[str, int]) -> list[str]:
    """The policies the run added are exactly the sales locust saw, each sold by the
    member of staff who made it."""
    from django.db import connections

    from policies.models import Policy

    problems = []
    made = after["policies"] - before["policies"]
    if made != len(sales):
        problems.append(f"{made} policies added to the database, {len(sales)} sales seen")
    found = {p.pk: p for p in Policy.objects.filter(pk__in=[s["id"] for s in sales])
             .select_related("sold_by")}  # fmt: skip
    for s in sales:
        p = found.get(s["id"])
        if p is None or p.number != s["number"] or p.sold_by.username != s["user"]:
            problems.append(f"sale {s} is not in the database as made")
    if not sales:
        problems.append("no sale was made")
    connections.close_all()
    return problems[:10]


# --- processes ------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": DATABASE_URL,
            "CELERY_BROKER_URL": REDIS_URL, "BENCH_CACHE_URL": REDIS_URL}  # fmt: skip


def worker_start(log_file: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
        "-n", "bench-load@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--loglevel=WARNING", f"--logfile={log_file}",
    ]  # fmt: skip
    return subprocess.Popen(  # nosec B603 # this venv's celery, the bench's own arguments
        cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )


def worker_ready(worker: subprocess.Popen[bytes], timeout: float = 90) -> None:
    from config.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"the Celery worker exited with {worker.returncode}")
        if app.control.ping(timeout=1.0):
            return
    raise RuntimeError("the Celery worker did not answer")


def gunicorn_start(port: int, log_file: Path, app_log: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(WORKERS), "--worker-class", WORKER_CLASS,
        "--threads", str(THREADS), "--keep-alive", str(KEEPALIVE),
        "--log-level", "warning", "--error-logfile", str(log_file),
        # access log: off (gunicorn's default); locust records every request
    ]  # fmt: skip
    with open(app_log, "ab") as app:  # Django's own log (a 500's traceback) goes to stderr
        return subprocess.Popen(  # nosec B603 # this venv's gunicorn, the bench's own arguments
            cmd, cwd=ROOT, env=_env(), stdout=app, stderr=app
        )


def gunicorn_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode} before answering")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM to the process we started (gunicorn's master stops its own workers)."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def cpu_seconds(proc: subprocess.Popen[bytes] | None) -> float:
    """User + system CPU of a process we started and its children, so far."""
    import psutil

    if proc is None or proc.poll() is not None:
        return 0.0
    try:
        root = psutil.Process(proc.pid)
        total = 0.0
        for p in [root, *root.children(recursive=True)]:
            t = p.cpu_times()
            total += t.user + t.system
        return total
    except psutil.Error:
        return 0.0


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / tick, sum(fields) / tick


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def locust_run(port: int, staff_file: Path, report: Path, csv_prefix: Path, log_file: Path
               ) -> tuple[int, float]:  # fmt: skip
    """Locust headless; returns its exit status and the CPU seconds it used."""
    import resource

    cmd = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless", "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", DURATION,
        "--host", f"http://{HOST}:{port}", "--csv", str(csv_prefix), "--only-summary",
        "--stop-timeout", "30", "--loglevel", "WARNING", "--logfile", str(log_file),
    ]  # fmt: skip
    env = {**os.environ, "BENCH_LOAD_STAFF": str(staff_file), "BENCH_LOAD_REPORT": str(report),
           "BENCH_LOAD_WAIT": WAIT}  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(  # nosec B603 # this venv's locust, the bench's own arguments
        cmd, cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=_seconds(DURATION) + 180, check=False,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    log_file.with_suffix(".out").write_text(out.stdout + out.stderr)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out.returncode, used


def _seconds(duration: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    if duration[-1] in units:
        return int(float(duration[:-1]) * units[duration[-1]])
    return int(duration)


def emails_drained(policy_ids: list[int], timeout: float = 180) -> tuple[dict[str, int], float]:
    """Wait until the worker has sent every email the sales queued; returns their statuses
    and how long the worker took after the run."""
    started = time.monotonic()
    while True:
        now = sale_emails(policy_ids)
        if not now["pending"] or time.monotonic() - started > timeout:
            return now, time.monotonic() - started
        time.sleep(0.5)


# --- the report -----------------------------------------------------------------------


def stats_rows(csv_prefix: Path) -> list[dict[str, str]]:
    with open(f"{csv_prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def failures_rows(csv_prefix: Path) -> list[dict[str, str]]:
    path = Path(f"{csv_prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def table(rows: list[dict[str, str]]) -> str:
    head = (f"{'request':<52} {'count':>6} {'fail':>5} {'req/s':>7} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")  # fmt: skip
    lines = [head, "-" * len(head)]
    body = sorted((r for r in rows if r["Name"] != "Aggregated"),
                  key=lambda r: -int(r["Request Count"]))  # fmt: skip
    total = [r for r in rows if r["Name"] == "Aggregated"]
    for r in [*body, *total]:
        name = r["Name"] if r["Name"] == "Aggregated" else f"{r['Type']} {r['Name']}"
        if r["Name"] == "Aggregated":
            lines.append("-" * len(head))
            name = "all requests"
        lines.append(
            f"{name[:52]:<52} {int(r['Request Count']):>6} {int(r['Failure Count']):>5} "
            f"{float(r['Requests/s']):>7.1f} {_ms(r['50%']):>7} {_ms(r['95%']):>7} "
            f"{_ms(r['99%']):>7} {float(r['Max Response Time']):>7.0f}"
        )
    return "\n".join(lines)


SETTLE_S = 5.0  # after the last login, before the steady state is counted


def steady(report: dict) -> tuple[list[dict], float]:
    """Per request name and overall, from the requests locust recorded: the ones that
    ended from SETTLE_S after the last login to the end of the run (each login hashes the
    password, a second of CPU, and they all come while the users start). Returns the rows
    and the window in seconds."""
    records = report.get("requests", [])
    if not records or not report.get("logged_in"):
        return [], 0.0
    start = max(report["logged_in"]) + SETTLE_S
    end = max(t for t, *_ in records)
    window = end - start
    if window < 10:
        return [], 0.0
    by_name: dict[str, list[tuple[float, bool]]] = {}
    for t, name, ms, failed in records:
        if t >= start:
            by_name.setdefault(name, []).append((ms, failed))
    rows = [_row(name, got, window) for name, got in by_name.items()]
    rows.sort(key=lambda r: -r["count"])
    every = [x for got in by_name.values() for x in got]
    return [*rows, _row("all requests", every, window)], window


def _row(name: str, got: list[tuple[float, bool]], window: float) -> dict:
    times = sorted(ms for ms, _ in got)

    def pct(p: float) -> float:  # nearest rank
        return times[max(0, min(len(times) - 1, round(p / 100 * len(times) + 0.5) - 1))]

    return {"name": name, "count": len(got), "failures": sum(f for _, f in got),
            "rps": len(got) / window, "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "max": times[-1]}  # fmt: skip


def steady_table(rows: list[dict]) -> str:
    head = (f"{'request':<52} {'count':>6} {'fail':>5} {'req/s':>7} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")  # fmt: skip
    lines = [head, "-" * len(head)]
    for r in rows:
        if r["name"] == "all requests":
            lines.append("-" * len(head))
        lines.append(
            f"{r['name'][:52]:<52} {r['count']:>6} {r['failures']:>5} {r['rps']:>7.1f} "
            f"{r['p50']:>7.0f} {r['p95']:>7.0f} {r['p99']:>7.0f} {r['max']:>7.0f}"
        )
    return "\n".join(lines)


def _ms(value: str) -> str:
    return "-" if value in ("", "N/A") else f"{float(value):.0f}"


ERROR_MARKS = (
    "[ERROR]",
    "[CRITICAL]",
    "WORKER TIMEOUT",
    " ERROR ",
    " CRITICAL ",
    "Traceback",
    "ERROR/",
    "CRITICAL/",
)  # gunicorn's, Django's and Celery's formats


def log_errors(log_file: Path) -> list[str]:
    if not log_file.exists():
        return []
    lines = log_file.read_text(errors="replace").splitlines()
    return [line[:300] for line in lines if any(m in line for m in ERROR_MARKS)][:10]


def main() -> int:
    started = time.monotonic()
    name = _db_name()
    b.DATABASE_URL = DATABASE_URL  # api_bench's database helpers, on this database
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    os.environ.update({
        "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": SETTINGS,
        "CELERY_BROKER_URL": REDIS_URL, "BENCH_CACHE_URL": REDIS_URL,
        "BENCH_STATIC_ROOT": str(tmp / "static"), "BENCH_EMAIL_DIR": str(tmp / "outbox"),
    })  # fmt: skip
    (tmp / "static").mkdir()
    (tmp / "outbox").mkdir()
    RESULTS.mkdir(parents=True, exist_ok=True)
    logs = {k: RESULTS / f"load-{k}.log" for k in ("gunicorn", "app", "worker", "locust")}
    for path in logs.values():
        path.unlink(missing_ok=True)

    reuse = REUSE and _database_exists(name)
    log(f"database {name}: " + ("reused (BENCH_LOAD_REUSE=1)" if reuse else
        "drop, create, migrate, load the demo (about 2 minutes) ..."))  # fmt: skip
    if not reuse:
        b.database_recreate(name)
    worker = server = None
    try:
        redis_flush()
        staff = database_prepare()
        staff_file = tmp / "staff.json"
        staff_file.write_text(json.dumps(staff))
        markets = {m: sum(1 for s in staff if s["market"] == m) for m in ("UK", "IT", "AU")}
        log(f"  {len(staff)} members of staff to log in: {markets}")
        before = counts()

        worker = worker_start(logs["worker"])
        worker_ready(worker)
        port = b.free_port()
        log(f"gunicorn: {WORKERS} {WORKER_CLASS} workers"
            + (f" x {THREADS} threads" if WORKER_CLASS == "gthread" else "")
            + f" on {HOST}:{port}; a Celery worker on {REDIS_URL}")  # fmt: skip
        server = gunicorn_start(port, logs["gunicorn"], logs["app"])
        gunicorn_ready(port, server)

        log(f"locust: {USERS} users, {SPAWN_RATE:g} a second, for {DURATION}, "
            f"{WAIT.replace(',', '-')} s between actions ...")  # fmt: skip
        load_before = os.getloadavg()[0]
        cpu0 = (cpu_seconds(server), cpu_seconds(worker), machine_busy())
        t0 = time.monotonic()
        report = tmp / "report.json"
        locust_rc, locust_cpu = locust_run(port, staff_file, report, tmp / "load", logs["locust"])
        elapsed = time.monotonic() - t0
        cpu1 = (cpu_seconds(server), cpu_seconds(worker), machine_busy())
        load_after = os.getloadavg()[0]
        rows = stats_rows(tmp / "load")
        failures = failures_rows(tmp / "load")
        seen = json.loads(report.read_text()) if report.exists() else {}
        sales = seen.get("sales", [])
        emails, drain_s = emails_drained([s["id"] for s in sales])
        emails_out = len(list((tmp / "outbox").glob("*")))
        after = counts()
        sale_problems = sales_check(sales, before, after)
    finally:
        stop(server)
        stop(worker)
        try:
            redis_flush()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            if not REUSE:
                b.database_recreate(name, create=False)

    total = next(r for r in rows if r["Name"] == "Aggregated")
    busy = cpu1[2][0] - cpu0[2][0]
    capacity = (cpu1[2][1] - cpu0[2][1]) or 1.0
    cpu = {
        "gunicorn": round(cpu1[0] - cpu0[0], 1),
        "celery worker": round(cpu1[1] - cpu0[1], 1),
        "locust": round(locust_cpu, 1),
        "machine busy": round(busy, 1),
        "machine share busy": round(busy / capacity, 2),
    }
    made = {k: after[k] - before[k] for k in ("customers", "deals", "policies")}

    log("")
    log(f"Staff at the point of sale: {USERS} users for {DURATION} ({elapsed:.0f} s with "
        f"start and stop); gunicorn {WORKERS} {WORKER_CLASS} workers, PostgreSQL, "
        f"DEBUG off")  # fmt: skip
    log(table(rows))
    log("")
    log(
        f"overall: {float(total['Requests/s']):.1f} requests/s, "
        f"{int(total['Failure Count'])} failed of {int(total['Request Count'])}, "
        f"p50 {_ms(total['50%'])} ms, p95 {_ms(total['95%'])} ms, p99 {_ms(total['99%'])} ms"
    )
    steady_rows, window = steady(seen)
    if steady_rows:
        log("")
        log(f"After the logins (from {SETTLE_S:.0f} s after the last login to the end: "
            f"{window:.0f} s):")  # fmt: skip
        log(steady_table(steady_rows))
        t = steady_rows[-1]
        log(f"steady state: {t['rps']:.1f} requests/s, p50 {t['p50']:.0f} ms, p95 "
            f"{t['p95']:.0f} ms, p99 {t['p99']:.0f} ms")  # fmt: skip
    log("")
    log(f"made: {made['customers']} customers, {made['deals']} deals, {made['policies']} "
        f"policies; sales seen by locust: {len(sales)}")  # fmt: skip
    log(f"the sales' emails: {emails['sent']} sent, {emails['pending']} pending, "
        f"{emails['failed']} failed ({emails_out} in the outbox); the worker finished "
        f"{drain_s:.0f} s after the run")  # fmt: skip
    log(f"CPU seconds during the run: gunicorn {cpu['gunicorn']}, Celery worker "
        f"{cpu['celery worker']}, locust {cpu['locust']}; the machine ({CORES} cores) "
        f"{cpu['machine share busy']:.0%} busy, load average {load_before:.1f} before, "
        f"{load_after:.1f} after")  # fmt: skip

    problems = []
    if int(total["Failure Count"]):
        problems.append(f"{total['Failure Count']} requests failed")
    for f in failures[:10]:
        log(f"FAILED {f['Method']} {f['Name']} x{f['Occurrences']}: {f['Error'][:300]}")
    if locust_rc not in (0, 1):
        problems.append(f"locust exited with {locust_rc} (see {logs['locust'].name})")
    problems += sale_problems
    if emails["pending"] or emails["failed"] or emails["sent"] != len(sales):
        problems.append(f"{len(sales)} sales, emails: {emails['sent']} sent, "
                        f"{emails['pending']} pending, {emails['failed']} failed")  # fmt: skip
    for what in ("gunicorn", "app", "worker"):
        problems += [f"{logs[what].name}: {line}" for line in log_errors(logs[what])]
    for p in problems:
        log(f"PROBLEM: {p}")
    log("result: " + ("no errors" if not problems else f"{len(problems)} problem(s)"))

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": b.git_commit(),
        "machine": {"cpus": CORES, "python": platform.python_version(),
                    "load_average_before": round(load_before, 2)},
        "server": {"gunicorn_workers": WORKERS, "worker_class": WORKER_CLASS,
                   "threads": THREADS, "settings": SETTINGS, "database": "postgresql",
                   "celery": REDIS_URL},
        "load": {"tool": "locust", "users": USERS, "spawn_rate": SPAWN_RATE,
                 "duration": DURATION, "wait_s": WAIT},
        "requests": rows, "failures": failures,
        "steady_state": {"window_s": round(window, 1), "rows": steady_rows},
        "made": made, "sales": len(sales),
        "emails": {**emails, "outbox": emails_out, "drained_after_s": round(drain_s, 1)},
        "cpu_seconds": cpu, "problems": problems,
        "elapsed_s": round(time.monotonic() - started, 1), "table": table(rows),
    }  # fmt: skip
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2) + "\n")
    log(f"\nwritten: {(RESULTS / 'load.json').relative_to(ROOT)}; took "
        f"{result['elapsed_s']:.0f} s")  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
