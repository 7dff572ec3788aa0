import pytest

from policies.demo import load_policy_demo


@pytest.fixture
def products(db):
    """The demo products with their illustrative rate cards, taxes and fees."""
    load_policy_demo()
