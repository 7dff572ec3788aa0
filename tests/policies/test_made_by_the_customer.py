"""A change or a cancellation the customer makes on their own page (issue 20) has no
member of staff behind it: the record says the customer made it, and staff's policy page
and the audit trail name them, not "a job or the API"."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from audit.trail import TrailQuery, trail_page
from documents.models import EmailSend
from policies.models import PolicyChange
from servicing.cancellation import policy_cancel
from servicing.changes import policy_change
from tests.claims.helpers import sold
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]
CUSTOMER = "The customer, on their page"


def test_a_change_made_by_the_customer_shows_as_theirs_to_staff(client, uk_dealer, head_office):
    policy = sold(uk_dealer, "motor-uk")
    change = policy_change(
        policy=policy, kind="address", answers={"area": "E"}, on=TODAY, made_by=None,
        by_customer=True, expected_version=policy.version,
    )  # fmt: skip
    assert (change.made_by, change.by_customer) == (None, True)
    last = policy.history.first()
    assert last.history_user is None
    assert last.history_change_reason == "address change by the customer, on their page"
    client.force_login(UserFactory(dealer=uk_dealer))
    page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert page.count(CUSTOMER) == 2  # the history's row and the change's
    entries, _more = trail_page(TrailQuery(kinds=("policy",), object_id=policy.pk))
    assert entries[0].who == CUSTOMER and entries[-1].who != CUSTOMER  # sold by staff


def test_a_change_is_made_by_staff_or_by_the_customer_never_by_no_one(uk_dealer):
    policy = sold(uk_dealer, "motor-uk")
    with pytest.raises(IntegrityError):
        PolicyChange.objects.create(policy=policy, kind="address", effective_on=TODAY,
                                    details={}, premium_difference=0, made_by=None,
                                    made_at=timezone.now())  # fmt: skip


def test_a_cancellation_by_the_customer_is_recorded_as_theirs_and_emailed(uk_dealer):
    policy = sold(uk_dealer, "smart-cover", start=TODAY - timedelta(days=10))
    policy = policy_cancel(policy=policy, on=TODAY, reason="Changed my mind", cancelled_by=None,
                           by_customer=True, expected_version=policy.version)  # fmt: skip
    assert (policy.status, policy.refund) == ("cancelled", policy.total_premium)
    last = policy.history.first()
    assert last.history_user is None
    assert last.history_change_reason == (
        "cancelled in the cooling-off period by the customer, on their page"
    )
    assert policy.cancellation_reason == "Changed my mind"
    send = EmailSend.objects.get(policy=policy, event="cancellation")
    assert send.requested_by is None and send.to == policy.customer.email
    entries, _more = trail_page(TrailQuery(kinds=("policy",), object_id=policy.pk))
    assert entries[0].who == CUSTOMER
