"""Hostile input through the point-of-sale pages, as a logged-in salesperson: the live
price, the sale, the demands and needs and a decline, for every product of every market.

Whatever is posted, a page answers (a view that raises fails the test with its
traceback: the test client re-raises): the price fragment or the sale page again with
its errors, or a redirect after what was done. A refused sale leaves no policy; an
accepted one is a valid policy (premium never negative and adding up, cover dates in
order). Each example runs in a savepoint rolled back afterwards, so examples do not see
each other's writes."""

import dataclasses
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from dealers.models import Deal
from policies import pos
from policies.menu import answers_of
from policies.models import DeclineReason, DemandsNeeds, Offer, Policy
from tests.dealers.factories import DealerFactory
from tests.hostile import DATE, FUZZ, VALUE, mutations_of

from .selling import TODAY, deal_for, drivers_posted, page_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@contextmanager
def rolled_back():
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


@dataclass
class Column:
    """One column of a deal's menu, with answers that the menu accepts as they are."""

    deal: Deal
    client: Client
    key: str
    valid: dict
    page: dict = dataclasses.field(default_factory=dict)  # the sale page's key and prices shown

    def __repr__(self):  # what hypothesis prints for a failing example
        return f"Column({self.deal.dealer.market} {self.deal.dealer.brand}, {self.key})"


def posted(value):
    """A Python answer as a browser posts it."""
    if isinstance(value, list | tuple):
        return [posted(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# What a salesperson types where the deal has nothing to prefill.
TYPED = {"driver_age": 42, "youngest_driver_age": 42, "licence_years": 20}


def valid_answers(form) -> dict:
    """The menu's prefilled answers (from the deal), as posted."""
    body = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            value = TYPED.get(name)
        if value is not None and value != "":
            body[f"{form.prefix}-{name}"] = posted(value)
    return body


def proposal_of(key: str) -> dict:
    """The drivers a motor sale asks besides the menu's answers (its youngest as typed)."""
    return drivers_posted(key, youngest=TYPED["driver_age"]) if key == "motor-uk" else {}


def columns_of(deal) -> list[Column]:
    client = Client()
    client.force_login(deal.salesperson)
    columns = [Column(deal, client, c.key, valid_answers(c.form) | proposal_of(c.key))
               for c in pos._columns(deal)]  # fmt: skip
    for column in columns:
        url = reverse("policies:deal-sell", args=[deal.pk, column.key])
        shown = client.post(url, {**column.valid, "update": ""})
        column.page = page_values(shown.content.decode())
    return columns


@pytest.fixture
def menus(uk_dealer, it_dealer, au_dealer) -> list[Column]:
    deals = [
        deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7)),
        deal_for(DealerFactory(market="UK", brand="smart"), delivery_date=TODAY),
        deal_for(it_dealer, delivery_date=TODAY),
        deal_for(au_dealer, delivery_date=TODAY),
    ]
    return [column for deal in deals for column in columns_of(deal)]


def disclosure() -> dict:
    return {"disclosure-acknowledged": "on"}


def test_every_product_of_every_market_is_fuzzed_from_answers_it_accepts(menus):
    keys = {c.key for c in menus}
    assert {"asset-protector", "smart-cover", "motor-uk", "smart-combined-gap",
            "smart-lease-gap", "au-comprehensive", "furto-danni-blu"} <= keys  # fmt: skip
    for column in menus:
        form = pos.menu_column(column.deal, column.key, column.valid).form
        assert answers_of(form) is not None, (column, form.errors)


def test_the_starting_answers_sell(menus):
    """So that a fuzzed sale that keeps the right fields can get as far as selling."""
    sold = []
    for column in menus:
        with rolled_back():
            url = reverse("policies:deal-sell", args=[column.deal.pk, column.key])
            response = column.client.post(
                url, {**column.valid, **disclosure(), **column.page, "sell": ""}
            )
            if response.status_code == 302:
                sold.append(column.key)
    assert {"smart-cover", "motor-uk", "au-comprehensive", "furto-danni-rosso"} <= set(sold)


def assert_a_valid_policy(policy, column):
    assert policy.deal_id == column.deal.pk
    assert policy.product.code == column.key.split("-blu")[0].split("-rosso")[0].split("-giallo")[0]
    for amount in (policy.net_premium, policy.tax_total, policy.fee_total, policy.commission):
        assert amount >= 0
    assert policy.total_premium == policy.net_premium + policy.tax_total + policy.fee_total
    assert policy.total_premium > 0
    assert policy.start_date <= policy.end_date
    assert policy.term_months >= 1
    for key in ("invoice_price", "vehicle_value", "agreed_value", "market_value"):
        if key in policy.answers:
            assert Decimal(policy.answers[key]) >= 0
    if "first_registration" in policy.answers:  # a car is registered before it is sold
        registered = date.fromisoformat(policy.answers["first_registration"])
        assert registered <= date.fromisoformat(policy.answers.get("sale_date", str(TODAY)))


def sale_attempts(menus):
    return st.sampled_from(menus).flatmap(
        lambda c: st.tuples(st.just(c), mutations_of({**c.valid, **disclosure(), **c.page}))
    )


def test_a_hostile_sale_is_refused_with_the_form_or_sells_a_valid_policy(menus):
    outcomes = set()

    @FUZZ
    @given(attempt=sale_attempts(menus))
    def sale(attempt):
        column, body = attempt
        url = reverse("policies:deal-sell", args=[column.deal.pk, column.key])
        with rolled_back():
            before = set(Policy.objects.values_list("pk", flat=True))
            response = column.client.post(url, {**body, "sell": ""})
            new = Policy.objects.exclude(pk__in=before)
            outcomes.add(response.status_code)
            if response.status_code == 200:
                assert not new.exists()
                assert b'name="disclosure-acknowledged"' in response.content
            else:
                assert response.status_code == 302
                policy = new.get()
                # back to the menu, the product marked sold with its policy
                assert response["Location"] == reverse("policies:deal-menu", args=[column.deal.pk])
                assert_a_valid_policy(policy, column)
                page = column.client.get(response["Location"])
                assert page.status_code == 200

    sale()
    assert outcomes == {200, 302}  # the fuzzing reached both: refusals and sales


def test_a_hostile_answer_is_priced_or_explained_never_an_error(menus):
    @FUZZ
    @given(attempt=sale_attempts(menus))
    def price(attempt):
        column, body = attempt
        url = reverse("policies:deal-price", args=[column.deal.pk, column.key])
        with rolled_back():
            response = column.client.post(url, body)
            assert response.status_code == 200
            assert b"<html" not in response.content  # the fragment HTMX swaps in

    price()


NEEDS = ["needs", "existing_cover", "budget", "notes"]


def test_hostile_demands_and_needs_are_refused_or_recorded_as_the_form_cleaned_them(menus):
    deals = list({c.deal.pk: c for c in menus}.values())
    valid = {"needs": [], "existing_cover": "None", "budget": "£500", "notes": "Parks outside"}

    @FUZZ
    @given(column=st.sampled_from(deals), body=mutations_of(valid, NEEDS))
    def needs(column, body):
        url = reverse("policies:deal-needs", args=[column.deal.pk])
        with rolled_back():
            response = column.client.post(url, body)
            assert response.status_code == 302
            assert response["Location"] == reverse("policies:deal-menu", args=[column.deal.pk])
            record = DemandsNeeds.objects.filter(deal=column.deal).first()
            if record is not None:
                choices = dict(pos.needs_of(pos.products_offered(column.deal)))
                assert set(record.answers["needs"]) <= set(choices)
                assert len(record.answers["existing_cover"]) <= 200
                assert len(record.answers["budget"]) <= 60
                assert "\x00" not in str(record.answers)
                assert column.client.get(response["Location"]).status_code == 200

    needs()


def test_a_hostile_decline_is_refused_or_recorded_with_a_known_reason(menus):
    valid = {"reason_code": "has_cover", "reason": "Insured elsewhere"}

    @FUZZ
    @given(column=st.sampled_from(menus), body=mutations_of(valid))
    def decline(column, body):
        code = pos.menu_column(column.deal, column.key).product.code
        url = reverse("policies:deal-decline", args=[column.deal.pk, code])
        with rolled_back():
            response = column.client.post(url, body)
            assert response.status_code == 302
            offer = Offer.objects.filter(deal=column.deal).first()
            if offer is not None:
                assert offer.reason_code in DeclineReason.values
                assert len(offer.reason) <= 300
                if offer.reason_code == DeclineReason.OTHER:
                    assert offer.reason.strip()

    decline()


def test_a_hostile_column_key_or_deal_is_not_found(menus):
    column = menus[0]

    @FUZZ
    @given(key=st.text(st.characters(codec="utf-8", exclude_characters="/?#%"), min_size=1))
    def unknown(key):
        if key in {c.key for c in menus}:
            return
        url = reverse("policies:deal-price", args=[column.deal.pk, "x"])[: -len("x/")]
        response = column.client.post(url + key + "/", column.valid)
        assert response.status_code == 404

    unknown()


def test_a_list_where_one_answer_is_expected_is_refused_or_read_as_one(menus):
    """The browser sends a field twice: the form reads the last value, never the list."""

    @FUZZ
    @given(column=st.sampled_from(menus), data=st.data())
    def twice(column, data):
        name = data.draw(st.sampled_from(sorted(column.valid)))
        body = {**column.valid, name: data.draw(st.lists(VALUE.filter(lambda v: isinstance(v, str)),
                                                         min_size=2, max_size=3))}  # fmt: skip
        url = reverse("policies:deal-price", args=[column.deal.pk, column.key])
        with rolled_back():
            assert column.client.post(url, body).status_code == 200

    twice()


def date_fields(column) -> list[str]:
    form = pos.menu_column(column.deal, column.key).form
    return sorted(f"{form.prefix}-{name}" for name, field in form.fields.items()
                  if isinstance(field, forms.DateField))  # fmt: skip


def test_a_date_at_either_end_of_the_calendar_is_priced_refused_or_sold_never_an_error(menus):
    """Every date the menu asks, alone with the other answers valid: years 1 and 9999
    too, from which the rules' anniversaries and terms fall off the calendar."""
    dated = [(c, key) for c in menus for key in date_fields(c)]

    @FUZZ
    @given(pick=st.sampled_from(dated), value=DATE, key=st.uuids())
    def one_date(pick, value, key):
        column, name = pick
        body = {**column.valid, **disclosure(), name: value}
        with rolled_back():
            price = reverse("policies:deal-price", args=[column.deal.pk, column.key])
            assert column.client.post(price, body).status_code == 200
            sell = reverse("policies:deal-sell", args=[column.deal.pk, column.key])
            response = column.client.post(sell, {**body, "sell": "", "submission_key": key.hex})
            assert response.status_code in (200, 302)
            if response.status_code == 302:
                assert_a_valid_policy(Policy.objects.get(submission_key=key.hex), column)

    one_date()


def furto(menus, package="rosso") -> Column:
    return next(c for c in menus if c.key == f"furto-danni-{package}")


def test_a_hidden_answer_posted_back_is_ignored_and_the_deals_own_is_sold(menus):
    """Found by fuzzing: a Furto e Danni sale dated in the year 1 by its hidden field."""
    column = furto(menus)
    p = column.key
    url = reverse("policies:deal-sell", args=[column.deal.pk, column.key])
    body = {**column.valid, **disclosure(), **column.page, "sell": "",
            f"{p}-sale_date": "0001-01-01",
            f"{p}-package": "blu", f"{p}-vehicle_type": "autocarro"}  # fmt: skip
    assert column.client.post(url, body).status_code == 302
    answers = Policy.objects.get().answers
    assert (answers["sale_date"], answers["package"], answers["vehicle_type"]) == (
        column.valid[f"{p}-sale_date"], "rosso", column.valid[f"{p}-vehicle_type"])  # fmt: skip


def test_a_vehicle_registered_after_the_sale_is_refused(menus):
    """Found by fuzzing: a car first registered next year was insured today. The date is
    the vehicle record's: one typed into the page is not taken."""
    for column in [furto(menus), next(c for c in menus if c.key == "smart-combined-gap")]:
        url = reverse("policies:deal-sell", args=[column.deal.pk, column.key])
        later = TODAY + timedelta(days=30)
        type(column.deal.vehicle).objects.filter(pk=column.deal.vehicle.pk).update(
            first_registration_date=later, delivery_date=later
        )
        body = {**column.valid, **disclosure(), **column.page, "sell": "",
                f"{column.key}-first_registration": TODAY.isoformat()}  # fmt: skip
        response = column.client.post(url, body)
        assert response.status_code == 200
        with translation.override(column.deal.salesperson.language):
            message = escape(gettext("First registration cannot be after the sale date."))
        assert message in response.content.decode()
        assert not Policy.objects.exists()
