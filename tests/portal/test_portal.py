"""The customer's own page (issue 20, first step): entered only from a valid link, their
records alone, nothing of staff's, and a new link asked without telling who is known."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from dealers.customer_links import customer_link_token, customer_link_url
from documents.services import document_generate
from policies.models import Policy
from tests.claims.helpers import sold
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def _enter(client, token):
    return client.post(reverse("portal:enter"), {"token": token})


@pytest.fixture
def policy(uk_dealer):
    return sold(uk_dealer, "smart-cover")


def test_a_link_opens_the_customers_page_on_a_clean_url(client, policy):
    url = customer_link_url(policy.customer)
    path, token = url.split("#", 1)
    assert path.endswith("/my/enter/") and token  # the token is in the fragment only
    entered = _enter(client, token)
    assert entered.status_code == 302 and entered["Location"] == reverse("portal:home")
    page = client.get(entered["Location"])
    html = page.content.decode()
    assert policy.number in html and "Lexus SMART Cover" in html
    assert f"{policy.start_date:%d/%m/%Y} to {policy.end_date:%d/%m/%Y}" in html
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]


def test_an_altered_an_expired_or_another_addresss_link_is_refused(client, policy, settings):
    token = customer_link_token(policy.customer)
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    forged = signing.dumps({"c": policy.customer_id, "e": policy.customer.email}, salt="other")
    for bad in (altered, forged, "", "x" * 1000):
        response = _enter(client, bad)
        assert response["Location"] == reverse("portal:link"), bad
        assert client.get(reverse("portal:home"))["Location"] == reverse("portal:link")
    settings.CUSTOMER_LINK_DAYS = 0
    assert _enter(client, token)["Location"] == reverse("portal:link")  # expired
    settings.CUSTOMER_LINK_DAYS = 30
    customer = policy.customer
    customer.email = "new-address@example.org"
    customer.save()
    assert _enter(client, token)["Location"] == reverse("portal:link")  # sent to the old one


def test_a_customer_reaches_no_one_elses_records_and_no_staff_page(client, policy, uk_dealer):
    other = sold(uk_dealer, "motor-uk")
    theirs = document_generate(policy=other, kind="schedule")
    mine = document_generate(policy=policy, kind="schedule")
    _enter(client, customer_link_token(policy.customer))
    home = client.get(reverse("portal:home")).content.decode()
    assert other.number not in home
    assert client.get(reverse("portal:document", args=[mine.pk])).status_code == 200
    assert client.get(reverse("portal:document", args=[theirs.pk])).status_code == 404
    for staff in (reverse("dealers:home"), reverse("policies:policy-list"),
                  reverse("policies:policy-detail", args=[policy.pk]),
                  reverse("documents:document-download", args=[mine.pk])):  # fmt: skip
        response = client.get(staff)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], staff


def test_a_new_link_is_asked_without_learning_who_is_known(
    client, policy, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    url = reverse("portal:link")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": policy.customer.email.upper(),
                                  "policy_number": policy.number}, follow=True)  # fmt: skip
        unknown = client.post(url, {"email": "nobody@example.org",
                                    "policy_number": policy.number}, follow=True)  # fmt: skip
    said = "If these details match one of our policies, a new link is on its way"
    assert said in known.content.decode() and said in unknown.content.decode()
    assert known.status_code == unknown.status_code == 200
    [(to, message)] = inbox.received  # one email: to the customer, with a working link
    assert to == [policy.customer.email]
    link = re.search(r"http\S+/my/enter/#(\S+)", message.get_body(("plain",)).get_content())
    fresh = Client()
    assert _enter(fresh, link.group(1))["Location"] == reverse("portal:home")


def test_link_requests_are_limited(client, policy, settings):
    settings.PORTAL_LINK_REQUESTS_PER_HOUR = 3
    body = {"email": "someone@example.org", "policy_number": "X"}
    statuses = [client.post(reverse("portal:link"), body).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]


def test_every_email_to_the_customer_carries_their_link(policy):
    from documents.emails import email_message
    from documents.models import EmailSend

    send = EmailSend.objects.filter(policy=policy).first() or EmailSend.objects.create(
        policy=policy, event="sale", event_key=f"t-{policy.pk}", to=policy.customer.email
    )
    text = email_message(send=send, documents=[]).body
    token = re.search(r"/my/enter/#(\S+)", text).group(1)
    assert Client().post(reverse("portal:enter"), {"token": token}).status_code == 302


def test_an_italian_customer_reads_their_page_in_italian(client, it_dealer):
    policy = sold(it_dealer, "furto-danni")
    _enter(client, customer_link_token(policy.customer))
    html = client.get(reverse("portal:home")).content.decode()
    assert f"Le sue coperture, {policy.customer.display_name}" in html
    assert "Polizza Furto e Danni" in html and "Che cosa copre" in html


def _renewal(client, policy, version=None, on=True):
    body = {"version": str(policy.version if version is None else version)}
    if on:
        body["auto_renew"] = "on"
    return client.post(reverse("portal:renewal", args=[policy.pk]), body, follow=True)


def test_the_customer_switches_automatic_renewal_and_is_told_by_email(
    client, uk_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    policy = sold(uk_dealer, "motor-uk")
    _enter(client, customer_link_token(policy.customer))
    home = client.get(reverse("portal:home")).content.decode()
    assert "Switch automatic renewal on" in home and "You can change this until" in home
    with django_capture_on_commit_callbacks(execute=True):
        page = _renewal(client, policy, on=True).content.decode()
    assert "Done: we have emailed you a confirmation." in page
    policy.refresh_from_db()
    assert policy.auto_renew is True
    last = policy.history.first()
    assert last.history_user is None and "by the customer" in last.history_change_reason
    [(to, message)] = inbox.received
    assert to == [policy.customer.email]
    assert (
        f"switched automatic renewal on for your Lexus Motor Insurance policy {policy.number}"
        in " ".join(message.get_body(("plain",)).get_content().split())
    )
    stale = _renewal(client, policy, version=policy.version - 1, on=False).content.decode()
    assert "Your policy changed while the page was open" in stale
    policy.refresh_from_db()
    assert policy.auto_renew is True  # the stale page changed nothing


def test_after_the_cut_off_the_page_says_what_to_do_and_no_one_elses_policy_is_reachable(
    client, uk_dealer
):
    policy = sold(uk_dealer, "motor-uk")
    other = sold(uk_dealer, "motor-uk")
    _enter(client, customer_link_token(policy.customer))
    assert _renewal(client, other).status_code == 404
    Policy.objects.filter(pk=policy.pk).update(end_date=TODAY + timedelta(days=1))
    home = client.get(reverse("portal:home")).content.decode()
    assert "The renewal choice closed on" in home and "Switch automatic renewal" not in home
    policy.refresh_from_db()
    refused = _renewal(client, policy).content.decode()
    assert "The renewal choice closed" in refused
    policy.refresh_from_db()
    assert policy.auto_renew is False


def test_the_customer_changes_their_email_and_phone_and_both_addresses_are_told(
    client, policy, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    customer = policy.customer
    old_token, old_email = customer_link_token(customer), customer.email
    _enter(client, old_token)
    page = client.get(reverse("portal:contact")).content.decode()
    assert f'value="{old_email}"' in page
    body = {"email": "new-me@example.org", "phone": "+44 161 496 0123",
            "version": str(customer.version)}  # fmt: skip
    bad = client.post(reverse("portal:contact"), body | {"phone": "call me"})
    assert bad.status_code == 200 and bad.context["form"].errors["phone"]
    customer.refresh_from_db()
    assert customer.email == old_email  # nothing saved
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("portal:contact"), body)
    assert done["Location"] == reverse("portal:home")
    customer.refresh_from_db()
    assert (customer.email, customer.phone) == ("new-me@example.org", "+44 161 496 0123")
    last = customer.history.first()
    assert last.history_user is None and "by the customer" in last.history_change_reason
    assert sorted(to[0] for to, _m in inbox.received) == sorted(["new-me@example.org", old_email])
    to_old = next(m for to, m in inbox.received if to == [old_email])
    assert "/my/enter/" not in to_old.get_body(("plain",)).get_content()  # no key to the page
    assert _enter(Client(), old_token)["Location"] == reverse("portal:link")  # old links stop
    stale = client.post(reverse("portal:contact"), body | {"email": "x@example.org"})
    assert stale["Location"] == reverse("portal:contact")
    customer.refresh_from_db()
    assert customer.email == "new-me@example.org"


def test_an_address_changed_by_staff_ends_the_customers_session(client, policy):
    """A mailbox taken over: staff put the customer's new address on the record, and
    whoever opened the page from a link to the old one is out."""
    _enter(client, customer_link_token(policy.customer))
    assert client.get(reverse("portal:home")).status_code == 200
    customer = policy.customer
    customer.email = "safe-again@example.org"
    customer.save()
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:link")
