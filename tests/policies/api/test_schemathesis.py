"""Schemathesis against the calculation API: for every operation of the OpenAPI schema,
generated requests (valid ones, and ones that break the schema) go through the WSGI app
with a dealer system's API token, and every answer is checked: never a 5xx, a documented
status code, content type and body, the token really enforced, 405 for other methods.

Two of schemathesis' default checks are replaced by stricter forms of what this API
promises, because the API is a lenient reader by design (DRF's: "5" for an integer, 0
for false, 399 for "399.00"; tests/policies/api/test_fast_validation.py relies on it):
- negative_data_rejection (any request outside the schema gets a 4xx) becomes: whatever
  the API accepts, it reads as a request inside the schema (accepted_input_is_in_the_schema).
- positive_data_acceptance (any request inside the schema gets a 2xx) becomes: a request
  inside the schema is refused only by a rule between fields that a schema cannot state
  (end after start, a market value for a used car...), on that rule's field.

The schema is the one /api/v1/schema/ serves, generated at import time so that pytest can
make one test per operation (schemathesis' lazy loader, which would fetch it inside a
test, does not run on pytest 9.2); the first test proves the two are the same.
"""

import copy
import json
import os

import jsonschema
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.renderers import JSONRenderer
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from dealers.services import api_token_issue
from tests.dealers.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

SCHEMA = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
APP = get_wsgi_application()
schema = schemathesis.openapi.from_dict(SCHEMA)
schema.app = APP

CALCULATIONS = "/api/v1/calculations/"
# The fields on which a request that the schema allows may still be refused (API.md:
# "impossible dates" and the like), each for a rule between fields or against the data.
# Every date is also checked against the calendar (dealers/plausibility.py: no year 1 or
# 9999), a window around today that a schema cannot state.
RULES_BETWEEN_FIELDS = {
    CALCULATIONS + "au-excess": {
        "at_fault",  # required for an accident
        "licence_years",  # not more than the years since the driver was 16
    },
    CALCULATIONS + "gap-benefit": {
        "months_since_delivery",  # required for asset-protector
        "finance_settlement",  # required for smart-lease-gap
    },
    CALCULATIONS + "it-eligibility": {
        "first_registration",  # not after the sale date; plausible
        "sale_date",  # plausible
        "market_value",  # required for a used vehicle
    },
    CALCULATIONS + "ncd": {"protected"},  # protection needs 2 years held
    CALCULATIONS + "cancellation-refund": {
        "start_date",  # plausible
        "end_date",  # after the start date; plausible
        "cancel_date",  # within the period, and a fee in force on it
    },
    "/api/v1/quotes": {
        "first_registration",  # not after the sale (or quote) date; plausible
        "quote_date",  # plausible
        "sale_date",  # plausible
        "delivery_date",  # plausible
        "ncd_years",  # motor: not more than the years since the driver was 17
        "market_value",  # required for a used vehicle (Furto e Danni)
        "product",  # no rate card in force on the quote date
    },
}


@pytest.fixture
def token(uk_dealer):
    _, key = api_token_issue(user=UserFactory(dealer=uk_dealer))
    return key


@pytest.fixture
def through_wsgi():
    """Requests through the WSGI app inside the test's transaction: like Django's test
    client, keep the handler from closing the connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_schema_under_test_is_the_one_the_app_serves(client, token):
    served = client.get("/api/v1/schema/?format=json", HTTP_AUTHORIZATION=f"Token {token}")
    assert served.status_code == 200
    assert served.json() == SCHEMA


def request_schema(path: str) -> dict:
    """The operation's JSON request body as plain JSON Schema (OpenAPI 3.0's `nullable`
    spelled out), with the components its references point to."""
    body = SCHEMA["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    components = _spell_out_nullable(copy.deepcopy(SCHEMA["components"]))
    return {"$ref": body["schema"]["$ref"], "components": components}


def _spell_out_nullable(node):
    if isinstance(node, dict):
        node = {k: _spell_out_nullable(v) for k, v in node.items()}
        if node.pop("nullable", False):
            return {"anyOf": [node, {"type": "null"}]}
    elif isinstance(node, list):
        node = [_spell_out_nullable(v) for v in node]
    return node


def accepted_input_is_in_the_schema(ctx, response, case):
    """What the API answers, it has read as a request the schema allows: the request as
    the API understood it (its serializer's reading, written back out as JSON) validates."""
    if case.method.upper() != "POST" or response.status_code != 200:
        return None
    view = resolve(case.path).func.view_class()
    incoming = view.request_serializer_for(case.body)(data=case.body)
    assert incoming.is_valid(), f"answered 200 but the serializer refuses it: {incoming.errors}"
    read = json.loads(JSONRenderer().render(incoming.to_representation(incoming.validated_data)))
    errors = sorted(
        jsonschema.Draft202012Validator(request_schema(case.path)).iter_errors(read), key=str
    )
    assert not errors, f"accepted {case.body!r}, read as {read!r}, outside the schema: {errors[0]}"
    return None


def valid_input_is_refused_only_by_a_rule_between_fields(ctx, response, case):
    if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return None
    if response.status_code != 400:
        return None
    fields = set(response.json()["errors"])
    allowed = RULES_BETWEEN_FIELDS.get(case.path, set())
    assert fields <= allowed, (
        f"a request the schema allows was refused on {sorted(fields - allowed)}: "
        f"{response.json()['errors']}"
    )
    return None


# A bigger run by hand: API_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest <this file>
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "60"))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_generated_requests_as_its_schema_says(case, token, through_wsgi):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[negative_data_rejection, positive_data_acceptance],
        additional_checks=[
            accepted_input_is_in_the_schema,
            valid_input_is_refused_only_by_a_rule_between_fields,
        ],
    )


def test_a_cancellation_on_a_day_without_a_fee_in_force_is_a_400_not_a_500(api):
    """Found by schemathesis: a cancel_date before the first fee head office set."""
    response = api.post(
        CALCULATIONS + "cancellation-refund",
        {"product": "smart-cover", "premium": "399.00", "start_date": "2020-01-01",
         "end_date": "2023-01-01", "cancel_date": "2021-01-10", "claim_made": False},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"cancel_date": ["No cancellation fee is in force on 2021-01-10."]}
    }
