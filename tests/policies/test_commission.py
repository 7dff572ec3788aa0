"""The dealer's commission: a share of the net premium, per product and dealer, from a
date (data head office edits); each policy keeps the commission of its sale."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from policies.models import CommissionRate, Policy
from policies.selectors import commission_rate, product_get
from tests.dealers.factories import DealerFactory

from .selling import GAP, MOTOR, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def sold(dealer, code="asset-protector", answers=GAP, on=TODAY):
    deal = deal_for(dealer)
    disclosed(deal, code, given_on=on - timedelta(days=3))
    return sell(deal, code, answers, on=on)


def share(rate, net):
    return (rate * net).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_a_sale_earns_the_products_rate_of_the_net_premium(uk_dealer):
    policy = sold(uk_dealer)  # demo rate for Asset Protector: 25%
    assert policy.commission == share(D("0.25"), policy.net_premium) > 0


def test_a_dealers_own_rate_comes_before_the_products(uk_dealer):
    other = DealerFactory(market="UK")
    product = product_get("asset-protector")
    CommissionRate.objects.create(product=product, dealer=uk_dealer, rate=D("0.3000"),
                                  effective_from=date(2024, 1, 1))  # fmt: skip
    assert sold(uk_dealer).commission == share(D("0.30"), sold(uk_dealer).net_premium)
    assert sold(other).commission == share(D("0.25"), sold(other).net_premium)


def test_a_rate_counts_from_its_date_and_a_policy_keeps_the_rate_it_was_sold_on(uk_dealer):
    product = product_get("asset-protector")
    CommissionRate.objects.create(product=product, rate=D("0.4000"),
                                  effective_from=TODAY + timedelta(days=10))  # fmt: skip
    assert commission_rate(product.pk, uk_dealer.pk, TODAY) == D("0.2500")
    assert commission_rate(product.pk, uk_dealer.pk, TODAY + timedelta(days=10)) == D("0.4000")
    policy = sold(uk_dealer)
    assert Policy.objects.get(pk=policy.pk).commission == share(D("0.25"), policy.net_premium)


def test_no_rate_no_commission(uk_dealer):
    CommissionRate.objects.all().delete()
    assert sold(uk_dealer).commission == D("0.00")


def test_a_renewal_earns_the_rate_in_force_when_it_starts(uk_dealer):
    from policies.renewals import renewals_run

    start = TODAY - timedelta(days=340)
    policy = sold(uk_dealer, "motor-uk", MOTOR, on=start)
    Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
    CommissionRate.objects.create(product=policy.product, rate=D("0.1500"),
                                  effective_from=policy.end_date)  # fmt: skip
    for days in (21, 3, 0):
        renewals_run(on=policy.end_date - timedelta(days=days))
    renewed = Policy.objects.get(renewed_from=policy)
    assert policy.commission == share(D("0.10"), policy.net_premium)
    assert renewed.commission == share(D("0.15"), renewed.net_premium)
