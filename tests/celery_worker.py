"""Fixtures for tests that go through a real Celery worker on a real Redis.

The broker is CELERY_BROKER_URL when set (CI's PostgreSQL + Redis leg); otherwise a private
redis-server started on a free loopback port for the session. The worker is a separate
process on the test database, so the tests that use it must commit their data
(`django_db(transaction=True)`).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}")


@pytest.fixture(scope="session")
def redis_url():
    configured = os.environ.get("CELERY_BROKER_URL", "")
    if configured.startswith("redis://"):
        yield configured
        return
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: `make install-test` installs it"
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _wait_for_workers(client: Celery, queue: str, n: int, procs, timeout: float = 60) -> None:
    """Until every worker answers a ping: started, and taking tasks from the queue."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), "a test worker exited"
        replies = client.control.ping(timeout=0.5) or []
        if sum(1 for r in replies for name in r if name.startswith(queue)) >= n:
            return
    raise RuntimeError(f"{n} workers did not answer within {timeout} s")


@contextlib.contextmanager
def _workers(redis_url: str, n: int, *, queue: str = "", app: str = "config", **env_more: str):
    """`n` real `celery worker` processes on the test database and a queue of their own
    (or `queue`: workers started later on the same queue take over what the first left);
    yields a client app that sends tasks to them by name. Each worker also reads a queue
    of its own, `client.worker_queues[i]`, to hand it a task for certain; its process is
    `client.worker_procs[i]`. `app`: the Celery app module (a test's own may wrap tasks)."""
    queue = queue or f"test-{os.getpid()}-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DJANGO_SETTINGS_MODULE": "config.settings.worker_test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        **env_more,
    }
    command = [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=solo",
               "--concurrency=1", "--without-gossip", "--without-mingle",
               "--loglevel=WARNING"]  # fmt: skip
    procs = [
        subprocess.Popen(
            [*command, "-Q", f"{queue},{queue}-{i}", "-n", f"{queue}-{i}@%h"], cwd=ROOT, env=env
        )
        for i in range(n)
    ]
    # Not the current app: the tasks this process sends by their functions (a sale's email)
    # would go through it, to a broker gone once the test ends, instead of running eagerly.
    client = Celery("test-client", broker=redis_url, backend=redis_url, set_as_current=False)
    # CELERY_BROKER_URL and CELERY_RESULT_BACKEND in the environment (CI's) outrank the
    # broker and backend given above: a test on a Redis of its own names it here too.
    client.conf.broker_read_url = client.conf.broker_write_url = redis_url
    client.backend_cls = redis_url
    client.conf.task_default_queue = queue
    client.worker_queues = [f"{queue}-{i}" for i in range(n)]
    client.worker_procs = procs
    try:
        _wait_for_workers(client, queue, n, procs)
        yield client
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
        client.close()


@pytest.fixture
def celery_worker_process(redis_url, transactional_db):
    """A real `celery worker` process on the test database."""
    with _workers(redis_url, 1) as client:
        yield client


@pytest.fixture
def celery_two_workers(redis_url, transactional_db):
    """Two worker processes on one queue, each taking one task at a time; the renewal job
    cut into chunks of two policies, so that a few policies make work for both, and each
    chunk paced (tests.paced_worker) so that both runs have chunks to do side by side."""
    with _workers(
        redis_url, 2, app="tests.paced_worker", RENEWALS_CHUNK_SIZE="2", TEST_CHUNK_PACE="0.2"
    ) as client:
        yield client
