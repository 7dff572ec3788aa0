"""Fixtures for tests that go through a real Celery worker on a real Redis.

The broker is CELERY_BROKER_URL when set (CI's PostgreSQL + Redis leg); otherwise a private
redis-server started on a free loopback port for the session. The worker is a separate
process on the test database, so the tests that use it must commit their data
(`django_db(transaction=True)`).
"""

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


@pytest.fixture
def celery_worker_process(redis_url, transactional_db):
    """A real `celery worker` process on the test database; yields a client app that
    sends tasks to it by name."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.worker_test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
    }
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    client = Celery("test-client", broker=redis_url, backend=redis_url)
    client.conf.task_default_queue = queue
    try:
        yield client
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        client.close()
