"""The value measures (issue 21) against figures worked by hand on the small book of
tests/dashboards/value_book.py (its docstring tells the book), for head office, a group
manager and a dealer's sales manager, by product, dealer and month, and as CSV."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dashboards.refresh import dashboards_refresh
from tests.dealers.factories import UserFactory

from .value_book import PERIOD, START, THIS_MONTH, value_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def book(products):
    made = value_book()
    dashboards_refresh()
    return made


def tables(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("dashboards:page", args=["value"]), {**PERIOD, **query})
    assert response.status_code == 200
    return {t.key: t for t in response.context["tables"]}


def only(rows, **match):
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


def test_the_dealers_sales_manager_sees_the_dealers_measures_worked_by_hand(client, book):
    """Lexus Manchester alone:
    - in force at the start: P1, P2 = 2; at the end: P1, P3 (P2, P4 cancelled) = 2; average 2;
    - claims registered 3 (C1, C2, C3) less 1 walkaway (C3) = 2; frequency 2 / 2 = 1;
    - decisions: 1 accepted (C1), 1 declined (C2): acceptance 1 / 2;
    - settled 1 (C1) for £300.00: average pay-out £300.00;
    - claims complaints 1 / claims registered 3;
    - GWP (P3 + P4) £400 + £600 = £1,000; paid £300 / £1,000 = 0.3; commission (£100 +
      £150) £250 / £1,000 = 0.25;
    - sold 2 (P3, P4): P4 cancelled within cooling-off 1 / 2, P2 after it 1 / 2;
    - offered 6 (the four sales' and two declined), declined 2: 2 / 6."""
    manager = UserFactory(role="sales_manager", dealer=book["man"])
    row = only(tables(client, manager)["by_product"].rows)
    assert row["product"] == "Lexus SMART Cover" and row["currency"] == "GBP"
    assert (row["in_force_start"], row["in_force_end"], row["in_force"]) == (2, 2, D(2))
    assert row["claims_frequency"] == D(1)
    assert row["acceptance"] == D("0.5")
    assert row["average_payout"] == D("300.00")
    assert row["claim_complaints"] == D(1) / D(3)
    assert (row["gwp"], row["paid"], row["commission"]) == (D("1000.00"), D("300.00"), D("250.00"))
    assert row["payout_share"] == D("0.3")
    assert row["commission_share"] == D("0.25")
    assert (row["written"], row["cancelled_within"], row["cancelled_after"]) == (
        2,
        D("0.5"),
        D("0.5"),
    )
    assert row["declined_share"] == D(2) / D(6)


def test_a_sales_manager_never_sees_another_dealers_figures(client, book):
    """Leeds' manager: L1 only (GWP £500, commission £200 = 0.4; its one offer accepted:
    declined 0 / 1); nothing of Manchester's claims (so nothing to divide by: None)."""
    manager = UserFactory(role="sales_manager", dealer=book["leeds"])
    found = tables(client, manager)
    assert {r["dealer"] for r in found["by_dealer"].rows} == {"Lexus Leeds"}
    row = only(found["by_product"].rows)
    assert (row["gwp"], row["commission_share"]) == (D("500.00"), D("0.4"))
    assert (row["in_force_start"], row["in_force_end"]) == (0, 1)
    assert row["claims_frequency"] == D(0)  # no claim over half a policy on average
    assert row["acceptance"] is None and row["average_payout"] is None
    assert row["claim_complaints"] is None and row["declined_share"] == D(0)
    manchester = tables(client, manager, dealer=book["man"].pk)  # asking does not help
    assert {r["dealer"] for r in manchester["by_dealer"].rows} <= {"Lexus Leeds"}


def test_a_group_manager_sees_the_group_and_head_office_every_dealer(client, book):
    """Group A (Manchester, Leeds): GWP £1,000 + £500 = £1,500; commission £250 + £200 =
    £450: 0.3; paid £300 / £1,500 = 0.2; in force 2 at the start, 3 at the end (P1, P3,
    L1): average 2.5, frequency 2 / 2.5 = 0.8; sold 3: 1 / 3 within, 1 / 3 after.
    Head office adds Bristol (£100, commission £10): GWP £1,600, commission £460 =
    0.2875; paid £300 / £1,600 = 0.1875; in force 2 and 4: average 3, frequency 2 / 3;
    sold 4: 1 / 4 within and after."""
    group = UserFactory(role="group_manager", dealer=None, dealer_group=book["group_a"])
    row = only(tables(client, group)["by_product"].rows)
    assert (row["gwp"], row["commission_share"], row["payout_share"]) == (
        D("1500.00"), D("0.3"), D("0.2"))  # fmt: skip
    assert (row["in_force"], row["claims_frequency"]) == (D("2.5"), D("0.8"))
    assert (row["cancelled_within"], row["cancelled_after"]) == (D(1) / D(3), D(1) / D(3))
    head_office = UserFactory(role="head_office", dealer=None)
    found = tables(client, head_office)
    row = only(found["by_product"].rows)
    assert (row["gwp"], row["commission_share"], row["payout_share"]) == (
        D("1600.00"), D("0.2875"), D("0.1875"))  # fmt: skip
    assert (row["in_force"], row["claims_frequency"]) == (D(3), D(2) / D(3))
    assert (row["cancelled_within"], row["cancelled_after"]) == (D("0.25"), D("0.25"))
    assert [r["dealer"] for r in found["by_dealer"].rows] == [
        "Lexus Bristol", "Lexus Leeds", "Lexus Manchester"]  # fmt: skip
    narrowed = tables(client, head_office, dealer=book["man"].pk)
    assert only(narrowed["by_product"].rows)["gwp"] == D("1000.00")


def test_the_months_give_the_trend_with_the_policies_in_force_at_each_boundary(client, book):
    """Manchester by month: P1 and P2 in force from before the period, so 2 at the start
    and end of the two months before this one, with nothing else; this month starts with 2
    and ends with 2 (P2 and P4 out, P3 in) and has every figure of the period."""
    manager = UserFactory(role="sales_manager", dealer=book["man"])
    months = tables(client, manager)["by_month"].rows
    assert [r["month"] for r in months] == [START, months[1]["month"], THIS_MONTH]
    for r in months[:2]:
        assert (r["in_force_start"], r["in_force_end"], r["written"], r["registered"]) == (
            2, 2, 0, 0)  # fmt: skip
        assert r["claims_frequency"] == D(0) and r["payout_share"] is None
    this = months[2]
    assert (this["in_force_start"], this["in_force_end"], this["written"]) == (2, 2, 2)
    assert (this["claims_frequency"], this["payout_share"]) == (D(1), D("0.3"))


def test_each_table_downloads_as_csv_with_the_same_figures(client, book):
    manager = UserFactory(role="sales_manager", dealer=book["man"])
    client.force_login(manager)
    response = client.get(
        reverse("dashboards:page", args=["value"]), {**PERIOD, "csv": "by_product"}
    )
    assert response["Content-Type"].startswith("text/csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode())))
    values = dict(zip(header, row, strict=True))
    assert values["Product"] == "Lexus SMART Cover"
    assert values["Gross written premium"] == "1000.00"
    assert values["Commission of premium"] == "0.2500"
    assert values["Claims paid of premium"] == "0.3000"
    assert values["Average claim pay-out"] == "300.00"
    assert values["Claims frequency"] == "1.0000"


def test_the_page_shows_each_measures_definition_with_its_reading(client, book):
    manager = UserFactory(role="sales_manager", dealer=book["man"])
    client.force_login(manager)
    html = client.get(reverse("dashboards:page", args=["value"]), PERIOD).content.decode()
    assert "What each figure means" in html
    assert html.count("Reading:") >= 9
    assert "Fair value pack" not in html  # head office's only


def test_sellers_are_no_filter_of_the_value_page(client, book):
    manager = UserFactory(role="sales_manager", dealer=book["man"])
    client.force_login(manager)
    response = client.get(reverse("dashboards:page", args=["value"]), PERIOD)
    assert "seller" not in response.context["filter"].form.fields
