"""The customer signs at the desk (issue 19): one drawn signature for the statements of the
sale, each kept as a PDF with the policies and in the audit trail; a signature is checked
before anything is kept, and nothing is kept for a sale not made."""

import base64
import io
import subprocess
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageDraw

from policies.disclosure import demands_needs_record, disclosure_give
from policies.models import Policy, SignedStatement
from policies.selectors import product_get
from policies.signatures import BadSignature, signature_png
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY, deal_for, sell_on_page
from tests.policies.test_menu_shared import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


PREFIX = "data:image/png;base64,"
SIGNED = {"signature": [""], "signer_name": ["Ann Buyer"]}


def png_url(size=(600, 200), drawn=True, kind="PNG") -> str:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if drawn:
        ImageDraw.Draw(image).line([(20, 150), (200, 40), (380, 160), (560, 60)],
                                   fill=(16, 35, 63, 255), width=3)  # fmt: skip
    out = io.BytesIO()
    image.convert("RGB" if kind == "JPEG" else "RGBA").save(out, kind)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@pytest.mark.parametrize("posted, why", [
    ("not a data url", "could not be read"),
    ("data:image/png;base64,!!!not-base64", "could not be read"),
    (PREFIX + base64.b64encode(b"\x89PNG\r\n\x1a\nrest").decode(), "could not be read"),
    (png_url(size=(10, 10)), "could not be read"),  # no signature is 10 pixels wide
    (png_url(size=(5000, 200)), "could not be read"),
    (png_url(kind="JPEG"), "could not be read"),  # says PNG, is not
    (png_url(drawn=False), "empty"),
    ("data:image/png;base64," + "A" * 300_000, "could not be read"),
])  # fmt: skip
def test_a_signature_must_be_a_png_of_a_signatures_size_with_something_drawn(posted, why):
    with pytest.raises(BadSignature, match=why):
        signature_png(posted)


def test_a_drawn_signature_is_kept_as_sent():
    url = png_url()
    assert signature_png(url) == base64.b64decode(url.split(",", 1)[1])


def _basket_sale(deal, basket, **extra):
    client = Client()
    client.force_login(deal.salesperson)
    data = form_values(client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode())
    data |= {"smart-cover-term_months": ["12"], "basket": basket}
    page = client.post(reverse("policies:deal-basket", args=[deal.pk]), data).content.decode()
    sell = form_values(page, "basket-form") | {f"ack-{k}": ["on"] for k in basket}
    return client, page, sell | {"sell_basket": [""]} | extra


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip


def test_the_customers_signature_keeps_each_statement_as_a_pdf_with_the_policy(
    uk_dealer, django_capture_on_commit_callbacks
):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    demands_needs_record(deal=deal, answers={"needs": ["smart_repair"], "budget": "£300"},
                         recorded_by=deal.salesperson)  # fmt: skip
    client, page, sell = _basket_sale(deal, ["smart-cover"])
    assert "I have received and read" in page and "My demands and needs" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("policies:deal-basket", args=[deal.pk]),
                           sell | SIGNED | {"signature": [png_url()]})  # fmt: skip
    assert done.status_code == 302
    policy = Policy.objects.get(deal=deal)
    needs, info = SignedStatement.objects.order_by("pk")
    assert (needs.kind, needs.product, info.kind, info.product) == (
        "demands_needs", None, "information_received", policy.product)  # fmt: skip
    assert "Insurance product information document – Lexus SMART Cover" in info.text
    assert "My budget: £300." in needs.text
    for statement in (needs, info):
        assert statement.signer_name == "Ann Buyer" and statement.witnessed_by == deal.salesperson
        pdf = statement.file.read()
        assert b"/Subtype /Image" in pdf  # the signature drawn, in the PDF
        text = _pdf_text(pdf)
        assert "Ann Buyer" in text and statement.signature_sha256 in text.replace("\n", "")
    policy_page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert "Signed by the customer at the desk" in policy_page
    download = client.get(reverse("documents:statement-download", args=[info.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # sent again: one sale, the statements signed once
    again = client.post(reverse("policies:deal-basket", args=[deal.pk]),
                        sell | SIGNED | {"signature": [png_url()]})  # fmt: skip
    assert again.status_code == 302 and SignedStatement.objects.count() == 2
    head_office = UserFactory(role="head_office", dealer=None)
    client.force_login(head_office)
    trail = client.get(reverse("audit:trail"), {"kind": "signed_statement"}).content.decode()
    assert "Ann Buyer" in trail


def test_a_signature_not_drawn_sells_nothing_and_says_so(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, _page, sell = _basket_sale(deal, ["smart-cover"])
    page = client.post(reverse("policies:deal-basket", args=[deal.pk]),
                       sell | {"signature": [png_url(drawn=False)]}).content.decode()  # fmt: skip
    assert "The signature is empty" in page
    assert not Policy.objects.exists() and not SignedStatement.objects.exists()


def test_nothing_signed_is_kept_for_a_basket_refused(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, _page, sell = _basket_sale(deal, ["smart-cover", "asset-protector"])
    page = client.post(reverse("policies:deal-basket", args=[deal.pk]),
                       sell | {"signature": [png_url()]}).content.decode()  # fmt: skip
    assert "Nothing was sold" in page
    assert not Policy.objects.exists() and not SignedStatement.objects.exists()


def test_a_gap_concluded_early_keeps_the_customers_signed_request_in_their_words(
    client, uk_dealer, django_capture_on_commit_callbacks
):
    """ICOBS 6A.1 (PRODUCTS.md §1): information given yesterday, the customer starts the
    sale today and asks to conclude it now; their request is signed with the receipt."""
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    yesterday = TODAY - timedelta(days=1)
    disclosure_give(deal=deal, product=product_get("asset-protector"), document="IPID 2026",
                    how="in_person", given_by=deal.salesperson, on=yesterday)  # fmt: skip
    client.force_login(deal.salesperson)
    url = reverse("policies:deal-sell", args=[deal.pk, "asset-protector"])
    words = "I came back to buy the GAP today and want it now."
    form = {"asset-protector-term_months": "36", "asset-protector-invoice_price": "32000",
            "asset-protector-payment_plan": "single", "disclosure-acknowledged": "on",
            "disclosure-customer_initiated": "on", "disclosure-written_confirmation": words,
            "signature": png_url(), "signer_name": "Ann Buyer"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        done = sell_on_page(client, url, form)
    assert done.status_code == 302, done.content.decode()[:3000]
    policy = Policy.objects.get(deal=deal)
    info, early = SignedStatement.objects.order_by("pk")
    assert (info.kind, early.kind) == ("information_received", "early_conclusion")
    assert "given to me on " + f"{TODAY - timedelta(days=1):%d/%m/%Y}" in info.text
    assert early.text.endswith(words) and early.product == policy.product
    assert words in _pdf_text(early.file.read()).replace("\n", " ")
