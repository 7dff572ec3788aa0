"""The daily check of the complaints register: the handler and the dealer's managers are
warned once before a deadline, and a deadline missed is flagged on the complaint and
reported to head office, once."""

import logging
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from dealers.models import Market

from .models import OPEN_STATUSES, Complaint
from .rules import rule_of
from .selectors import head_office, told_of
from .services import complaint_breach_record

logger = logging.getLogger(__name__)
ACKNOWLEDGEMENT, FINAL_RESPONSE = "acknowledgement", "final response"
WHICH = {ACKNOWLEDGEMENT: gettext_lazy("acknowledgement"),
         FINAL_RESPONSE: gettext_lazy("final response")}  # fmt: skip


def next_deadline(complaint: Complaint) -> tuple[str, date]:
    """The deadline the complaint is working to: its acknowledgement while that is due,
    then its final response."""
    if complaint.acknowledge_by and not complaint.acknowledged_on:
        return ACKNOWLEDGEMENT, complaint.acknowledge_by
    return FINAL_RESPONSE, complaint.respond_by


def _tell(people, template: str, context: dict) -> int:
    sent = 0
    for person in people:
        with translation.override(person.language):
            shown = context | {"which": str(WHICH[context["which"]]), "person": person}
            subject = render_to_string(f"emails/{template}_subject.txt", shown).strip()
            body = render_to_string(f"emails/{template}.txt", shown)
        sent += send_mail(subject, body, None, [person.email])
    return sent


@shared_task(name="complaints.tasks.complaints_daily_task", ignore_result=True)
def complaints_daily_task(today: str | None = None) -> dict:
    """Warn of deadlines within the rule's warning days and flag those missed; safe to run
    twice a day (each warning and each breach is claimed by a conditional update)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    warn_days = {market: rule_of(market).warn_days for market in Market.values}
    counts = {"warned": 0, "breached": 0}
    horizon = day + timedelta(days=max(warn_days.values(), default=0))
    due = Complaint.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(respond_by__lte=horizon) | Q(acknowledge_by__lte=horizon, acknowledged_on__isnull=True)
    ).select_related("dealer__group", "customer", "handler")  # fmt: skip
    for complaint in due.iterator():
        which, deadline = next_deadline(complaint)
        context = {"complaint": complaint, "which": which, "deadline": deadline, "today": day,
                   "site_url": settings.SITE_URL.rstrip("/")}  # fmt: skip
        if deadline < day:
            if complaint_breach_record(complaint=complaint, which=which, today=day):
                _tell([*told_of(complaint), *head_office()], "complaint_breach", context)
                counts["breached"] += 1
        elif (deadline - day).days <= warn_days.get(complaint.dealer.market, 0):
            claimed = Complaint.objects.filter(pk=complaint.pk).exclude(warned_for=deadline)
            if claimed.update(warned_for=deadline):
                _tell(told_of(complaint), "complaint_warning", context)
                counts["warned"] += 1
    logger.info("complaints daily check: %s", counts)
    return counts


def daily_check_on_read() -> dict | None:
    """Where no beat runs (the embedded default of `make run`), the first look at the
    register each day runs the day's check; elsewhere beat does (CELERY_BEAT_SCHEDULE)."""
    if not settings.COMPLAINTS_CHECK_ON_READ:
        return None
    today = timezone.localdate()
    if not cache.add(f"complaints-daily-check:{today.isoformat()}", True, timeout=26 * 3600):
        return None
    return complaints_daily_task(today.isoformat())
