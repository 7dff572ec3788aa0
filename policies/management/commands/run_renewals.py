"""python manage.py run_renewals --date YYYY-MM-DD: the daily renewal job for a date (to
catch up after an outage), printing what it did."""

import socket
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from policies.renewals import renewals_run
from policies.selectors import step_totals


class Command(BaseCommand):
    help = "Invite, take payments, renew, lapse and expire policies as due on a date."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        try:
            on = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as e:
            raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}.") from e
        run = renewals_run(on=on, started_by=f"run_renewals on {socket.gethostname()}")
        totals = sorted(step_totals(run.counts).items())
        done = ", ".join(f"{step} {n}" for step, n in totals) or "nothing due"
        self.stdout.write(f"Renewals for {on:%Y-%m-%d}: {run.done} policies looked at; {done}.")
        for error in run.errors:
            self.stderr.write(f"policy {error['policy']}: {error['error']}")
        if run.error_count:
            raise CommandError(f"{run.error_count} policies failed; the others were done.")
