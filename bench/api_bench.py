"""Throughput and latency of the calculation API under gunicorn, beside a bare view.

Run with `make bench` (or `.venv/bin/python -m bench.api_bench` once wrk is installed):

1. drops and creates the PostgreSQL database `bench_api` on 127.0.0.1, migrates it, loads
   the demo products (policies.demo) and a head-office user with an API token;
2. starts gunicorn (2 sync workers, settings bench.settings, no access log) on a free
   loopback port and waits until it answers;
3. checks one request of each target by hand and warms each up, then measures in
   BENCH_ROUNDS rounds: each round runs wrk on the bare view /bench/bare and then on
   every calculation endpoint of API.md and POST /api/v1/quotes. An endpoint's share of
   the bare view is taken within each round (the machine drifts over a run; a 2-core
   box shared with wrk and PostgreSQL drifts by 10-15%), and the median round counts;
4. prints requests/s, p50 and p99 latency, the share of the bare view's throughput
   (target: 70% for the calculation endpoints of API.md; the quotes, a whole itemised
   quote each, are reported beside them) and its spread over the rounds, writes the same to
   bench/results/api.json, stops gunicorn and drops the database.

Exit status 1 when any target answered anything but 2xx (or wrk could not run); missing
the 70% target is printed, not an error. Traffic goes to 127.0.0.1 only, and every wrk
run is bounded in time (wrk -d, plus a timeout on the process).

Environment knobs: BENCH_ROUNDS (3), BENCH_DURATION (seconds per target and round, 4),
BENCH_WARMUP (2), BENCH_CONNECTIONS (8),
BENCH_THREADS (wrk threads, 1), BENCH_ONLY (comma-separated target names),
BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/bench_api; the database name must
start with "bench": it is dropped), DB_CONN_MAX_AGE (as in production, 60).
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess  # nosec B404 # the bench runs the servers and tools it measures
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"
HOST = "127.0.0.1"  # the only address this benchmark ever sends to
TARGET_SHARE = 0.70
WORKERS = 2

DURATION = int(os.environ.get("BENCH_DURATION", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
ONLY = [t for t in os.environ.get("BENCH_ONLY", "").split(",") if t]
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_api")


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    body: dict[str, Any] | None = None  # None: GET without a token (the bare view)
    # Held to the 70% target: the calculation API of API.md. The quote endpoint (ours,
    # not in API.md: a whole itemised quote) is measured and reported beside it.
    judged: bool = True

    @property
    def method(self) -> str:
        return "GET" if self.body is None else "POST"


BARE = Target("bare view", "/bench/bare", judged=False)
CALC = "/api/v1/calculations/"
TARGETS = [
    BARE,
    Target("gap-benefit", CALC + "gap-benefit", {
        "product": "asset-protector", "invoice_price": "32000.00",
        "insurer_settlement": "21500.00", "glass_guide_value": "22000.00",
        "finance_settlement": "26000.00", "months_since_delivery": 14,
        "finance_term_months": 48,
    }),
    Target("it-settlement", CALC + "it-settlement", {
        "cover": "kasko_premium", "insured_value": "38000.00", "damage": "4200.00",
        "in_network": True, "luxury_brand": True, "province": "RM",
        "vehicle_condition": "new", "policy_year": 2,
    }),
    Target("it-eligibility", CALC + "it-eligibility", {
        "package": "blu", "options": ["kasko_premium", "protezione_franchigia",
                                      "fattura_rimborsata"],
        "vehicle_type": "autovettura", "first_registration": "2024-03-01",
        "sale_date": "2024-03-15", "invoice_price": "45000.00", "duration_years": 3,
        "financed_by_lfs": True,
    }),
    Target("au-excess", CALC + "au-excess", {
        "state": "NSW", "claim_type": "accident", "at_fault": True,
        "other_party_identified": False, "voluntary_excess": "500.00", "driver_age": 22,
        "licence_years": 2.5, "licence_type": "probationary", "driver_named": False,
    }),
    Target("ncd", CALC + "ncd", {
        "years_held": 5, "protected": True, "claim_in_past_two_periods": False,
        "claims": [{"kind": "at_fault"}, {"kind": "glass"}],
    }),
    Target("cancellation-refund", CALC + "cancellation-refund", {
        "product": "motor-uk", "premium": "780.00", "start_date": "2025-01-01",
        "end_date": "2026-01-01", "cancel_date": "2025-05-20", "claim_made": False,
    }),
    Target("payment-options", CALC + "payment-options", {
        "market": "AU", "standard_premium": "1240.00",
    }),
    Target("quote motor-uk", "/api/v1/quotes", {
        "product": "motor-uk", "quote_date": "2025-06-01", "vehicle_value": "45000.00",
        "area": "C", "driver_age": 42, "ncd_years": 5, "ncd_protected": True,
        "voluntary_excess": 250, "options": ["legal_expenses", "road_rescue"],
    }, judged=False),
    Target("quote furto-danni", "/api/v1/quotes", {
        "product": "furto-danni", "quote_date": "2025-06-01", "package": "blu",
        "duration_years": 3, "vehicle_type": "autovettura",
        "first_registration": "2025-05-01", "sale_date": "2025-06-01",
        "invoice_price": "42000.00", "options": ["kasko_premium", "protezione_franchigia"],
        "financed_by_lfs": True,
    }, judged=False),
    Target("quote au-comprehensive", "/api/v1/quotes", {
        "product": "au-comprehensive", "quote_date": "2025-06-01", "state": "NSW",
        "agreed_value": "52000.00", "youngest_driver_age": 35, "voluntary_excess": 500,
        "excess_free_glass": True,
    }, judged=False),
]  # fmt: skip
JUDGED = {t.name: t.judged for t in TARGETS}


@dataclass
class Result:
    target: str
    method: str
    path: str
    status: str  # "ok", or "error: ..." when the target answered anything but 2xx
    requests: int = 0
    duration_s: float = 0.0
    rps: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    non2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    share_of_bare: float | None = None
    verdict: str = ""
    rounds_rps: list[float] = field(default_factory=list)
    rounds_share: list[float] = field(default_factory=list)


def log(msg: str) -> None:
    print(msg, flush=True)


# --- the database -------------------------------------------------------------------


def _db_name() -> str:
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    if not name.startswith("bench"):
        sys.exit(f"BENCH_DATABASE_URL names {name!r}: the benchmark drops its database, "
                 "so the name must start with 'bench'.")  # fmt: skip
    return name


def _admin_conninfo() -> str:
    parts = urlsplit(DATABASE_URL)
    return parts._replace(path="/postgres").geturl()


def database_recreate(name: str, *, create: bool = True) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))  # fmt: skip
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_prepare() -> str:
    """Migrate, load the demo products and make an API key; returns the key."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from dealers.models import Role, User
    from dealers.services import api_token_issue
    from policies.demo import load_policy_demo

    call_command("migrate", "--noinput", verbosity=0)
    load_policy_demo()
    user = User.objects.create_user(
        username="bench", password=None, role=Role.HEAD_OFFICE, email="bench@localhost"
    )
    _, key = api_token_issue(user=user)
    connections.close_all()
    return key


# --- gunicorn -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def gunicorn_start(port: int, env: dict[str, str], log_file: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(WORKERS), "--worker-class", "sync",
        "--log-level", "warning", "--error-logfile", str(log_file),
        # access log: off (gunicorn's default, said out loud)
    ]  # fmt: skip
    return subprocess.Popen(  # nosec B603 # this venv's gunicorn, the bench's own arguments
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_until_up(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode} before answering")
        try:
            status, _ = request(port, BARE, token="")  # nosec B106 # no token: a bare view
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s")


def gunicorn_stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # the master, by its pid: it stops its workers
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def request(port: int, target: Target, token: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        headers = {"Accept": "application/json"}
        body = None
        if target.body is not None:
            body = json.dumps(target.body).encode()
            headers["Content-Type"] = "application/json"
            headers["Authorization"] = f"Token {token}"
        conn.request(target.method, target.path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# --- wrk ----------------------------------------------------------------------------


def wrk(port: int, target: Target, body_file: Path | None, token: str, seconds: int) -> dict:
    url = f"http://{HOST}:{port}{target.path}"
    cmd = [
        "wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s",
        "--timeout", "5s", "-s", str(WRK_SCRIPT), url, "--", target.method,
        str(body_file) if body_file else "",
    ]  # fmt: skip
    env = {**os.environ, "BENCH_TOKEN": token if target.body is not None else ""}
    out = subprocess.run(  # nosec B603 # wrk with the bench's own arguments, no shell
        cmd, env=env, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return dict(json.loads(line.removeprefix("BENCH_RESULT ")))
    raise RuntimeError(f"wrk gave no result (exit {out.returncode}): {out.stderr.strip()}")


def body_file_for(target: Target, tmp: Path) -> Path | None:
    if target.body is None:
        return None
    path = tmp / (re.sub(r"[^A-Za-z0-9-]+", "_", target.name) + ".json")
    path.write_text(json.dumps(target.body))
    return path


def check(port: int, target: Target, token: str, tmp: Path) -> Result:
    """One request by hand (an endpoint that answers an error is not measured), then the
    warm-up."""
    res = Result(target.name, target.method, target.path, status="ok")
    status, body = request(port, target, token)
    if not 200 <= status < 300:
        res.status = f"error: HTTP {status} {body[:300].decode(errors='replace')}"
        res.verdict = "ERROR"
        return res
    if WARMUP > 0:
        wrk(port, target, body_file_for(target, tmp), token, WARMUP)
    return res


def measure(port: int, target: Target, token: str, tmp: Path) -> Result:
    res = Result(target.name, target.method, target.path, status="ok")
    raw = wrk(port, target, body_file_for(target, tmp), token, DURATION)
    res.requests = raw["requests"]
    res.duration_s = raw["duration_us"] / 1e6
    res.rps = res.requests / res.duration_s if res.duration_s else 0.0
    res.p50_ms, res.p90_ms = raw["p50_us"] / 1000, raw["p90_us"] / 1000
    res.p99_ms, res.max_ms = raw["p99_us"] / 1000, raw["max_us"] / 1000
    res.non2xx = raw["non2xx"]
    res.socket_errors = {k: v for k, v in raw["errors"].items() if k != "status" and v}
    if res.non2xx:
        res.status = (
            f"error: {res.non2xx} non-2xx responses (first: HTTP {raw['first_bad_status']})"
        )
        res.verdict = "ERROR"
    elif res.requests == 0:
        res.status = "error: no request completed"
        res.verdict = "ERROR"
    return res


def combine(rounds: list[dict[str, Result]], checked: dict[str, Result]) -> list[Result]:
    """One row per target: the round with the median share of that round's bare view."""
    out = []
    for name, first in checked.items():
        runs = [r[name] for r in rounds if name in r]  # none when the check failed
        failed = next((run for run in runs if run.status != "ok"), None)
        paired = [(r[name].rps / r[BARE.name].rps, r[name]) for r in rounds
                  if name in r and r[BARE.name].rps]  # fmt: skip
        if first.status != "ok" or failed or not paired:
            out.append(failed or first)
            continue
        share, median = sorted(paired, key=lambda p: p[0])[len(paired) // 2]
        median.share_of_bare = share
        median.rounds_rps = [round(run.rps, 1) for run in runs]
        median.rounds_share = [round(s, 3) for s, _ in paired]
        out.append(median)
    return out


# --- the report ---------------------------------------------------------------------


def bare_rps(results: list[Result]) -> float:
    """The bare view's median over the rounds."""
    bare = next((r for r in results if r.target == BARE.name and r.status == "ok"), None)
    return statistics.median(bare.rounds_rps) if bare and bare.rounds_rps else 0.0


def judge(results: list[Result]) -> None:
    for r in results:
        if r.status != "ok" or r.share_of_bare is None:
            continue
        if r.target == BARE.name:
            r.verdict = "baseline"
        elif not JUDGED.get(r.target, True):
            r.verdict = "reported"
        else:
            r.verdict = "PASS" if r.share_of_bare >= TARGET_SHARE else "FAIL"


def table(results: list[Result]) -> str:
    head = (f"{'target':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'% bare':>7} "
            f"{'rounds':>11}  verdict")  # fmt: skip
    lines = [head, "-" * len(head)]
    for r in results:
        if r.status != "ok":
            lines.append(f"{r.target:<24} {'-':>8} {'-':>8} {'-':>8} {'-':>7} {'-':>11}  ERROR")
            continue
        share = f"{r.share_of_bare * 100:.0f}%" if r.share_of_bare is not None else "-"
        spread = (f"{min(r.rounds_share) * 100:.0f}-{max(r.rounds_share) * 100:.0f}%"
                  if r.rounds_share else "-")  # fmt: skip
        lines.append(f"{r.target:<24} {r.rps:>8.0f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} "
                     f"{share:>7} {spread:>11}  {r.verdict}")  # fmt: skip
    return "\n".join(lines)


def git_commit() -> str:
    try:
        out = subprocess.run(  # nosec B603 B607 # git from PATH, fixed arguments, for the report
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT, capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
        return out.stdout.strip()
    except OSError:
        return ""


def main() -> int:
    if shutil.which("wrk") is None:
        log("wrk is not installed: `apt-get install -y wrk` (make bench does it).")
        return 1
    targets = [t for t in TARGETS if not ONLY or t.name in ONLY or t.path == BARE.path]
    started = time.monotonic()
    name = _db_name()
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    RESULTS.mkdir(parents=True, exist_ok=True)

    log(f"database {name}: drop, create, migrate, load the demo products ...")
    database_recreate(name)
    proc = None
    results: list[Result] = []
    try:
        token = database_prepare()
        port = free_port()
        env = {**os.environ, "DATABASE_URL": DATABASE_URL,
               "DJANGO_SETTINGS_MODULE": "bench.settings"}  # fmt: skip
        log(f"gunicorn: {WORKERS} sync workers on {HOST}:{port} ...")
        proc = gunicorn_start(port, env, RESULTS / "gunicorn.log")
        wait_until_up(port, proc)
        log(f"load: wrk, {CONNECTIONS} connections, {THREADS} thread(s), "
            f"{WARMUP} s warm-up, then {ROUNDS} rounds of {DURATION} s per target")  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            checked = {t.name: check(port, t, token, Path(tmp)) for t in targets}
            live = [t for t in targets if checked[t.name].status == "ok"]
            rounds: list[dict[str, Result]] = []
            for n in range(1, ROUNDS + 1):
                runs = {t.name: measure(port, t, token, Path(tmp)) for t in live}
                rounds.append(runs)
                bare = runs[BARE.name].rps if BARE.name in runs else 0
                log(f"  round {n}/{ROUNDS}: " + ", ".join(
                    f"{name} {r.rps:.0f}" + (f" ({r.rps / bare:.0%})" if bare else "")
                    for name, r in runs.items()))  # fmt: skip
        results = combine(rounds, checked)
    finally:
        if proc is not None:
            gunicorn_stop(proc)
        database_recreate(name, create=False)

    judge(results)
    log("")
    log(f"Calculation API vs a bare Django view: gunicorn {WORKERS} sync workers, "
        f"PostgreSQL, DEBUG off; wrk {CONNECTIONS} connections; median of {ROUNDS} rounds "
        f"of {DURATION} s")  # fmt: skip
    log(table(results))
    errors = [r for r in results if r.status != "ok"]
    below = [r for r in results if r.verdict == "FAIL"]
    log("")
    log(f"Baseline: the bare view, median {bare_rps(results):.0f} req/s; % bare is taken "
        f"against the bare view of the same round. Target: every calculation endpoint "
        f"(API.md) at least {TARGET_SHARE:.0%} of it; the quotes are reported beside "
        f"them.")  # fmt: skip
    if below:
        log(f"BELOW TARGET: {', '.join(r.target for r in below)}")
    elif not errors:
        log("All calculation endpoints meet the target.")
    for r in errors:
        log(f"ERROR {r.target}: {r.status}")
    for r in results:
        if r.socket_errors:
            log(f"note {r.target}: socket errors {r.socket_errors}")

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "server": {"gunicorn_workers": WORKERS, "worker_class": "sync",
                   "settings": "bench.settings", "database": "postgresql",
                   "conn_max_age": int(os.environ.get("DB_CONN_MAX_AGE", "60"))},
        "load": {"tool": "wrk", "connections": CONNECTIONS, "threads": THREADS,
                 "warmup_s": WARMUP, "duration_s": DURATION, "rounds": ROUNDS},
        "target_share_of_bare": TARGET_SHARE,
        "bare_rps_median": round(bare_rps(results), 1),
        "elapsed_s": round(time.monotonic() - started, 1),
        "results": [asdict(r) for r in results],
        "table": table(results),
    }  # fmt: skip
    (RESULTS / "api.json").write_text(json.dumps(report, indent=2) + "\n")
    log(f"\nwritten: {(RESULTS / 'api.json').relative_to(ROOT)}; "
        f"took {report['elapsed_s']:.0f} s")  # fmt: skip
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
