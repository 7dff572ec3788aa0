"""Where an API request's time goes, measured in-process (no gunicorn, no load tool).

Run with `.venv/bin/python -m bench.api_profile` (it creates and drops the same throwaway
PostgreSQL database as bench/api_bench.py). For each target of api_bench it sends the
same request N times through Django's full stack (middleware, DRF, the view) and prints:

- ms/req with a persistent database connection, and with a new connection per request
  (CONN_MAX_AGE=0, the default of config/settings/base.py);
- SQL queries per request and their wall time;
- the time spent in token authentication (dealers.authentication) alone.

BENCH_PROFILE_N (default 300) sets N; BENCH_PROFILE_CPROFILE=<target name> also prints
cProfile's top functions for that target.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any

from . import api_bench as b

N = int(os.environ.get("BENCH_PROFILE_N", "300"))
CPROFILE = os.environ.get("BENCH_PROFILE_CPROFILE", "")


class SqlMeter:
    """A connection execute_wrapper: counts queries and their wall time."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool,
                 context: Any) -> Any:  # fmt: skip
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - t0
            self.count += 1


class AuthMeter:
    """Wraps ApiTokenAuthentication.authenticate_credentials to time it (in this process
    only: the application's code is not changed)."""

    def __init__(self) -> None:
        from dealers.authentication import ApiTokenAuthentication

        self.seconds = 0.0
        original = ApiTokenAuthentication.authenticate_credentials
        meter = self

        def timed(self_: Any, key: str) -> Any:
            t0 = time.perf_counter()
            try:
                return original(self_, key)
            finally:
                meter.seconds += time.perf_counter() - t0

        ApiTokenAuthentication.authenticate_credentials = timed  # type: ignore[method-assign]


def main() -> int:
    name = b._db_name()
    os.environ["DATABASE_URL"] = b.DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    b.database_recreate(name)
    try:
        token = b.database_prepare()
        from django.db import connection
        from django.test import Client

        client = Client(HTTP_HOST=b.HOST)
        auth = AuthMeter()
        sql = SqlMeter()

        def send(t: b.Target) -> int:
            if t.body is None:
                return client.get(t.path).status_code
            return client.post(t.path, data=json.dumps(t.body), content_type="application/json",
                               HTTP_AUTHORIZATION=f"Token {token}").status_code  # fmt: skip

        # The cost of opening a connection, as Django does it (connect + session setup).
        connection.close()
        t0 = time.perf_counter()
        for _ in range(50):
            connection.ensure_connection()
            connection.close()
        connect_ms = (time.perf_counter() - t0) / 50 * 1000

        head = (f"{'target':<24} {'ms/req':>7} {'+connect':>8} {'queries':>7} "
                f"{'SQL ms':>7} {'auth ms':>7} {'rest ms':>7}")  # fmt: skip
        print(f"in-process, {N} requests each, PostgreSQL on 127.0.0.1\n")
        print(head)
        print("-" * len(head))
        with connection.execute_wrapper(sql):
            for t in b.TARGETS:
                status = send(t)
                if status != 200:
                    print(f"{t.name:<24} HTTP {status}")
                    continue
                for _ in range(20):  # warm
                    send(t)
                sql.count, sql.seconds, auth.seconds = 0, 0.0, 0.0
                t0 = time.perf_counter()
                for _ in range(N):
                    send(t)
                per = (time.perf_counter() - t0) / N * 1000
                queries, sql_ms = sql.count / N, sql.seconds / N * 1000
                auth_ms = auth.seconds / N * 1000
                # The same with a new connection each time, as CONN_MAX_AGE=0 does.
                t0 = time.perf_counter()
                for _ in range(N // 3):
                    connection.close()
                    send(t)
                fresh = (time.perf_counter() - t0) / (N // 3) * 1000
                print(f"{t.name:<24} {per:>7.2f} {fresh - per:>+8.2f} {queries:>7.1f} "
                      f"{sql_ms:>7.2f} {auth_ms:>7.2f} {per - auth_ms:>7.2f}")  # fmt: skip
                if CPROFILE and t.name == CPROFILE:
                    prof = cProfile.Profile()
                    prof.enable()
                    for _ in range(N):
                        send(t)
                    prof.disable()
                    pstats.Stats(prof, stream=sys.stdout).sort_stats(
                        os.environ.get("BENCH_PROFILE_SORT", "cumulative")
                    ).print_stats(45)
                    if os.environ.get("BENCH_PROFILE_CALLEES"):
                        pstats.Stats(prof, stream=sys.stdout).print_callees(
                            os.environ["BENCH_PROFILE_CALLEES"]
                        )
                    if os.environ.get("BENCH_PROFILE_CALLERS"):
                        pstats.Stats(prof, stream=sys.stdout).print_callers(
                            os.environ["BENCH_PROFILE_CALLERS"]
                        )
        print(f"\nopening a database connection (Django ensure_connection): {connect_ms:.2f} ms")
        print("ms/req: persistent connection; +connect: extra per request when each request "
              "opens its own (CONN_MAX_AGE=0);\nauth ms: inside "
              "ApiTokenAuthentication.authenticate_credentials (its SQL included); "
              "rest ms = ms/req - auth ms.")  # fmt: skip
        from django.db import connections

        connections.close_all()
    finally:
        b.database_recreate(name, create=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
