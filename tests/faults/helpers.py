"""What the fault tests switch off and on: a private Redis, an SMTP sink, and this
process's Celery app sending through that Redis (as the web server does in production)."""

import shutil
import subprocess
import time
from collections.abc import Callable

from aiosmtpd.controller import Controller

from tests.celery_worker import _free_port, _wait_for_port
from tests.smtp import Inbox


def until(check: Callable[[], object], timeout: float = 60, what: str = "") -> object:
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s: {what or check}")


class RedisServer:
    """A redis-server of the test's own on a loopback port that stays the same when it is
    stopped and started again (with nothing kept: what it held is lost, as in a crash)."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        assert self.binary, "redis-server is missing: `make install-test` installs it"
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


class SmtpSink:
    """The aiosmtpd server of tests/smtp.py, stopped and started again on one port; what
    it received while up is kept in one inbox."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> Inbox:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self.inbox

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def celery_pools_drop(app) -> None:
    """Forget the app's broker connections and result backend, so that the next task sent
    connects to the broker and backend the configuration names now. Forgotten, not closed:
    kombu keeps the pools for every app, per URL, and hands a closed one out again."""
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.backend = None
