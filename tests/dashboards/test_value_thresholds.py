"""Head office's thresholds on the value measures: a breach flagged on the page (the alert,
the cells marked, per product and per dealer), the daily report emailed to head office
once a day, the defaults every product starts with, and the thresholds' audit trail.
The figures are the book's of tests/dashboards/value_book.py, worked there by hand."""

from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse

from audit.trail import KINDS
from dashboards.models import BreachReport, ThresholdBreach, ValueThreshold
from dashboards.refresh import dashboards_refresh
from dashboards.tasks import value_thresholds_daily_task
from dashboards.value.defaults import DEFAULT_THRESHOLDS
from dashboards.value.thresholds import thresholds_seed
from dealers.models import User
from policies.models import Product
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY

from .value_book import PERIOD, value_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def book(products):
    made = value_book()
    smart = made["smart"]
    # commission at most 35% of premium; claims paid at least 20% of it
    ValueThreshold.objects.create(product=smart, measure="commission_share", bound="max",
                                  share=D("0.3500"))  # fmt: skip
    ValueThreshold.objects.create(product=smart, measure="payout_share", bound="min",
                                  share=D("0.2000"))  # fmt: skip
    dashboards_refresh()
    return made


def page(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("dashboards:page", args=["value"]), {**PERIOD, **query})
    assert response.status_code == 200
    return response


def test_the_breaches_are_flagged_per_product_and_per_dealer(client, book, head_office):
    """Head office: SMART Cover's claims paid £300 / £1,600 = 0.1875 < 0.20 (a breach);
    commission £460 / £1,600 = 0.2875 <= 0.35 (none). By dealer: Manchester 0.30 paid
    and 0.25 commission (none); Leeds paid 0 / £500 = 0 < 0.20 and commission £200 / £500
    = 0.40 > 0.35 (two); Bristol paid 0 / £100 (one), commission £10 / £100 = 0.10."""
    response = page(client, head_office)
    tables = {t.key: t for t in response.context["tables"]}
    assert list(tables["by_product"].rows[0]["flags"]) == ["payout_share"]
    flags = {r["dealer"]: sorted(r["flags"]) for r in tables["by_dealer"].rows}
    assert flags == {"Lexus Manchester": [], "Lexus Leeds": ["commission_share", "payout_share"],
                     "Lexus Bristol": ["payout_share"]}  # fmt: skip
    assert len(response.context["breaches"]) == 4  # 1 product's + 3 dealers'
    html = response.content.decode()
    assert 'class="alert alert-danger"' in html and "4 figures are beyond" in html
    # the marked cells: the 4 breaches above in the product and dealer tables, and the
    # month of the sales (this month) for the product: 0.1875 paid again
    assert html.count("table-danger") == 4 + 1


def test_a_dealers_manager_is_alerted_of_the_dealers_breaches_only(client, book):
    """Manchester's figures are within both thresholds: no alert; Leeds' are not."""
    manchester = UserFactory(role="sales_manager", dealer=book["man"])
    assert page(client, manchester).context["breaches"] == []
    assert "No figure of the period is beyond" in page(client, manchester).content.decode()
    leeds = UserFactory(role="sales_manager", dealer=book["leeds"])
    breaches = page(client, leeds).context["breaches"]
    # Leeds' product row (the dealer's own figures) and its dealer row: 2 measures each
    assert sorted(b["measure"] for b in breaches) == sorted(
        ["Commission as a share of premium", "Claims paid as a share of premium"] * 2
    )
    assert all(b["where"] in ("", "Lexus Leeds") for b in breaches)


def test_the_daily_job_emails_head_office_the_breaches_once_a_day(book):
    """The last twelve months also hold P1's and P2's sales (net £100 each, commission
    £10): SMART Cover's GWP is £1,800, paid £300 / £1,800 = 0.1667 < 0.20 (commission £480 /
    £1,800 = 0.2667, none); Manchester paid £300 / £1,200 = 0.25 and commission £270 /
    £1,200 = 0.225 (none); Leeds paid 0 and commission 0.40, Bristol paid 0: four.
    Run twice the same day: one report, four breach rows, one email for the one head
    office user with an email who is active."""
    User.objects.filter(role="head_office").update(email="")  # the book's claim handlers
    UserFactory(role="head_office", dealer=None, email="ho@example.com")
    UserFactory(role="head_office", dealer=None, email="gone@example.com", is_active=False)
    UserFactory(role="head_office", dealer=None, email="")
    UserFactory(role="sales_manager", dealer=book["man"], email="man@example.com")
    mail.outbox.clear()
    assert value_thresholds_daily_task(TODAY.isoformat()) == 4
    assert value_thresholds_daily_task(TODAY.isoformat()) == 0  # the same day again
    assert [m.to for m in mail.outbox] == [["ho@example.com"]]
    assert BreachReport.objects.get().day == TODAY
    assert ThresholdBreach.objects.filter(day=TODAY).count() == 4
    body = mail.outbox[0].body
    assert "Lexus Leeds" in body and "Lexus Bristol" in body and "0.1667" in body
    assert "4 figures beyond their thresholds" in mail.outbox[0].subject


def test_no_breach_no_email(book):
    UserFactory(role="head_office", dealer=None, email="ho@example.com")
    ValueThreshold.objects.all().delete()
    mail.outbox.clear()
    assert value_thresholds_daily_task(TODAY.isoformat()) == 0
    assert mail.outbox == []


def test_the_daily_job_is_in_the_beat_schedule(settings):
    tasks = {s["task"] for s in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "dashboards.tasks.value_thresholds_daily_task" in tasks


def test_every_product_gets_the_default_thresholds_once(products):
    created = thresholds_seed()
    assert created == Product.objects.count() * len(DEFAULT_THRESHOLDS)
    assert thresholds_seed() == 0
    payout = ValueThreshold.objects.get(product__code="asset-protector", measure="payout_share")
    assert (payout.bound, payout.share) == ("min", D("0.2000"))
    assert payout.notes.startswith("Reading:")


def test_a_threshold_edited_in_the_administration_is_in_the_audit_trail(client, products,
                                                                        head_office):  # fmt: skip
    assert KINDS["value_threshold"].model == "dashboards.ValueThreshold"
    threshold = ValueThreshold.objects.create(product=Product.objects.first(),
                                              measure="commission_share", bound="max",
                                              share=D("0.4000"))  # fmt: skip
    client.force_login(head_office)
    url = reverse("admin:dashboards_valuethreshold_change", args=[threshold.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    response = client.post(url, {**data, "share": "0.3000"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    trail = client.get(reverse("audit:trail"), {"kind": "value_threshold"})
    entries = trail.context["entries"]
    assert entries[0].action == "changed"
    share = next(c for c in entries[0].changes if c.field == "share")
    assert D(share.old) == D("0.4000") and D(share.new) == D("0.3000")
