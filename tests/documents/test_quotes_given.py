"""Quotes given at the desk (issue 19): saved once with a reference and a validity, printed
and emailed as a PDF, reopened and sold at the quoted price while valid."""

import re
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from policies.models import Policy, ProductSetting, Quote, RateCard, RateCardEntry
from policies.selectors import config_cache_clear
from tests.dealers.factories import DealerFactory
from tests.policies.selling import TODAY, deal_for
from tests.policies.test_menu_shared import form_values
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

SMART_12 = {"smart-cover-term_months": ["12"], "basket": ["smart-cover"]}
REFERENCE = re.compile(r"^Q-[A-HJ-NP-Z2-9]{8}$")


def _menu(deal, data=None):
    client = Client()
    client.force_login(deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    return client, form_values(page) | (data or {})


def _give(client, deal, data, **extra):
    return client.post(reverse("documents:deal-quote", args=[deal.pk]), data | extra)


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip


def test_a_quote_keeps_the_baskets_price_with_a_reference_and_30_days_of_validity(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    given = _give(client, deal, data)
    quote = Quote.objects.get()
    assert REFERENCE.match(quote.reference)
    assert given["Location"] == reverse("documents:quote-detail", args=[quote.reference])
    assert (quote.priced_on, quote.valid_until) == (TODAY, TODAY + timedelta(days=30))
    # SMART Cover 12 months: £199 + IPT 20% = £238.80, paid at once
    assert [(line["name"], line["total"], line["count"]) for line in quote.lines] == [
        ("Lexus SMART Cover", "238.80", 1)]  # fmt: skip
    assert (quote.single_total, quote.monthly_total, quote.total) == (
        Decimal("238.80"), Decimal("0.00"), Decimal("238.80"))  # fmt: skip
    assert quote.lines[0]["start"] == TODAY.isoformat()  # SMART Cover starts on the sale
    assert _give(client, deal, data)["Location"] == given["Location"]  # sent twice: one quote
    assert Quote.objects.count() == 1
    page = client.get(given["Location"]).content.decode()
    assert quote.reference in page and "£238.80" in page
    assert f"Valid until {quote.valid_until:%d/%m/%Y}" in page


def test_the_pdf_names_the_reference_validity_price_and_covers(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    quote_url = _give(client, deal, data)["Location"]
    quote = Quote.objects.get()
    pdf = client.get(reverse("documents:quote-pdf", args=[quote.reference]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = _pdf_text(pdf.content)
    assert quote.reference in text and f"{quote.valid_until:%d/%m/%Y}" in text
    assert "£238.80" in text and deal.customer.display_name in text
    assert "Scratches, scuffs and dents" in text  # what SMART Cover covers
    assert "Read each product's Insurance product information document" in " ".join(text.split())
    assert quote_url.endswith(f"/quotes/{quote.reference}/")


def test_the_quote_is_emailed_to_the_customer_with_its_pdf(
    uk_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    with django_capture_on_commit_callbacks(execute=True):
        given = _give(client, deal, data, email="")
    quote = Quote.objects.get()
    assert given["Location"] == reverse("documents:quote-detail", args=[quote.reference])
    [(to, message)] = inbox.received
    assert to == [deal.customer.email]
    assert message["Subject"] == f"Your insurance quote {quote.reference} from Lexus Manchester"
    [attachment] = [p for p in message.iter_attachments()]
    assert attachment.get_filename() == f"{quote.reference}.pdf"
    assert quote.reference in _pdf_text(attachment.get_content())
    quote.refresh_from_db()
    assert (quote.email_status, quote.email_to, quote.email_attempts) == (
        "sent", deal.customer.email, 1)  # fmt: skip


def _rates_rise(code="smart-cover", key="term:12", net="249.00", days_ago=2):
    card = RateCard.objects.create(product_id=ProductSetting.objects.filter(
        product__code=code).first().product_id, effective_from=TODAY - timedelta(days=days_ago),
        version="rise")  # fmt: skip
    RateCardEntry.objects.create(rate_card=card, key=key, value=Decimal(net))
    config_cache_clear()


def _quote_of_days_ago(client, deal, data, days):
    _give(client, deal, data)
    quote = Quote.objects.get()
    Quote.objects.filter(pk=quote.pk).update(
        priced_on=TODAY - timedelta(days=days), valid_until=TODAY + timedelta(days=30 - days)
    )
    quote.refresh_from_db()
    return quote


def test_a_valid_quote_reopened_sells_at_the_quoted_price_after_the_rates_rise(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    quote = _quote_of_days_ago(client, deal, data, days=5)
    _rates_rise()  # from two days ago: £249 + IPT 20% = £298.80 for a new quote
    fresh = client.post(reverse("policies:deal-menu", args=[deal.pk]), data).content.decode()
    assert "£298.80" in fresh and "£238.80" not in fresh
    reopen = form_values(client.get(reverse("documents:quote-detail", args=[quote.reference]))
                         .content.decode(), "reopen-form")  # fmt: skip
    assert reopen["quote"] == [quote.reference]
    menu = client.post(reverse("policies:deal-menu", args=[deal.pk]), reopen).content.decode()
    assert "£238.80" in menu and f"Reopened from quote {quote.reference}" in menu
    basket = client.post(reverse("policies:deal-basket", args=[deal.pk]), form_values(menu))
    sell = form_values(basket.content.decode(), "basket-form") | {
        "ack-smart-cover": ["on"], "sell_basket": [""]}  # fmt: skip
    done = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell)
    assert done.status_code == 302
    policy = Policy.objects.get(deal=deal)
    assert policy.total_premium == Decimal("238.80") and policy.rate_card.version == "2024.1"


def test_an_expired_quote_reopened_is_priced_on_todays_rates(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    quote = _quote_of_days_ago(client, deal, data, days=31)  # valid until yesterday
    _rates_rise()
    page = client.get(reverse("documents:quote-detail", args=[quote.reference])).content.decode()
    assert f"This quote expired on {quote.valid_until:%d/%m/%Y}" in page
    reopen = form_values(page, "reopen-form")
    assert "quote" not in reopen
    forged = client.post(reverse("policies:deal-menu", args=[deal.pk]),
                         reopen | {"quote": [quote.reference]}).content.decode()  # fmt: skip
    assert "£298.80" in forged and "Reopened from quote" not in forged


def test_a_quote_of_another_deal_holds_nothing_and_another_dealer_sees_none(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    quote = _quote_of_days_ago(client, deal, data, days=5)
    _rates_rise()
    other = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    other_client, other_data = _menu(other, SMART_12)
    other_client.force_login(deal.salesperson)
    page = client.post(reverse("policies:deal-menu", args=[other.pk]),
                       other_data | {"quote": [quote.reference]}).content.decode()  # fmt: skip
    assert "£298.80" in page and "Reopened from quote" not in page
    stranger = Client()
    stranger.force_login(deal_for(DealerFactory(market="UK", name="Lexus Leeds")).salesperson)
    for name in ("quote-detail", "quote-pdf"):
        assert stranger.get(reverse(f"documents:{name}", args=[quote.reference])).status_code == 404
    assert (
        stranger.post(reverse("documents:quote-email", args=[quote.reference])).status_code == 404
    )


def test_no_quote_without_a_validity_from_head_office_or_with_a_key_not_issued(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    forged = _give(client, deal, data | {"quote_key": ["made-up"]})
    assert forged["Location"] == reverse("policies:deal-menu", args=[deal.pk])
    ProductSetting.objects.filter(product__code="smart-cover", key="quote_valid_days").delete()
    config_cache_clear()
    refused = _give(client, deal, data)
    assert refused["Location"] == reverse("policies:deal-menu", args=[deal.pk])
    page = client.get(refused["Location"]).content.decode()
    assert "Head office has not set how long a quote of Lexus SMART Cover is valid." in page
    assert not Quote.objects.exists()


def test_italian_quote_pdf_is_in_italian(it_dealer):
    deal = deal_for(it_dealer)
    client, data = _menu(deal)
    data["basket"] = ["furto-danni-rosso"]
    given = _give(client, deal, data)
    quote = Quote.objects.filter(deal=deal).first()
    assert quote is not None, client.get(given["Location"]).content.decode()[:2000]
    text = _pdf_text(client.get(reverse("documents:quote-pdf", args=[quote.reference])).content)
    assert "Valido fino al" in text and quote.reference in text


def test_a_reprint_shows_the_covers_the_customer_was_given(uk_dealer, monkeypatch):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal, SMART_12)
    _give(client, deal, data)
    quote = Quote.objects.get()
    assert any(t["title"] == "What is covered" for t in quote.covers)
    # the product's wording changes after the quote was given
    monkeypatch.setattr("documents.quotes.comparison", lambda *a, **k: [])
    text = _pdf_text(client.get(reverse("documents:quote-pdf", args=[quote.reference])).content)
    assert "Scratches, scuffs and dents" in text  # as given, not as the wording is now
