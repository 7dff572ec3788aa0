from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from stdnum.it import codicefiscale

from dealers.models import (
    DEALER_ROLES,
    Customer,
    CustomerKind,
    Deal,
    Dealer,
    DealerGroup,
    DealStatus,
    Role,
    User,
    Vehicle,
)
from demo.customers import codice_fiscale
from demo.data import DEMO_PASSWORD, GROUPS
from demo.loader import demo_logins, load_demo

pytestmark = pytest.mark.django_db

MODELS = (DealerGroup, Dealer, User, Customer, Vehicle, Deal)


def run_load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Load once for the class (about a second) and roll back after its last test; each
    test still runs in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_load_demo()
        transaction.set_rollback(True)


class TestTheLoadedDemo:
    def test_it_sells_declines_cancels_claims_and_renews_and_emails_nobody(self, demo):
        from claims.models import Claim
        from dashboards.models import SalesMonth
        from documents.models import EmailSend
        from policies.models import Offer, Policy

        assert Policy.objects.filter(renewed_from__isnull=True).count() > 300
        assert Policy.objects.filter(renewed_from__isnull=False).exists()
        assert Policy.objects.filter(status="cancelled").exists()
        declined = Offer.objects.filter(decision="declined")
        assert declined.exists() and not declined.filter(reason_code="").exists()
        assert Claim.objects.filter(status="settled").exists()
        assert not EmailSend.objects.exists()
        assert SalesMonth.objects.exists()  # the dashboards' figures are worked out

    def test_asset_protector_is_sold_as_its_seed_allows(self, demo):
        """Seed 000: 36 months from delivery; months 37-48 only with finance longer than
        36 months. The demo's policies keep to it."""
        from policies.models import Policy
        from policies.rules.common import add_months

        sold = Policy.objects.filter(product__code="asset-protector", renewed_from__isnull=True)
        assert sold.filter(term_months=48).exists() and sold.filter(term_months=36).exists()
        for policy in sold.select_related("vehicle"):
            v = policy.vehicle
            assert policy.end_date == add_months(v.delivery_date, policy.term_months)
            assert policy.start_date == max(v.delivery_date, policy.sold_at.date())
            if policy.term_months > 36:
                assert v.finance_type != "cash" and v.finance_term_months > 36, policy.number

    def test_motor_policies_name_their_driver_of_the_age_priced(self, demo):
        """Issue 19: a motor proposal names its drivers; the demo's policyholder drives,
        of the youngest age the policy was priced for."""
        from dealers.plausibility import age_on
        from policies.models import Policy

        sold = Policy.objects.filter(product__code="motor-uk").select_related("customer")
        assert sold.exists()
        for policy in sold:
            [driver] = policy.proposal["drivers"]
            assert driver["name"] == policy.customer.display_name
            born = date.fromisoformat(driver["born"])
            assert age_on(born, policy.sold_at.date()) >= 17
            assert 0 <= driver["licence_years"] <= age_on(born, policy.sold_at.date()) - 17

    def test_it_creates_a_group_per_market_and_the_smart_group(self, demo):
        groups = dict(DealerGroup.objects.values_list("name", "market"))
        assert groups == {
            "Lexus UK Retail": "UK",
            "smart UK Retail": "UK",
            "Lexus Italia Concessionarie": "IT",
            "Lexus Australia Dealers": "AU",
        }
        per_market = Counter(Dealer.objects.values_list("market", flat=True))
        assert per_market == {"UK": 4, "IT": 3, "AU": 3}
        assert Dealer.objects.filter(group__name="smart UK Retail").count() == 1

    def test_dealers_have_the_currency_language_and_regulator_of_their_market(self, demo):
        expected = {
            "UK": ("GBP", "en-gb", "FCA"),
            "IT": ("EUR", "it", "IVASS"),
            "AU": ("AUD", "en-gb", "ASIC"),
        }
        for dealer in Dealer.objects.all():
            dealer.full_clean()
            actual = (dealer.currency, dealer.language, dealer.regulator_name)
            assert actual == expected[dealer.market]
            assert dealer.regulator_number and dealer.company_number and dealer.phone
        assert set(Dealer.objects.filter(market="IT").values_list("language", flat=True)) == {"it"}

    def test_australian_dealers_are_in_three_states(self, demo):
        regions = Dealer.objects.filter(market="AU").values_list("region", flat=True)
        assert sorted(regions) == ["NSW", "QLD", "VIC"]

    def test_every_role_exists_and_every_dealer_has_its_full_staff(self, demo):
        assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
        for dealer in Dealer.objects.all():
            roles = Counter(dealer.staff.values_list("role", flat=True))
            assert roles == {
                Role.SALES_EXECUTIVE: 2,
                Role.BUSINESS_MANAGER: 1,
                Role.SALES_MANAGER: 1,
                Role.DEALER_PRINCIPAL: 1,
            }
        for group in DealerGroup.objects.all():
            assert group.managers.filter(role=Role.GROUP_MANAGER).count() == 1

    def test_one_head_office_user_can_use_the_admin_and_the_other_cannot(self, demo):
        head_office = User.objects.filter(role=Role.HEAD_OFFICE)
        assert head_office.count() == 2
        assert head_office.filter(is_staff=True, is_superuser=True).count() == 1

    def test_the_documented_logins_are_the_users_in_the_database(self, demo):
        logins = demo_logins()
        assert {x.username for x in logins} == set(User.objects.values_list("username", flat=True))
        for login in logins:
            user = User.objects.get(username=login.username)
            assert user.role == login.role
            if user.role in DEALER_ROLES:
                assert user.dealer.name == login.where
            if user.role == Role.GROUP_MANAGER:
                assert user.dealer_group.name == login.where

    def test_every_demo_login_authenticates_with_the_demo_password(self, demo):
        request = RequestFactory().post("/accounts/login/")
        for login in demo_logins():
            user = authenticate(request=request, username=login.username, password=DEMO_PASSWORD)
            assert user is not None, login.username

    def test_italian_staff_have_italian_usernames_and_names(self, demo):
        roma = {x.username: x for x in demo_logins() if x.where == "Lexus Roma"}
        assert set(roma) == {
            "it.vendite",
            "it.vendite2",
            "it.business",
            "it.direttore",
            "it.titolare",
        }
        assert User.objects.get(username="it.vendite").language == "it"

    def test_every_customer_passes_full_clean(self, demo):
        customers = Customer.objects.select_related("dealer")
        for customer in customers:
            customer.full_clean()
        kinds = Counter(customers.values_list("dealer__market", "kind"))
        for market in ("UK", "IT", "AU"):
            assert kinds[(market, CustomerKind.PERSON)] and kinds[(market, CustomerKind.COMPANY)]

    def test_italian_companies_have_a_partita_iva_and_australian_ones_an_abn(self, demo):
        companies = Customer.objects.filter(kind=CustomerKind.COMPANY)
        assert not companies.filter(dealer__market="IT", partita_iva="").exists()
        assert not companies.filter(dealer__market="AU", abn="").exists()
        people = Customer.objects.filter(kind=CustomerKind.PERSON, dealer__market="IT")
        assert not people.filter(codice_fiscale="").exists()

    def test_every_vehicle_passes_full_clean_with_a_vin_of_its_make(self, demo):
        for vehicle in Vehicle.objects.select_related("dealer", "customer"):
            vehicle.full_clean()
            assert vehicle.vin[:3] in {"Lexus": ("JTH", "JTJ"), "smart": ("WME",)}[vehicle.make]
        smart = Vehicle.objects.filter(dealer__group__name="smart UK Retail")
        assert set(smart.values_list("make", flat=True)) == {"smart"}

    def test_vehicles_mix_new_and_used_taxis_luxury_and_every_way_to_pay(self, demo):
        vehicles = Vehicle.objects.all()
        assert set(vehicles.values_list("condition", flat=True)) == {"new", "used"}
        assert set(vehicles.values_list("finance_type", flat=True)) == {
            "cash",
            "finance",
            "pcp",
            "lease",
        }
        italy = vehicles.filter(dealer__market="IT")
        assert italy.filter(vehicle_type="autotassametro").exists()
        assert italy.filter(luxury_brand=True).exists()
        assert not vehicles.exclude(dealer__market="IT").filter(luxury_brand=True).exists()
        financed = vehicles.exclude(finance_type="cash")
        assert not financed.filter(finance_monthly_payment__isnull=True).exists()

    def test_deals_span_at_least_17_months_and_none_is_in_the_future(self, demo):
        today = timezone.localdate()
        dates = list(Deal.objects.values_list("deal_date", flat=True))
        assert max(dates) <= today
        assert len({(d.year, d.month) for d in dates}) >= 17
        assert not Deal.objects.filter(order_date__gt=today).exists()

    def test_each_dealer_has_40_to_80_deals_sold_by_its_own_staff(self, demo):
        for dealer in Dealer.objects.all():
            deals = dealer.deals.select_related("salesperson", "vehicle", "customer")
            assert 40 <= deals.count() <= 80
            for deal in deals:
                assert deal.salesperson.dealer_id == dealer.pk
                assert deal.vehicle.dealer_id == deal.customer.dealer_id == dealer.pk
                assert deal.order_date <= deal.deal_date

    def test_recent_deals_are_open_and_a_few_are_cancelled(self, demo):
        statuses = Counter(Deal.objects.values_list("status", flat=True))
        assert statuses[DealStatus.DELIVERED] > statuses[DealStatus.OPEN] > 0
        assert 0 < statuses[DealStatus.CANCELLED] < statuses[DealStatus.DELIVERED] / 5
        first_day = timezone.localdate() - timedelta(days=548)
        assert not Deal.objects.filter(deal_date__lt=first_day).exists()

    def test_running_it_twice_changes_no_counts_and_says_it_skipped(self, demo):
        before = counts()
        output = run_load_demo()
        assert counts() == before
        assert "skipped" in output

    def test_a_second_run_costs_one_query_for_dealers_and_one_for_products(
        self, demo, django_assert_num_queries
    ):
        with django_assert_num_queries(2):
            run_load_demo()

    def test_it_prints_every_login_and_the_password(self, demo):
        assert DEMO_PASSWORD in demo
        for login in demo_logins():
            assert login.username in demo


def test_it_gives_the_same_data_on_every_run_on_the_same_day():
    def fingerprint():
        with transaction.atomic():
            load_demo(today=timezone.localdate())
            rows = list(
                Vehicle.objects.order_by("vin").values_list(
                    "vin", "registration", "invoice_price", "deal__deal_date", "customer__email"
                )
            )
            transaction.set_rollback(True)
        return rows

    assert fingerprint() == fingerprint()


def test_it_refuses_a_half_loaded_demo():
    DealerGroup.objects.create(name=GROUPS[0].name, market=GROUPS[0].market)
    with pytest.raises(CommandError, match="not all"):
        run_load_demo()


def test_it_never_runs_with_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError, match="production"):
        run_load_demo()
    assert counts()["DealerGroup"] == 0


@pytest.mark.parametrize(
    ("first", "last", "born", "sex", "town", "expected"),
    [
        ("Mario", "Rossi", date(1985, 12, 10), "M", "A562", "RSSMRA85T10A562S"),
        ("Emanuele", "Ricci", date(1983, 11, 18), "M", "D969", "RCCMNL83S18D969H"),
        ("Chiara", "Conti", date(1983, 12, 1), "F", "D969", "CNTCHR83T41D969D"),
    ],
)
def test_codice_fiscale_matches_published_examples(first, last, born, sex, town, expected):
    assert codice_fiscale(first, last, born, sex, town) == expected
    assert codicefiscale.is_valid(expected)
