"""The policy list and detail pages: scoped to the user's dealer, filtered, with the
breakdown, instalments and the trail of who did what."""

import pytest
from django.urls import reverse

from policies.models import Policy
from tests.dealers.factories import DealerFactory, UserFactory

from .selling import MOTOR, SMART, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def sold(uk_dealer):
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover")
    return sell(deal, "smart-cover", SMART)


def test_staff_see_their_dealers_policies_and_not_anothers(client, sold):
    other = deal_for(DealerFactory(market="UK"))
    disclosed(other, "motor-uk")
    theirs = sell(other, "motor-uk", MOTOR)
    client.force_login(sold.sold_by)
    page = client.get(reverse("policies:policy-list")).content.decode()
    assert sold.number in page and theirs.number not in page
    assert client.get(reverse("policies:policy-detail", args=[theirs.pk])).status_code == 404


def test_head_office_sees_every_policy(client, sold, head_office):
    client.force_login(head_office)
    assert sold.number in client.get(reverse("policies:policy-list")).content.decode()


def test_the_list_filters_by_number_and_status(client, sold):
    client.force_login(sold.sold_by)
    url = reverse("policies:policy-list")
    assert sold.number in client.get(url, {"q": sold.number}).content.decode()
    assert sold.number not in client.get(url, {"q": "LSC-999999"}).content.decode()
    assert sold.number not in client.get(url, {"status": "cancelled"}).content.decode()


def test_the_detail_shows_the_breakdown_instalments_and_who_sold_it(client, sold):
    client.force_login(sold.sold_by)
    page = client.get(reverse("policies:policy-detail", args=[sold.pk])).content.decode()
    # demo SMART Cover 12 months: £199.00 net, IPT 20% £39.80, £238.80
    for figure in ("£199.00", "£39.80", "£238.80"):
        assert figure in page
    assert sold.sold_by.get_full_name() in page
    assert ">Sold<" in page


def test_an_italian_dealer_reads_the_pages_in_italian(client, it_dealer):
    user = UserFactory(dealer=it_dealer)
    client.force_login(user)
    page = client.get(reverse("policies:policy-list")).content.decode()
    assert "Polizze" in page and "Numero di polizza" in page


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("policies:policy-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_change_made_by_no_one_shows_a_dash_in_the_trail(client, sold):
    # The daily renewal job changes policies outside any request: its history rows have no
    # user. The page once raised on them (a filter argument looked up on None).
    policy = Policy.objects.get(pk=sold.pk)
    policy._change_reason = "Renewal invitation sent"
    policy.save()
    assert policy.history.filter(history_user__isnull=True).exists()
    client.force_login(sold.sold_by)
    response = client.get(reverse("policies:policy-detail", args=[sold.pk]))
    assert response.status_code == 200
    assert "<td>–</td><td>Renewal invitation sent</td>" in response.content.decode()
