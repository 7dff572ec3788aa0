"""Every dashboard figure against values worked out by hand on a small book, the scoping
(a sales manager never sees another dealer's figures), the filters, CSV, and a constant
number of queries per page.

The book (this month unless said):
- Lexus Manchester (UK, group A): 4 deals. Sam sells SMART Cover on deal 1 and Asset
  Protector on deal 2 and declines motor on deal 1 (price); Kim sells motor on deal 4;
  deal 3 declines SMART Cover (has cover). A claim on Sam's SMART Cover is paid £100.
- Lexus Leeds (UK, group A): 2 deals; SMART Cover sold on one, then cancelled.
- Lexus Roma (IT): 2 deals; Furto e Danni sold on one.
- Lexus Bristol (UK, group B): 1 deal, Asset Protector sold.
- smart Centre (UK, a smart retailer): 1 deal, smart Combined GAP sold: its deals are not
  the Lexus products' vehicles retailed.
"""

import csv
import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dashboards.refresh import dashboards_refresh
from dealers.models import DealerGroup
from policies.disclosure import offer_decide
from policies.models import Decision, Policy
from policies.selectors import product_get
from servicing.cancellation import policy_cancel
from tests.claims.helpers import ROSSO
from tests.dealers.factories import DealerFactory, DealFactory, UserFactory
from tests.policies.selling import GAP, MOTOR, SMART, TODAY, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def deal(dealer, seller):
    return DealFactory(dealer=dealer, vehicle__dealer=dealer, vehicle__customer__dealer=dealer,
                       salesperson=seller, deal_date=TODAY)  # fmt: skip


def sold(d, code, answers, seller):
    disclosed(d, code, given_on=TODAY - timedelta(days=3))
    return sell(d, code, answers, key=f"{d.pk}-{code}", by=seller)


@pytest.fixture
def book(db, products):
    group_a = DealerGroup.objects.create(name="Group A", market="UK")
    group_b = DealerGroup.objects.create(name="Group B", market="UK")
    man = DealerFactory(market="UK", name="Lexus Manchester", group=group_a)
    leeds = DealerFactory(market="UK", name="Lexus Leeds", group=group_a)
    bristol = DealerFactory(market="UK", name="Lexus Bristol", group=group_b)
    roma = DealerFactory(market="IT", name="Lexus Roma")
    sam = UserFactory(dealer=man, first_name="Sam", last_name="Seller")
    kim = UserFactory(dealer=man, first_name="Kim", last_name="Keen")
    d1, d2, d3, d4 = deal(man, sam), deal(man, sam), deal(man, sam), deal(man, kim)
    smart = sold(d1, "smart-cover", SMART, sam)
    ap = sold(d2, "asset-protector", GAP, sam)
    motor = sold(d4, "motor-uk", MOTOR, kim)
    offer_decide(deal=d1, product=product_get("motor-uk"), decision=Decision.DECLINED,
                 reason_code="price", decided_by=sam)  # fmt: skip
    offer_decide(deal=d3, product=product_get("smart-cover"), decision=Decision.DECLINED,
                 reason_code="has_cover", decided_by=sam)  # fmt: skip
    leeds_seller = UserFactory(dealer=leeds)
    l1, _l2 = deal(leeds, leeds_seller), deal(leeds, leeds_seller)
    cancelled = sold(l1, "smart-cover", SMART, leeds_seller)
    cancelled = policy_cancel(policy=cancelled, on=TODAY, reason="Changed mind",
                              cancelled_by=leeds_seller)  # fmt: skip
    roma_seller = UserFactory(dealer=roma)
    r1, _r2 = deal(roma, roma_seller), deal(roma, roma_seller)
    furto = sold(r1, "furto-danni", {**ROSSO, "duration_years": 1, "first_registration": TODAY,
                                     "sale_date": TODAY}, roma_seller)  # fmt: skip
    bristol_seller = UserFactory(dealer=bristol)
    other = sold(deal(bristol, bristol_seller), "asset-protector", GAP, bristol_seller)
    retailer = DealerFactory(market="UK", name="smart Centre", brand="smart")
    smart_seller = UserFactory(dealer=retailer)
    smart_gap = sold(deal(retailer, smart_seller), "smart-combined-gap",
                     {**GAP, "first_registration": TODAY}, smart_seller)  # fmt: skip
    claim = _paid_claim(smart, D("100.00"))
    dashboards_refresh()
    return locals()


def _paid_claim(policy, amount):
    from claims.services import claim_move
    from tests.claims.helpers import notify

    handler = UserFactory(role="head_office", dealer=None)
    claim = notify(policy, "scratch", loss_date=TODAY, diameter_mm="50", depth_mm="1",
                   aware_date=TODAY)  # fmt: skip
    for action, extra in (
        ("assess", {}),
        ("approve", {"amount": amount, "reason": "Repair invoice"}),
        ("settle", {"amount": amount, "payee": "SMART Repair Ltd"}),
    ):
        claim = claim_move(claim=claim, action=action, by=handler, **extra)
    return claim


def page(client, user, name="sales", **query):
    client.force_login(user)
    response = client.get(reverse("dashboards:page", args=[name]), query)
    assert response.status_code == 200
    return {t.key: t for t in response.context["tables"]}


def rows(table, **match):
    return [r for r in table.rows if all(r.get(k) == v for k, v in match.items())]


@pytest.fixture
def head_office(db):
    return UserFactory(role="head_office", dealer=None)


# --- sales ---------------------------------------------------------------------------------


def test_sales_by_product_add_up_the_policies_of_each_market(client, book, head_office):
    b = book
    tables = page(client, head_office)
    (smart,) = rows(tables["by_product"], product="Lexus SMART Cover")
    assert (smart["new"], smart["gwp"]) == (2, b["smart"].net_premium + b["cancelled"].net_premium)
    assert smart["commission"] == b["smart"].commission + b["cancelled"].commission
    (ap,) = rows(tables["by_product"], product="Lexus Asset Protector (GAP)")
    assert (ap["new"], ap["gwp"]) == (2, b["ap"].net_premium + b["other"].net_premium)
    assert ap["deals"] == 7  # the UK Lexus deals: 4 + 2 + 1, not the smart retailer's
    (gap,) = rows(tables["by_product"], product="smart Combined GAP")
    assert (gap["new"], gap["deals"], gap["gwp"]) == (1, 1, b["smart_gap"].net_premium)
    assert ap["per_vehicle"] == (b["ap"].net_premium + b["other"].net_premium) / 7
    (furto,) = rows(tables["by_product"], product="Polizza Furto e Danni")
    assert (furto["market"], furto["currency"], furto["gwp"], furto["deals"]) == (
        "IT", "EUR", b["furto"].net_premium, 2)  # fmt: skip


def test_sales_by_dealer_and_seller(client, book, head_office):
    b = book
    tables = page(client, head_office)
    (man,) = rows(tables["by_dealer"], dealer="Lexus Manchester")
    expected = sum(p.net_premium for p in (b["smart"], b["ap"], b["motor"]))
    assert (man["new"], man["gwp"], man["deals"]) == (3, expected, 4)
    (sam,) = rows(tables["by_seller"], seller="Sam Seller")
    assert (sam["new"], sam["gwp"]) == (2, b["smart"].net_premium + b["ap"].net_premium)
    (kim,) = rows(tables["by_seller"], seller="Kim Keen")
    assert (kim["new"], kim["commission"]) == (1, b["motor"].commission)


def test_months_are_apart_and_currencies_are_never_added_together(client, book, head_office):
    b = book
    last_month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=15)
    Policy.objects.filter(pk=b["motor"].pk).update(sold_at=b["motor"].sold_at.replace(
        year=last_month.year, month=last_month.month, day=15))  # fmt: skip
    dashboards_refresh()
    tables = page(client, head_office)
    by_month = {(r["month"], r["currency"]): r for r in tables["by_month"].rows}
    this = TODAY.replace(day=1)
    assert by_month[(last_month.replace(day=1), "GBP")]["gwp"] == b["motor"].net_premium
    assert by_month[(this, "EUR")]["gwp"] == b["furto"].net_premium
    assert {cur for _m, cur in by_month} == {"GBP", "EUR"}  # a row a currency


# --- penetration and reasons ---------------------------------------------------------------


def test_penetration_is_deals_with_the_product_over_deals(client, book, head_office):
    tables = page(client, head_office, "penetration")
    (smart,) = rows(tables["by_product"], product="Lexus SMART Cover")
    assert (smart["sold"], smart["deals"], smart["penetration"]) == (2, 7, D(2) / D(7))
    assert (smart["offered"], smart["declined"]) == (3, 1)  # 2 accepted at the sale, 1 declined
    (man,) = rows(tables["by_dealer"], dealer="Lexus Manchester", product="Lexus SMART Cover")
    assert man["penetration"] == D(1) / D(4)
    reasons = {
        (r["product"], r["reason"]): (r["declines"], r["share"]) for r in tables["reasons"].rows
    }
    assert reasons == {("Lexus Motor Insurance", "Too expensive"): (1, D(1)),
                       ("Lexus SMART Cover", "Already covered elsewhere"): (1, D(1))}  # fmt: skip


# --- cancellations, renewals, claims ----------------------------------------------------


def test_cancellations_count_the_refunds(client, book, head_office):
    b = book
    tables = page(client, head_office, "cancellations")
    (smart,) = rows(tables["by_product"], product="Lexus SMART Cover")
    assert (smart["cancellations"], smart["refunds"]) == (1, b["cancelled"].refund)
    assert smart["refunds"] == b["cancelled"].total_premium  # cancelled on day one: in full
    assert smart["rate"] == D(1) / D(2)


def test_renewals_due_renewed_lapsed_and_retention(client, book, head_office):
    from policies.renewals import renewals_run

    b = book
    start = TODAY - timedelta(days=340)
    renewing = sold(deal(b["man"], b["kim"]), "motor-uk", MOTOR, b["kim"])
    lapsing = sold(deal(b["man"], b["kim"]), "motor-uk", MOTOR, b["kim"])
    Policy.objects.filter(pk__in=[renewing.pk, lapsing.pk]).update(
        start_date=start, end_date=start + timedelta(days=365))  # fmt: skip
    Policy.objects.filter(pk=renewing.pk).update(auto_renew=True)
    end = start + timedelta(days=365)
    for days in (21, 3, 0):
        renewals_run(on=end - timedelta(days=days))
    dashboards_refresh()
    tables = page(client, head_office, "renewals", start=f"{end:%Y-%m}", end=f"{end:%Y-%m}")
    (motor,) = rows(tables["by_product"], product="Lexus Motor Insurance")
    assert (motor["due"], motor["renewed"], motor["lapsed"], motor["waiting"]) == (2, 1, 1, 0)
    assert motor["retention"] == D("0.5")


def test_claims_paid_and_the_loss_ratio(client, book, head_office):
    b = book
    tables = page(client, head_office, "claims")
    (smart,) = rows(tables["by_product"], product="Lexus SMART Cover")
    gwp = b["smart"].net_premium + b["cancelled"].net_premium
    assert (smart["claims"], smart["paid"], smart["gwp"]) == (1, D("100.00"), gwp)
    assert smart["loss_ratio"] == D("100.00") / gwp
    (motor,) = rows(tables["by_product"], product="Lexus Motor Insurance")  # written, no claim
    assert (motor["claims"], motor["loss_ratio"]) == (0, 0)


# --- who sees what ---------------------------------------------------------------------


def test_a_sales_manager_sees_their_dealer_only(client, book):
    manager = UserFactory(dealer=book["man"], role="sales_manager")
    tables = page(client, manager)
    assert {r["dealer"] for r in tables["by_dealer"].rows} == {"Lexus Manchester"}
    (smart,) = rows(tables["by_product"], product="Lexus SMART Cover")
    assert (smart["new"], smart["deals"]) == (1, 4)  # not Leeds's
    penetration = page(client, manager, "penetration")
    assert {r["dealer"] for r in penetration["by_dealer"].rows} == {"Lexus Manchester"}


def test_a_group_manager_sees_their_groups_dealers(client, book):
    manager = UserFactory(role="group_manager", dealer=None, dealer_group=book["group_a"])
    dealers = {r["dealer"] for r in page(client, manager)["by_dealer"].rows}
    assert dealers == {"Lexus Manchester", "Lexus Leeds"}


def test_staff_who_are_not_managers_are_refused(client, book):
    client.force_login(book["sam"])
    assert client.get(reverse("dashboards:sales")).status_code == 403


def test_another_dealer_cannot_be_asked_for_in_the_filters(client, book):
    manager = UserFactory(dealer=book["man"], role="sales_manager")
    tables = page(client, manager, dealer=book["leeds"].pk)
    assert {r["dealer"] for r in tables["by_dealer"].rows} == {"Lexus Manchester"}


# --- filters, CSV, queries ---------------------------------------------------------------


def test_the_filters_narrow_every_table(client, book, head_office):
    b = book
    tables = page(client, head_office, dealer=b["man"].pk, seller=b["sam"].pk)
    assert {r["seller"] for r in tables["by_seller"].rows} == {"Sam Seller"}
    client.force_login(head_office)  # hundreds of sellers: the seller filter waits for a dealer
    form = client.get(reverse("dashboards:sales")).context["filter"].form
    assert "seller" not in form.fields and "dealer" in form.fields
    assert page(client, head_office, product=product_get("motor-uk").pk)["by_product"].rows[0][
        "product"] == "Lexus Motor Insurance"  # fmt: skip
    assert {r["market"] for r in page(client, head_office, market="IT")["by_product"].rows} == {
        "IT"
    }
    last_year = f"{TODAY.year - 1}-01"
    assert page(client, head_office, start=last_year, end=last_year)["by_product"].rows == []


def test_every_table_downloads_as_csv_with_its_figures(client, book, head_office):
    client.force_login(head_office)
    response = client.get(reverse("dashboards:page", args=["sales"]), {"csv": "by_dealer"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = list(csv.reader(io.StringIO(response.content.decode())))
    assert data[0][:3] == ["Dealer", "Currency", "Policies sold"]
    manchester = next(r for r in data if r[0] == "Lexus Manchester")
    expected = sum(p.net_premium for p in (book["smart"], book["ap"], book["motor"]))
    assert manchester[1:3] == ["GBP", "3"] and D(manchester[4]) == expected


@pytest.mark.parametrize("name", ["sales", "penetration", "cancellations", "renewals", "claims"])
def test_a_page_makes_the_same_number_of_queries_whatever_the_book(
    client, book, head_office, django_assert_max_num_queries, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(head_office)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboards:page", args=[name]))
    for _ in range(5):  # a bigger book: more dealers' policies
        d = DealerFactory(market="UK")
        sold(deal(d, UserFactory(dealer=d)), "smart-cover", SMART, None)
    dashboards_refresh()
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("dashboards:page", args=[name]))


@pytest.mark.parametrize(
    ("lang", "number", "share"), [("en-gb", "1,234,567", "35.4%"), ("it", "1.234.567", "35,4%")]
)
def test_cells_are_written_as_the_users_language_writes_numbers(lang, number, share):
    from django.utils import translation

    from dashboards.views import CellFormat

    with translation.override(lang):
        cell = CellFormat()
        assert (cell(1234567, "int", None), cell(D("0.35421"), "share", None)) == (number, share)
        assert cell(D("1234.5"), "money", "GBP") == "£1,234.50"  # the market's way, always
        assert cell(None, "int", None) == "–"


def test_every_list_in_the_filters_starts_with_all_and_all_is_what_is_shown(
    client, book, head_office
):
    client.force_login(head_office)
    html = client.get(reverse("dashboards:sales")).content.decode()
    for name in ("market", "dealer", "product"):
        select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        first = select.split("<option", 2)[1]
        assert first.startswith(' value=""') and "All" in first, name
        assert " selected" not in select, name  # nothing chosen: every dealer's figures
