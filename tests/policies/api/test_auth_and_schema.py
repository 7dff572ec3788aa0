"""Who may call the API (API.md: a session or `Authorization: Token <key>`, else 401 with
nothing computed), and the OpenAPI 3 schema and its offline browsable docs."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from dealers.services import api_token_issue, api_token_revoke

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

CALCULATIONS = [
    "gap-benefit",
    "it-settlement",
    "it-eligibility",
    "au-excess",
    "ncd",
    "cancellation-refund",
    "payment-options",
]
PATHS = [f"/api/v1/calculations/{name}" for name in CALCULATIONS] + ["/api/v1/quotes"]
SEED_GAP = {
    "product": "asset-protector",
    "invoice_price": "22000.00",
    "insurer_settlement": "13000.00",
    "months_since_delivery": 12,
}
PAYMENT = {"market": "AU", "standard_premium": "594.00"}


@pytest.fixture
def nothing_computed(monkeypatch):
    """Every rule the endpoints call fails loudly, so a 401 proves nothing was computed."""

    def forbidden(*args, **kwargs):
        raise AssertionError("a calculation ran for an unauthenticated caller")

    for name in ["asset_protector_benefit", "settle_claim", "assess_eligibility"]:
        monkeypatch.setattr(f"policies.api.views.{name}", forbidden)
    for name in ["combined_gap_benefit", "lease_gap_benefit"]:
        monkeypatch.setattr(f"policies.rules.smart_gap.{name}", forbidden)
    monkeypatch.setattr("policies.rules.au_comprehensive.au_excess", forbidden)
    monkeypatch.setattr("policies.rules.au_comprehensive.payment_options", forbidden)
    monkeypatch.setattr("policies.rules.motor_uk.ncd_next_renewal", forbidden)
    monkeypatch.setattr("policies.rules.smart_cover.smart_cover_refund", forbidden)
    monkeypatch.setattr("policies.rules.motor_uk.motor_refund", forbidden)
    monkeypatch.setattr("policies.api.quote_endpoint.quote_calculate", forbidden)


def assert_refused_without_figures(response):
    assert response.status_code == 401
    body = response.json()
    assert not {"benefit", "payable", "refund", "annual_premium", "payment_options"} & set(body)


@pytest.mark.parametrize("path", PATHS)
def test_a_caller_without_credentials_gets_401_and_nothing_is_computed(
    anonymous, nothing_computed, path
):
    assert_refused_without_figures(anonymous.post(path, SEED_GAP, format="json"))


@pytest.mark.parametrize("path", PATHS)
def test_a_wrong_token_gets_401_and_nothing_is_computed(anonymous, nothing_computed, path):
    anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    assert_refused_without_figures(anonymous.post(path, SEED_GAP, format="json"))


def test_a_revoked_token_gets_401(anonymous, nothing_computed, uk_staff):
    token, key = api_token_issue(user=uk_staff)
    api_token_revoke(token=token)
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = anonymous.post(PATHS[0], SEED_GAP, format="json")
    assert_refused_without_figures(response)


def test_the_401_tells_the_caller_to_send_a_token(anonymous):
    response = anonymous.post(PATHS[0], SEED_GAP, format="json")
    assert response["WWW-Authenticate"] == "Token"


def test_a_valid_token_is_answered(api):
    response = api.post(PATHS[0], SEED_GAP, format="json")
    assert (response.status_code, response.json()["benefit"]) == (200, "9000.00")


def test_a_logged_in_member_of_staff_is_answered_through_the_session(italian_session):
    response = italian_session.post("/api/v1/calculations/payment-options", PAYMENT, format="json")
    assert (response.status_code, response.json()["annual_premium"]) == (200, "534.60")


@pytest.mark.parametrize(
    ("path", "body"),
    [(PATHS[0], SEED_GAP), ("/api/v1/calculations/payment-options", PAYMENT),
     ("/api/v1/quotes", {"product": "smart-cover", "term_months": 24})],
)  # fmt: skip
def test_a_token_and_a_session_get_the_same_answer_byte_for_byte(api, uk_staff, path, body):
    """Token calls take a short path past DRF's Request/Response (bench/README.md); a
    session goes through DRF. Both must answer alike, headers included."""
    session = APIClient()
    session.force_login(uk_staff)
    by_token = api.post(path, body, format="json")
    by_session = session.post(path, body, format="json")
    assert by_token.status_code == by_session.status_code == 200
    assert by_token.content == by_session.content
    for header in ["Content-Type", "Allow"]:
        assert by_token[header] == by_session[header], header


def test_head_office_can_call_the_api_with_its_own_token(head_office):
    _, key = api_token_issue(user=head_office)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post("/api/v1/calculations/payment-options", PAYMENT, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("path", PATHS)
def test_get_on_a_calculation_is_refused_cleanly(api, path):
    assert api.get(path).status_code == 405


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_schema_lists_all_eight_paths_as_posts(schema):
    assert set(PATHS) <= set(schema["paths"])
    for path in PATHS:
        assert "post" in schema["paths"][path], path
        assert "requestBody" in schema["paths"][path]["post"], path


def test_the_schema_describes_money_as_strings(schema):
    response = schema["paths"]["/api/v1/calculations/gap-benefit"]["post"]["responses"]["200"]
    ref = response["content"]["application/json"]["schema"]["$ref"]
    gap = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert gap["properties"]["benefit"]["type"] == "string"
    assert set(gap["required"]) >= {"covered", "benefit", "payee", "currency", "reason"}


def test_the_schema_is_served_as_json_on_the_openapi_media_type(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert set(PATHS) <= set(response.json()["paths"])


def test_the_docs_page_renders_with_no_external_url(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'id="swagger-ui"' in html
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE), re.findall(
        r"\S*//\S+", html
    )
    for word in ("cdn", "unpkg", "jsdelivr", "cloudflare"):
        assert word not in html.lower()


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(api):
    html = api.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert finders.find(asset), asset


# DRF's parser reads UTF-8 as it is: a byte-order mark, or UTF-16, is not JSON to it.
IN_OTHER_ENCODINGS = [
    "\ufeff".encode() + json.dumps(SEED_GAP).encode(),
    json.dumps(SEED_GAP).encode("utf-16"),
]


@pytest.mark.parametrize(
    "body", [b"\xff\xfe not utf-8", b"[1, 2]", b'{"a": NaN}', b"", *IN_OTHER_ENCODINGS]
)
def test_a_token_call_with_a_body_that_is_not_a_json_object_gets_a_400(api, body):
    assert api.post(PATHS[0], SEED_GAP, format="json").status_code == 200  # the same, in UTF-8
    response = api.post(PATHS[0], body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]
