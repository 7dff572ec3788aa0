"""The drivers of a motor proposal (issue 19): asked at the sale for each named driver,
the policyholder's prefilled from their record, checked against the age the price was
worked on, kept with the policy and shown on the Statement of Fact."""

import subprocess
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from dealers.models import Customer
from documents.services import document_generate
from policies.models import Policy
from tests.policies.selling import TODAY, deal_for, drivers_posted, page_values
from tests.policies.test_basket_sale import MOTOR_ON_MENU

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

MENU = {k: v[0] for k, v in MOTOR_ON_MENU.items()} | {"motor-uk-payment_plan": "single"}


def _sale(deal, body):
    client = Client()
    client.force_login(deal.salesperson)
    url = reverse("policies:deal-sell", args=[deal.pk, "motor-uk"])
    shown = client.post(url, {**MENU, "update": ""}).content.decode()
    done = client.post(url, {**MENU, **body, **page_values(shown),
                             "disclosure-acknowledged": "on", "sell": ""})  # fmt: skip
    return shown, done


def test_the_policyholder_is_prefilled_from_their_record(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    Customer.objects.filter(pk=deal.customer_id).update(date_of_birth=date(1984, 3, 2))
    customer = Customer.objects.get(pk=deal.customer_id)
    shown, _done = _sale(deal, {})
    assert "The drivers" in shown
    assert f'name="proposal-motor-uk-d1_name" value="{customer.display_name}"' in shown
    assert 'name="proposal-motor-uk-d1_born" value="1984-03-02"' in shown
    assert not Policy.objects.exists()  # no occupation, no years held: not sold


def test_drivers_other_than_the_price_was_worked_on_are_refused(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    _shown, done = _sale(deal, drivers_posted(youngest=23))  # priced for 42
    page = done.content.decode()
    assert "The youngest driver here is 23; the price was worked out for 42." in page
    assert not Policy.objects.exists()


def test_a_licence_held_longer_than_the_driver_could_drive_is_refused(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    body = drivers_posted(youngest=42) | {"proposal-motor-uk-d1_licence_years": "30"}
    page = _sale(deal, body)[1].content.decode()
    assert "Held for at most 25 years at the age of 42." in page  # 42 - 17
    assert not Policy.objects.exists()


def test_two_named_drivers_are_kept_and_on_the_statement_of_fact(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    MENU2 = {**MENU, "motor-uk-named_drivers": "2"}
    body = drivers_posted(youngest=42, named=2) | {
        "proposal-motor-uk-d2_name": "Ruth Second",
        "proposal-motor-uk-d2_occupation": "Nurse",
        "proposal-motor-uk-d2_convictions": "SP30 03/2024",
        "motor-uk-named_drivers": "2",
    }
    client = Client()
    client.force_login(deal.salesperson)
    url = reverse("policies:deal-sell", args=[deal.pk, "motor-uk"])
    shown = client.post(url, {**MENU2, "update": ""}).content.decode()
    assert "proposal-motor-uk-d2_name" in shown and "proposal-motor-uk-d3_name" not in shown
    done = client.post(url, {**MENU2, **body, **page_values(shown),
                             "disclosure-acknowledged": "on", "sell": ""})  # fmt: skip
    assert done.status_code == 302, done.content.decode()[:2000]
    policy = Policy.objects.get()
    assert [d["name"] for d in policy.proposal["drivers"]] == ["Driver 1", "Ruth Second"]
    pdf = document_generate(policy=policy, kind="statement_of_fact").file.read()
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "The named drivers" in text
    assert "Ruth Second" in text and "Nurse" in text and "SP30 03/2024" in text
    assert f"01/01/{TODAY.year - 52}" in text  # the second driver, 10 years older
