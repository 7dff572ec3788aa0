"""An API client for each way in: a UK salesperson's token, an Italian salesperson's
session, and no credentials at all.

The clients do not load the demo products: most calculations are pure rules, and loading
the products for each of several hundred tests would double the run time. Modules whose
endpoints read head-office data (fees, settings, rate cards) ask for `products`."""

import pytest
from rest_framework.test import APIClient

from dealers.services import api_token_issue
from tests.dealers.factories import UserFactory


@pytest.fixture
def uk_staff(uk_dealer):
    return UserFactory(dealer=uk_dealer)


@pytest.fixture
def api(uk_staff):
    """A dealer management system calling with a UK salesperson's API key."""
    _, key = api_token_issue(user=uk_staff)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def italian_session(it_dealer):
    """The application's own pages: an Italian salesperson logged in."""
    client = APIClient()
    client.force_login(UserFactory(dealer=it_dealer))
    return client


@pytest.fixture
def anonymous(db):
    return APIClient()
