import pytest

from tests.dealers.factories import DealFactory

pytestmark = pytest.mark.django_db


def test_a_deal_factory_makes_a_valid_deal():
    deal = DealFactory()
    deal.vehicle.full_clean()
    deal.customer.full_clean()
    assert deal.dealer == deal.customer.dealer == deal.vehicle.dealer
