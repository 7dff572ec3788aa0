"""A customer notifies a claim from their own page on a phone (issue 20): opened from the
link in a real email, their SMART Cover's own questions and a photo, then the claim on
their page with its status, and its confirmation in their mailbox."""

import re
from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect

from claims.models import Claim
from tests.browser.conftest import label
from tests.claims.helpers import sold
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]

PHONE = {"width": 390, "height": 844}


def test_a_customer_notifies_a_smart_cover_claim_with_a_photo_on_a_phone(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, uk_dealer, tmp_path
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(uk_dealer, "smart-cover")  # its documents are emailed on commit
    link = re.search(r"http\S+/my/enter/#\S+", inbox.received[0][1].get_body(("plain",))
                     .get_content())  # fmt: skip
    photo = tmp_path / "bonnet.jpg"
    Image.new("RGB", (64, 48), (120, 20, 20)).save(photo, format="JPEG")

    page.set_viewport_size(PHONE)
    page.goto(link.group(0))
    card = page.get_by_role("region", name="Lexus SMART Cover")
    card.get_by_role("link", name="Make a claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a claim")
    expect(page.get_by_text(policy.number)).to_be_visible()
    page.get_by_label(label("What happened")).select_option(label="Scratch")
    page.get_by_label(label("Date of loss")).fill((TODAY - timedelta(days=4)).isoformat())
    page.get_by_label(label("Size across (mm)")).fill("40")
    page.get_by_label(label("Depth (mm)")).fill("0.5")
    page.get_by_label(label("You became aware of it on")).fill(
        (TODAY - timedelta(days=3)).isoformat()
    )
    page.get_by_label(label("Description")).fill("A scratch on the bonnet, in a car park.")
    page.get_by_label(label("Photos and documents")).set_input_files(photo)
    shoot("portal-claim-form-phone")
    assert serious_a11y_problems() == []
    assert page.evaluate("document.body.scrollWidth") <= PHONE["width"]  # nothing sideways

    page.get_by_role("button", name="Send the claim").click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"Your claim {policy.number}/1 is sent: we have emailed you a confirmation."
    )
    claim = Claim.objects.get(policy=policy)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Claim {claim.number}")
    expect(page.get_by_role("region", name="Progress")).to_contain_text(
        f"{TODAY:%d/%m/%Y} · Notified"
    )
    expect(page.get_by_role("region", name="Photos and documents you sent")).to_contain_text(
        "bonnet.jpg"
    )
    shoot("portal-claim-phone")
    assert serious_a11y_problems() == []
    assert page.evaluate("document.body.scrollWidth") <= PHONE["width"]
    assert (claim.notified_online, claim.files.get().name) == (True, "bonnet.jpg")

    page.get_by_role("link", name="Back to your cover").click()
    card = page.get_by_role("region", name="Lexus SMART Cover")
    expect(card).to_contain_text(
        f"{claim.number} · {TODAY - timedelta(days=4):%d/%m/%Y} · Notified"
    )
    card.get_by_role("link", name=claim.number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Claim {claim.number}")
    confirmation = inbox.received[-1][1]  # after the sale's documents
    assert confirmation["Subject"] == f"Your claim {claim.number} has reached us"
