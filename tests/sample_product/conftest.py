import pytest

from policies.demo import load_policy_demo
from policies.models import Product
from policies.selectors import config_cache_clear

from . import CODE


@pytest.fixture
def tyre_alloy(db):
    """Every registered product loaded, and Tyre and Alloy Cover put on sale as head office
    would (it is loaded off sale)."""
    load_policy_demo()
    assert Product.objects.get(code=CODE).active is False
    Product.objects.filter(code=CODE).update(active=True)
    config_cache_clear()
    return Product.objects.get(code=CODE)
