"""A customer notifies a claim on their own page and follows it (issue 20): their
product's own questions, photos checked as staff's are, one claim however often the form
is posted, seen by staff as notified by the customer online, kept in the audit trail as
done by the customer, and confirmed by email in the dealer's language."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.trail import TrailQuery, trail_page
from claims.models import Claim, ClaimFile
from claims.services import claim_files_add, claim_move
from dealers.customer_links import customer_link_token
from policies.models import Policy
from tests.claims.helpers import claim_data, keyed, sold
from tests.claims.test_uploads import EXE, JPEG, PNG, TYPES
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def _enter(client, customer) -> Client:
    response = client.post(reverse("portal:enter"), {"token": customer_link_token(customer)})
    assert response["Location"] == reverse("portal:home")
    return client


def _scratch(policy, **more):
    """A SMART Cover scratch, as the customer answers it (no date reported: it is today)."""
    data = claim_data(policy, "scratch", diameter_mm="40", depth_mm="0.5",
                      aware_date=TODAY - timedelta(days=2), **more)  # fmt: skip
    data.pop("reported_date")
    return data


def _keyed(client, policy, data):
    """`data` with the key the customer's form was issued with."""
    page = client.get(reverse("portal:claim-notify", args=[policy.pk]))
    assert page.status_code == 200
    return {**data, "submission_key": page.context["submission_key"]}


def _notify(client, policy, data, **kwargs):
    return client.post(reverse("portal:claim-notify", args=[policy.pk]), data, **kwargs)


def _stored_files() -> set[Path]:
    return {p for p in Path(django_settings.MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.fixture
def policy(uk_dealer):
    return sold(uk_dealer, "smart-cover")


@pytest.fixture
def customer(client, policy):
    return _enter(client, policy.customer)


def test_a_customer_notifies_a_claim_with_their_products_questions_and_a_photo(customer, policy):
    home = customer.get(reverse("portal:home")).content.decode()
    assert reverse("portal:claim-notify", args=[policy.pk]) in home
    page = customer.get(reverse("portal:claim-notify", args=[policy.pk])).content.decode()
    assert "Size across (mm)" in page and "Stone chip" in page  # SMART Cover's own form
    assert "You became aware of it on" in page and "The customer became" not in page
    assert f"Your claim is reported today, {TODAY:%d/%m/%Y}." in page
    photo = SimpleUploadedFile("door.jpg", JPEG, content_type="image/jpeg")
    back_dated = (TODAY - timedelta(days=60)).isoformat()  # not the customer's to choose
    data = _keyed(customer, policy, _scratch(policy, description="Scraped in the car park"))
    response = _notify(customer, policy, {**data, "reported_date": back_dated, "files": [photo]},
                       follow=True)  # fmt: skip
    claim = Claim.objects.get(policy=policy)
    assert response.redirect_chain[-1][0] == reverse("portal:claim", args=[claim.pk])
    assert (claim.number, claim.status, claim.event) == (
        f"{policy.number}/1",
        "notified",
        "scratch",
    )
    assert (claim.reported_date, claim.loss_date) == (TODAY, TODAY - timedelta(days=5))
    assert claim.facts["diameter_mm"] == "40" and claim.facts["depth_mm"] == "0.5"
    assert (claim.notified_by, claim.notified_online) == (None, True)
    [change] = claim.changes.all()
    assert (change.to_status, change.changed_by) == ("notified", None)
    [stored] = claim.files.all()
    assert (stored.name, stored.kind, stored.size, stored.uploaded_by) == (
        "door.jpg", "photo", len(JPEG), None)  # fmt: skip
    html = response.content.decode()
    assert f"Your claim {claim.number} is sent: we have emailed you a confirmation." in html
    assert "Scraped in the car park" in html and "door.jpg" in html


def test_the_customer_follows_the_status_and_sees_nothing_of_staffs(customer, policy):
    data = _keyed(customer, policy, _scratch(policy))
    photo = SimpleUploadedFile("mine.png", PNG, content_type="image/png")
    _notify(customer, policy, {**data, "files": [photo]})
    claim = Claim.objects.get(policy=policy)
    handler = UserFactory(role="head_office", dealer=None)
    theirs = SimpleUploadedFile("assessor-notes.png", JPEG, content_type="image/jpeg")
    claim_files_add(claim=claim, files=[theirs], uploaded_by=handler)
    claim_move(claim=claim, action="assess", by=handler, reason="Suspicious: check the CCTV")
    home = customer.get(reverse("portal:home")).content.decode()
    link = reverse("portal:claim", args=[claim.pk])
    assert f'<a href="{link}">{claim.number}</a>' in home and "Under assessment" in home
    page = customer.get(link).content.decode()
    assert "Your claim is being assessed." in page
    assert re.search(rf"{TODAY:%d/%m/%Y} · Notified</li><li>{TODAY:%d/%m/%Y} · Under assessment",
                     page)  # fmt: skip
    assert "mine.png" in page
    assert "assessor-notes" not in page and "CCTV" not in page and handler.username not in page


def test_another_customers_policy_or_claim_is_not_found(customer, policy, uk_dealer):
    other = sold(uk_dealer, "smart-cover")
    assert customer.get(reverse("portal:claim-notify", args=[other.pk])).status_code == 404
    data = {**_scratch(other), "submission_key": "x"}
    assert _notify(customer, other, data).status_code == 404
    theirs = Client()
    _enter(theirs, other.customer)
    _notify(theirs, other, _keyed(theirs, other, _scratch(other)))
    claim = Claim.objects.get(policy=other)
    assert customer.get(reverse("portal:claim", args=[claim.pk])).status_code == 404
    assert theirs.get(reverse("portal:claim", args=[claim.pk])).status_code == 200
    assert not Claim.objects.filter(policy=policy).exists()


def test_a_policy_no_longer_in_force_is_refused_with_what_to_do(customer, policy):
    Policy.objects.filter(pk=policy.pk).update(status="expired")
    home = customer.get(reverse("portal:home")).content.decode()
    assert reverse("portal:claim-notify", args=[policy.pk]) not in home
    said = (f"Policy {policy.number} is not in force (expired): to make a claim on it, "
            f"contact {policy.dealer.name}.")  # fmt: skip
    page = customer.get(reverse("portal:claim-notify", args=[policy.pk]), follow=True)
    assert said in page.content.decode()
    response = _notify(customer, policy, {**_scratch(policy), "submission_key": "x"}, follow=True)
    assert said in response.content.decode()
    assert not Claim.objects.exists()


def test_a_cover_not_started_yet_takes_no_claim_until_it_starts(customer, policy):
    start = TODAY + timedelta(days=3)
    Policy.objects.filter(pk=policy.pk).update(start_date=start)
    page = customer.get(reverse("portal:claim-notify", args=[policy.pk]), follow=True)
    assert f"Your cover starts on {start:%d/%m/%Y}: a claim can be made from that day." in (
        page.content.decode()
    )


@pytest.mark.parametrize(
    ("upload", "said"),
    [
        (lambda: SimpleUploadedFile("photo.jpg", EXE, "image/jpeg"), f"photo.jpg is {TYPES}."),
        (lambda: SimpleUploadedFile("big.png", PNG + b"\x00" * 2**20, "image/png"),
         "big.png is larger than 1 MB, the most a file can be."),
    ],
)  # fmt: skip
def test_a_file_refused_for_staff_is_refused_for_the_customer_and_nothing_is_kept(
    customer, policy, settings, upload, said
):
    settings.CLAIM_FILE_MAX_BYTES = 2**20
    before = _stored_files()
    data = _keyed(customer, policy, _scratch(policy))
    response = _notify(customer, policy, {**data, "files": [upload()]})
    assert response.status_code == 200
    assert said in response.content.decode()
    assert not Claim.objects.exists() and not ClaimFile.objects.exists()
    assert _stored_files() == before


def test_the_form_posted_twice_makes_one_claim_and_one_email(
    customer, policy, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    data = _keyed(customer, policy, _scratch(policy))
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(customer, policy, data)
        again = _notify(customer, policy, data, follow=True)
    [claim] = Claim.objects.filter(policy=policy)
    assert first["Location"] == again.redirect_chain[-1][0] == reverse("portal:claim",
                                                                       args=[claim.pk])  # fmt: skip
    assert f"You have already sent this claim: {claim.number}." in again.content.decode()
    assert len(inbox.received) == 1
    forged = {**data, "submission_key": data["submission_key"][:-3] + "abc"}
    refused = _notify(customer, policy, forged)  # a key this server never issued
    assert "This form has expired" in refused.content.decode()
    assert Claim.objects.count() == 1


def test_a_key_issued_to_staff_is_not_the_customers(customer, policy):
    staff_key = keyed(policy, policy.sold_by, {})["submission_key"]
    refused = _notify(customer, policy, {**_scratch(policy), "submission_key": staff_key})
    assert "This form has expired" in refused.content.decode()
    assert not Claim.objects.exists()


def test_staff_see_the_claim_as_notified_by_the_customer_online(customer, policy, head_office):
    _notify(customer, policy, _keyed(customer, policy, _scratch(policy)))
    claim = Claim.objects.get(policy=policy)
    staff = Client()
    staff.force_login(policy.sold_by)
    listed = staff.get(reverse("claims:claim-list")).content.decode()
    assert "Notified by the customer (online)" in listed
    detail = staff.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert re.search(r"<dt[^>]*>Notified</dt><dd[^>]*>[^<]*, Notified by the customer \(online\)",
                     detail)  # fmt: skip
    assert "<td>The customer (online)</td>" in detail
    staff.force_login(head_office)
    assert staff.get(reverse("claims:claim-detail", args=[claim.pk])).status_code == 200
    assert staff.get(reverse("audit:trail"), {"kind": "claim"}).status_code == 200
    admin = staff.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert admin.status_code == 200 and claim.number in admin.content.decode()


def test_the_audit_trail_records_the_claim_as_made_by_the_customer(customer, policy):
    _notify(customer, policy, _keyed(customer, policy, _scratch(policy)))
    claim = Claim.objects.get(policy=policy)
    row = claim.history.get()
    assert row.history_user is None
    assert row.history_change_reason == "notified by the customer, on their page"
    entries, _more = trail_page(TrailQuery(kinds=("claim",), object_id=claim.pk))
    [entry] = entries
    assert (entry.action, entry.who, entry.label) == (
        "created", "The customer, on their page", claim.number)  # fmt: skip
    online = next(c for c in entry.changes if c.field == "notified by the customer, online")
    assert online.new == "True"


def test_the_customer_is_sent_a_confirmation_with_the_claims_number(
    customer, policy, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    with django_capture_on_commit_callbacks(execute=True):
        _notify(customer, policy, _keyed(customer, policy, _scratch(policy)))
    claim = Claim.objects.get(policy=policy)
    [(to, message)] = inbox.received
    assert to == [policy.customer.email]
    assert message["Subject"] == f"Your claim {claim.number} has reached us"
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert (f"We have received the claim you sent on your Lexus SMART Cover policy "
            f"{policy.number}: Scratch, on") in text  # fmt: skip
    assert f"Its number is {claim.number}." in text
    link = re.search(r"http\S+/my/enter/#(\S+)", text).group(1)
    assert Client().post(reverse("portal:enter"), {"token": link}).status_code == 302
    assert "Follow your claim on your page" in message.get_body(("html",)).get_content()


def test_an_italian_customer_claims_and_is_told_in_italian(
    client, it_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    policy = sold(it_dealer, "furto-danni")
    inbox.received.clear()  # the sale's documents
    _enter(client, policy.customer)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Denunci un sinistro" in home
    form = client.get(reverse("portal:claim-notify", args=[policy.pk])).content.decode()
    assert "Invia la denuncia" in form and "Cosa è successo" in form
    assert "Sostituisce il veicolo (danno totale)" in form and "Il cliente" not in form
    data = claim_data(policy, "furto", damage="4000")
    data.pop("reported_date")
    with django_capture_on_commit_callbacks(execute=True):
        page = _notify(client, policy, _keyed(client, policy, data), follow=True)
    claim = Claim.objects.get(policy=policy)
    html = page.content.decode()
    assert f"La sua denuncia {claim.number} è inviata" in html
    assert "Abbiamo ricevuto la sua denuncia" in html and "Avanzamento" in html
    [(_to, message)] = inbox.received
    assert message["Subject"] == f"La sua denuncia {claim.number} ci è arrivata"
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert f"Il suo numero è {claim.number}." in text and "Furto" in text
