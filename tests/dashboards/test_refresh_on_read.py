"""Under `make run` (no broker, so no beat) the dashboards are brought up to date by the
page that finds them older than their period, and the page says so (issue 17: they never
changed after the demo loaded, while each page said every ten minutes). With a broker,
beat rebuilds them and a page only reads."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboards.models import Refresh, SalesMonth
from dashboards.refresh import dashboards_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard(client, head_office):
    client.force_login(head_office)
    return lambda: client.get(reverse("dashboards:page", args=["sales"]))


def age_the_last_refresh(minutes: int) -> None:
    Refresh.objects.update(finished_at=timezone.now() - timedelta(minutes=minutes))


def test_summaries_older_than_their_period_are_rebuilt_when_a_page_is_read(dashboard, settings):
    settings.DASHBOARDS_REFRESH_ON_READ = True
    dashboards_refresh()
    age_the_last_refresh(11)
    SalesMonth.objects.all().delete()  # stands for figures the records no longer give
    before = Refresh.objects.get().finished_at
    response = dashboard()
    assert response.status_code == 200
    assert Refresh.objects.get().finished_at > before
    assert "a page opened more than 10 minutes later brings them up to date first" in (
        response.content.decode()
    )
    assert "every ten minutes" not in response.content.decode()


def test_summaries_never_built_are_built_by_the_first_page(dashboard, settings):
    settings.DASHBOARDS_REFRESH_ON_READ = True
    assert not Refresh.objects.exists()
    response = dashboard()
    assert Refresh.objects.filter(finished_at__isnull=False).count() == 1
    assert "have not been worked out yet" not in response.content.decode()


def test_with_a_broker_summaries_not_built_yet_give_beats_period_as_set(dashboard, settings):
    settings.DASHBOARDS_REFRESH_ON_READ = False
    settings.DASHBOARDS_REFRESH_SECONDS = 300
    page = dashboard().content.decode()
    assert not Refresh.objects.exists()  # the page only reads
    assert "have not been worked out yet: they are brought up to date every 5 minutes." in page


def test_fresh_summaries_are_read_as_they_are(dashboard, settings):
    settings.DASHBOARDS_REFRESH_ON_READ = True
    dashboards_refresh()
    age_the_last_refresh(9)
    before = Refresh.objects.get().finished_at
    dashboard()
    assert Refresh.objects.get().finished_at == before


def test_a_rebuild_done_while_waiting_for_the_lock_is_not_done_again():
    first = dashboards_refresh()
    again = dashboards_refresh(unless_newer_than=timedelta(minutes=10))
    assert again.finished_at == first.finished_at


def test_with_a_broker_beat_rebuilds_and_the_page_only_reads(dashboard, settings):
    settings.DASHBOARDS_REFRESH_ON_READ = False
    dashboards_refresh()
    age_the_last_refresh(30)
    before = Refresh.objects.get().finished_at
    response = dashboard()
    assert Refresh.objects.get().finished_at == before
    assert "they are brought up to date every 10 minutes" in response.content.decode()


def test_the_embedded_default_refreshes_on_read_and_a_broker_does_not(tmp_path):
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings as s; " \
           "print(s.DASHBOARDS_REFRESH_ON_READ)"  # fmt: skip
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.local", "PATH": "/usr/bin:/bin"}
    read = [
        subprocess.run([sys.executable, "-c", code], env={**env, **extra}, capture_output=True,
                       text=True, check=True).stdout.strip()
        for extra in ({}, {"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"})
    ]  # fmt: skip
    assert read == ["True", "False"]
