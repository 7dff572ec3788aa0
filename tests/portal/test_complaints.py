"""A customer raises a complaint on their own page: it reaches the dealer's register as
received online, acknowledged at once with its letter emailed, in the audit trail as the
customer's; their page lists it with its letters; another customer's letter is a 404."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from complaints.models import Complaint
from dealers.customer_links import customer_link_token
from tests.claims.helpers import sold
from tests.dealers.factories import CustomerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def _enter(client, customer):
    client.post(reverse("portal:enter"), {"token": customer_link_token(customer)})


@time_machine.travel("2026-06-05 09:00:00+10:00", tick=False)
def test_an_australian_customer_complains_online_and_is_acknowledged_at_once(
    client, au_dealer, django_capture_on_commit_callbacks
):
    policy = sold(au_dealer, "au-comprehensive", start=date(2026, 3, 1), plan="annual")
    _enter(client, policy.customer)
    page = client.get(reverse("portal:complaint")).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {"category": "service", "policy": policy.pk, "summary": "Nobody called me back.",
            "submission_key": key}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("portal:complaint"), data).status_code == 302
        client.post(reverse("portal:complaint"), data)  # posted twice: one complaint
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.recorded_by, complaint.status) == (
        "online", None, "acknowledged")  # fmt: skip
    # received Friday 5 June (NSW): acknowledged by Tuesday 9 June, answered by 5 July
    assert (complaint.acknowledge_by, complaint.respond_by) == (date(2026, 6, 9), date(2026, 7, 5))
    assert complaint.acknowledged_on == date(2026, 6, 5) and complaint.policy == policy
    [message] = mail.outbox
    assert message.to == [policy.customer.email] and message.attachments[0][2] == "application/pdf"
    record = complaint.history.earliest()
    assert record.history_user is None and "on their page" in record.history_change_reason
    home = client.get(reverse("portal:home")).content.decode()
    assert complaint.number in home and "Acknowledgement" in home
    letter = reverse("portal:complaint-letter", args=[complaint.pk, "acknowledgement"])
    assert client.get(letter).status_code == 200
    client.post(reverse("portal:leave"))
    _enter(client, CustomerFactory(dealer=au_dealer))
    assert client.get(letter).status_code == 404


def test_a_customer_raises_a_few_complaints_a_day_online_then_is_asked_to_call(
    client, uk_dealer, settings
):
    settings.PORTAL_COMPLAINTS_PER_DAY = 2
    customer = CustomerFactory(dealer=uk_dealer)
    _enter(client, customer)
    statuses = []
    for n in range(3):
        page = client.get(reverse("portal:complaint")).content.decode()
        key = page.split('name="submission_key" value="')[1].split('"')[0]
        response = client.post(reverse("portal:complaint"), {
            "category": "service", "summary": f"Complaint {n}", "submission_key": key})  # fmt: skip
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert Complaint.objects.filter(customer=customer).count() == 2
    assert f"please call {uk_dealer.name}" in response.content.decode()
