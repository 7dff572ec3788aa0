"""Hostile input through the claim forms, as the salesperson who sold the policy: the
notification, the change of facts and the workflow's moves, for every product.

Whatever is posted, a page answers (the test client re-raises a view's exception): the
form again with its errors, or a redirect to the claim. A refused notification leaves
no claim and a refused edit leaves the claim as it was; what is accepted is a claim
whose facts read back through its form, with dates in order, and whose page (with its
assessment of those facts) shows. Each example is rolled back afterwards."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from claims.forms import MoneyField, facts_typed
from claims.models import Claim, ClaimStatus
from claims.services import claim_move
from policies.models import Policy
from products.registry import product_definition
from tests.dealers.factories import DealerFactory
from tests.hostile import FUZZ, mutations_of
from tests.policies.selling import TODAY
from tests.policies.test_form_fuzzing import rolled_back

from .helpers import claim_data, keyed, notify, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

# Facts each product's form needs beyond what the policy prefills.
FACTS = {
    "asset-protector": ("written_off", {"insurer_settlement": "15000"}),
    "smart-combined-gap": ("written_off", {"insurer_settlement": "15000"}),
    "smart-lease-gap": ("stolen", {"insurer_settlement": "15000", "finance_settlement": "20000"}),
    "smart-cover": ("dent", {"diameter_mm": "10", "depth_mm": "1",
                             "aware_date": TODAY - timedelta(days=2)}),
    "motor-uk": ("accidental_damage", {"cost": "900", "at_fault": "True"}),
    "furto-danni": ("kasko_base", {"damage": "1500", "in_network": "True"}),
    "au-comprehensive": ("accident", {"driver_age": "40", "repair_cost": "2500",
                                      "at_fault": "True"}),
}  # fmt: skip


@dataclass
class Claimable:
    policy: Policy
    client: Client
    valid: dict

    def __repr__(self):
        return f"Claimable({self.policy.product.code})"


@pytest.fixture
def policies(uk_dealer, it_dealer, au_dealer) -> list[Claimable]:
    smart = DealerFactory(market="UK", brand="smart")
    dealers = {"furto-danni": it_dealer, "au-comprehensive": au_dealer,
               "smart-combined-gap": smart, "smart-lease-gap": smart}  # fmt: skip
    out = []
    for code, (event, facts) in FACTS.items():
        plan = "annual" if code == "au-comprehensive" else "single"
        policy = sold(dealers.get(code, uk_dealer), code, plan=plan)
        client = Client()
        client.force_login(policy.sold_by)
        out.append(
            Claimable(
                policy, client, keyed(policy, policy.sold_by, claim_data(policy, event, **facts))
            )
        )
    return out


def assert_a_valid_claim(claim: Claim, client: Client):
    today = timezone.localdate()
    assert claim.loss_date <= claim.reported_date <= today
    form_class = product_definition(claim.policy.product.code).claim_form
    assert claim.event in dict(form_class.EVENTS)
    facts = facts_typed(claim)  # raises if the stored facts no longer read back
    for name, value in facts.items():
        if isinstance(form_class.base_fields.get(name), MoneyField):
            assert value >= 0, (name, value)
    assert "\x00" not in str(claim.facts) + claim.description
    page = client.get(reverse("claims:claim-detail", args=[claim.pk]))
    assert page.status_code == 200


def test_every_products_starting_facts_are_accepted(policies):
    for claimable in policies:
        with rolled_back():
            url = reverse("claims:claim-notify", args=[claimable.policy.pk])
            response = claimable.client.post(url, claimable.valid)
            assert response.status_code == 302, (claimable, response.context["form"].errors)


def test_a_hostile_notification_is_refused_with_the_form_or_makes_a_valid_claim(policies):
    outcomes = set()

    @FUZZ
    @given(attempt=st.sampled_from(policies).flatmap(
        lambda c: st.tuples(st.just(c), mutations_of(c.valid))))  # fmt: skip
    def notification(attempt):
        claimable, body = attempt
        url = reverse("claims:claim-notify", args=[claimable.policy.pk])
        with rolled_back():
            response = claimable.client.post(url, body)
            outcomes.add(response.status_code)
            claims = Claim.objects.filter(policy=claimable.policy)
            if response.status_code == 200:
                assert not claims.exists()
                assert b'name="loss_date"' in response.content
            else:
                assert response.status_code == 302
                claim = claims.get()
                assert response["Location"] == reverse("claims:claim-detail", args=[claim.pk])
                assert_a_valid_claim(claim, claimable.client)

    notification()
    assert outcomes == {200, 302}


@pytest.fixture
def claims(policies) -> list[tuple[Claimable, Claim]]:
    out = []
    for claimable in policies:
        event, facts = FACTS[claimable.policy.product.code]
        out.append((claimable, notify(claimable.policy, event, **facts)))
    return out


def as_stored(claim: Claim) -> tuple:
    claim.refresh_from_db()
    return claim.event, claim.loss_date, claim.reported_date, claim.description, claim.facts


def test_a_hostile_change_of_facts_is_refused_with_the_form_or_keeps_the_claim_valid(claims):
    outcomes = set()

    @FUZZ
    @given(attempt=st.sampled_from(claims).flatmap(
        lambda pair: st.tuples(st.just(pair), mutations_of(pair[0].valid))))  # fmt: skip
    def edit(attempt):
        (claimable, claim), body = attempt
        url = reverse("claims:claim-edit", args=[claim.pk])
        with rolled_back():
            before = as_stored(claim)
            response = claimable.client.post(url, body)
            outcomes.add(response.status_code)
            if response.status_code == 200:
                assert as_stored(claim) == before
                assert b'name="loss_date"' in response.content
            else:
                assert response.status_code == 302
                assert response["Location"] == reverse("claims:claim-detail", args=[claim.pk])
                assert_a_valid_claim(Claim.objects.get(pk=claim.pk), claimable.client)

    edit()
    assert outcomes == {200, 302}


ACTIONS = ["assess", "approve", "decline", "settle", "close", "withdraw", "reopen", "x"]
# How a claim gets to each status a move starts from (head office moves it).
ROUTES = {"notified": [], "under_assessment": ["assess"], "approved": ["assess", "approve"],
          "declined": ["assess", "decline"]}  # fmt: skip


def test_a_hostile_move_is_refused_or_made_and_always_answers_with_the_claim(claims, head_office):
    """By the salesperson or by head office, from each status, with any reason, amount
    and payee: a redirect to the claim, whose page shows, and an amount never negative."""
    handler = Client()
    handler.force_login(head_office)
    valid = {"reason": "Photos received", "amount": "100.00", "payee": "The customer"}

    @FUZZ
    @given(pair=st.sampled_from(claims), route=st.sampled_from(sorted(ROUTES)),
           by_head_office=st.booleans(), action=st.sampled_from(ACTIONS),
           body=mutations_of(valid))  # fmt: skip
    def move(pair, route, by_head_office, action, body):
        claimable, claim = pair
        client = handler if by_head_office else claimable.client
        with rolled_back():
            for step in ROUTES[route]:
                claim_move(claim=claim, action=step, by=head_office, reason="-", amount=1)
            url = reverse("claims:claim-move", args=[claim.pk, action])
            response = client.post(url, body)
            assert response.status_code == 302
            assert response["Location"] == reverse("claims:claim-detail", args=[claim.pk])
            claim.refresh_from_db()
            assert claim.status in ClaimStatus.values
            if claim.approved_amount is not None:
                assert claim.approved_amount >= 0
            assert client.get(response["Location"]).status_code == 200

    move()
