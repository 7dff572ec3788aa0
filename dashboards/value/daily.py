"""The daily report of the value measures beyond head office's thresholds: the last twelve
months, by product and by dealer, recorded once a day (BreachReport, one a day) so that
running the job twice the same day emails head office once."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from complaints.selectors import head_office
from dealers.models import Role, User

from ..filters import DashboardFilter, default_period
from ..models import BreachReport, ThresholdBreach
from ..refresh import dashboards_refresh
from .measures import BY_DEALER, BY_PRODUCT
from .tables import value_rows
from .thresholds import row_breaches


def breaches_of_last_year(today) -> list[dict]:
    """Every product's and dealer's breach over the twelve months to `today`'s."""
    start, end = default_period(today)
    reader = User(role=Role.HEAD_OFFICE)  # every dealer, as head office sees them
    filters = DashboardFilter({"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"}, user=reader)
    return [
        *row_breaches(value_rows(reader, filters, BY_PRODUCT)),
        *row_breaches(value_rows(reader, filters, BY_DEALER), "dealer"),
    ]


def value_breaches_report(*, today) -> BreachReport | None:
    """Record today's breaches and email head office of them, once a day: None when today
    has been reported already (by an earlier run, or one running at the same time)."""
    dashboards_refresh(unless_newer_than=None)
    try:
        with transaction.atomic():
            report = BreachReport.objects.create(day=today)  # the day's claim: unique
            breaches = breaches_of_last_year(today)
            ThresholdBreach.objects.bulk_create(
                ThresholdBreach(report=report, day=today, threshold=b["threshold"],
                                dealer_id=b["dealer_id"], value=b["value"])
                for b in breaches
            )  # fmt: skip
            report.breaches = len(breaches)
            report.save(update_fields=["breaches"])
    except IntegrityError:
        return None  # reported already today
    if breaches:
        report.emailed = _tell(breaches, today)
        report.save(update_fields=["emailed"])
    return report


def _tell(breaches: list[dict], today) -> int:
    context = {"breaches": breaches, "today": today, "site_url": settings.SITE_URL.rstrip("/")}
    sent = 0
    for person in head_office():
        with translation.override(person.language):
            subject = render_to_string("emails/value_breaches_subject.txt", context).strip()
            body = render_to_string("emails/value_breaches.txt", context | {"person": person})
        sent += send_mail(subject, body, None, [person.email])
    return sent
