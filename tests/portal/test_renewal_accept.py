"""A customer whose policy does not renew by itself accepts the renewal invitation's offer
on their page (issue 20): at the price shown, which is the price the renewal charges."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from dealers.customer_links import customer_link_token
from policies.models import Policy, PolicyStatus
from policies.renewal_steps import renewal_advance
from policies.rules.renewal import Step
from policies.selectors import renewal_params
from tests.claims.helpers import sold
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def _enter(client, customer):
    client.post(reverse("portal:enter"), {"token": customer_link_token(customer)})


def _invited(policy):
    """The daily job's invitation, run on its day."""
    params = renewal_params(policy.product)
    assert renewal_advance(policy_id=policy.pk, on=policy.end_date - timedelta(
        days=params.invite_days)) == Step.INVITE  # fmt: skip
    return Policy.objects.get(pk=policy.pk)


def _shown_total(html):
    return re.search(r'name="shown" value="([0-9.]+)"', html).group(1)


def _accept(client, policy, shown, version=None):
    body = {"shown": shown, "version": str(policy.version if version is None else version)}
    return client.post(reverse("portal:renew", args=[policy.pk]), body, follow=True)


def test_an_italian_customer_accepts_the_renewal_at_the_price_shown_and_is_renewed(
    client, it_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    with django_capture_on_commit_callbacks(execute=True):
        policy = _invited(sold(it_dealer, "furto-danni"))
    assert policy.auto_renew is False and policy.invited_on is not None
    _enter(client, policy.customer)
    home = client.get(reverse("portal:home")).content.decode()
    end, next_end = policy.end_date, policy.end_date.replace(year=policy.end_date.year + 1)
    assert f"Rinnovi dal {end:%d/%m/%Y} al {next_end:%d/%m/%Y}" in home
    shown = _shown_total(home)
    inbox.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = _accept(client, policy, shown).content.decode()
    assert "la sua polizza si rinnoverà" in page
    policy.refresh_from_db()
    assert policy.auto_renew is True and policy.renewal_accepted_at is not None
    last = policy.history.first()
    assert last.history_user is None
    assert last.history_change_reason == "renewal accepted by the customer, on their page"
    [(to, message)] = inbox.received
    assert to == [policy.customer.email]
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert (
        f"Ha accettato il rinnovo della sua polizza Polizza Furto e Danni {policy.number}" in text
    )
    assert f"{shown.replace('.', ',')} €" in text
    # The daily job then takes the payment and renews, at the price the page showed.
    days = renewal_params(policy.product).payment_days
    assert renewal_advance(policy_id=policy.pk, on=end - timedelta(days=days)) == Step.TAKE_PAYMENT
    assert renewal_advance(policy_id=policy.pk, on=end) == Step.RENEW
    renewed = Policy.objects.get(renewed_from=policy)
    assert renewed.status == PolicyStatus.LIVE and renewed.start_date == end
    assert str(renewed.total_premium) == shown


def test_a_stale_page_a_changed_price_or_no_invitation_accepts_nothing(client, uk_dealer):
    policy = sold(uk_dealer, "motor-uk")
    _enter(client, policy.customer)
    assert "Renew for" not in client.get(reverse("portal:home")).content.decode()
    refused = _accept(client, policy, "500.00").content.decode()
    assert "This policy has no renewal offer to accept." in refused
    policy = _invited(policy)
    shown = _shown_total(client.get(reverse("portal:home")).content.decode())
    stale = _accept(client, policy, shown, version=policy.version - 1).content.decode()
    assert "Your policy changed while the page was open" in stale
    lower = str(Decimal(shown) - 1)
    changed = _accept(client, policy, lower).content.decode()
    assert "The price of your renewal has changed since the page was shown" in changed
    assert "has changed" in _accept(client, policy, "1e3").content.decode()  # not a price
    policy.refresh_from_db()
    assert policy.auto_renew is False and policy.renewal_accepted_at is None


def test_no_one_elses_renewal_and_none_on_the_day_it_ends(client, uk_dealer):
    policy = _invited(sold(uk_dealer, "motor-uk"))
    other = _invited(sold(uk_dealer, "motor-uk"))
    _enter(client, policy.customer)
    assert _accept(client, other, "1.00").status_code == 404
    Policy.objects.filter(pk=policy.pk).update(end_date=TODAY)
    policy.refresh_from_db()
    home = client.get(reverse("portal:home")).content.decode()
    assert "Renew for" not in home
    assert "no renewal offer" in _accept(client, policy, "1.00").content.decode()
