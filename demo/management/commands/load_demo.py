"""`python manage.py load_demo`: demo dealers, staff, customers, vehicles and deals, and
their book of business: policies sold or declined, cancellations, claims, renewals.

Skips (one query) when the demo is already loaded, so `make run` can call it every time.
See demo/ for what it creates."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dashboards.refresh import dashboards_refresh
from dashboards.value.thresholds import thresholds_seed
from demo.book import load_book
from demo.complaints import load_complaints
from demo.data import DEMO_PASSWORD
from demo.loader import demo_is_loaded, demo_logins, load_demo
from policies.demo import load_policy_demo


class Command(BaseCommand):
    help = "Load demo dealers, staff, customers, vehicles and deals (skips if already loaded)."

    def handle(self, *args, **options):
        # The demo logins share a published password, one of them a superuser.
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("load_demo never runs with production settings.")
        started = time.monotonic()
        products = load_policy_demo()
        if products:
            self.stdout.write(f"Loaded {products} products with illustrative rate cards.")
            thresholds_seed()  # their value measures' default thresholds
        if demo_is_loaded():
            self.stdout.write(
                f"Demo data already loaded; skipped. Log in as uk.sales, it.vendite, "
                f"au.sales or ho.admin with password {DEMO_PASSWORD}."
            )
            return
        counts = load_demo(today=timezone.localdate())
        counts.update(load_book(today=timezone.localdate()))
        counts.update(load_complaints(today=timezone.localdate()))
        dashboards_refresh()
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded demo data in {elapsed:.1f}s: {summary}."))
        self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        widths = [
            max(len(getattr(x, f)) for x in logins) + 2 for f in ("username", "role", "where")
        ]
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
        for row in [("username", "role", "dealer or group", "name")] + [
            (x.username, x.role, x.where, x.name) for x in logins
        ]:
            self.stdout.write("".join(v.ljust(w) for v, w in zip(row, widths + [0], strict=True)))
