"""A JSON body is bounded in size and nesting before it is parsed (issue 17): a few KB of
brackets raised RecursionError and a 500 on every endpoint, even without a token. Now it
is a 400 on "body" (401 without credentials, as before parsing), never a 500; the same for
the JSON fields of the admin."""

import json

import pytest
from django.contrib import admin
from django.db import models

from dealers.bounded_json import MAX_BYTES, MAX_DEPTH, BoundedJSONFormField, json_problem
from policies.models import Product

pytestmark = pytest.mark.django_db

NCD = {"years_held": 3, "protected": False, "claim_in_past_two_periods": False, "claims": []}
ENDPOINTS = [
    "/api/v1/calculations/gap-benefit", "/api/v1/calculations/it-settlement",
    "/api/v1/calculations/it-eligibility", "/api/v1/calculations/au-excess",
    "/api/v1/calculations/ncd", "/api/v1/calculations/cancellation-refund",
    "/api/v1/calculations/payment-options", "/api/v1/quotes",
]  # fmt: skip
BRACKETS = [
    "[" * 1024 + "]" * 1024,  # 2 KB, balanced
    "[" * 2048,  # 2 KB, never closed
    '{"a":' * 1000 + "1" + "}" * 1000,
    json.dumps({"claims": [{"kind": [[[[[[[[[[["glass"]]]]]]]]]]]}]}),  # deep inside a field
]


def post_raw(client, path, body: str):
    return client.generic("POST", path, body.encode(), content_type="application/json")


@pytest.mark.parametrize("body", BRACKETS)
@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_deeply_nested_body_is_a_400_on_body(api, path, body):
    response = post_raw(api, path, body)
    assert response.status_code == 400, response.content
    (message,) = response.json()["errors"]["body"]
    assert f"{MAX_DEPTH} levels" in message


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_deeply_nested_body_without_credentials_is_a_401_not_a_500(anonymous, path):
    assert post_raw(anonymous, path, BRACKETS[0]).status_code == 401


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_deeply_nested_body_from_a_session_is_a_400(italian_session, path):
    assert post_raw(italian_session, path, BRACKETS[1]).status_code == 400


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_body_over_64_kb_is_refused_before_it_is_parsed(api, path):
    body = json.dumps({**NCD, "padding": "x" * MAX_BYTES})
    response = post_raw(api, path, body)
    assert response.status_code == 400, response.content
    assert "64 KB" in response.json()["errors"]["body"][0]


def test_brackets_inside_strings_and_ten_levels_are_read_as_usual(api):
    assert json_problem('{"a": "' + "[" * 500 + '"}') is None
    assert json_problem("[" * MAX_DEPTH + "]" * MAX_DEPTH) is None
    assert json_problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) is not None
    response = post_raw(api, "/api/v1/calculations/ncd", json.dumps(NCD))
    assert response.status_code == 200, response.content
    nested = {**NCD, "claims": [{"kind": [[[[[["glass"]]]]]]}]}  # 9 levels: a field error
    response = post_raw(api, "/api/v1/calculations/ncd", json.dumps(nested))
    assert response.status_code == 400 and "claims" in response.json()["errors"]


def test_every_json_field_of_the_admin_is_read_bounded(rf, head_office):
    request = rf.get("/admin/")
    request.user = head_office
    checked = 0
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            for field in each.model._meta.get_fields():
                if isinstance(field, models.JSONField) and field.editable:
                    form_field = each.formfield_for_dbfield(field, request)
                    assert isinstance(form_field, BoundedJSONFormField), (model, field.name)
                    checked += 1
    assert checked >= 2  # a product's settings, a claim's facts


def test_a_product_setting_of_nested_brackets_is_refused_on_its_field_in_the_admin(
    client, head_office, products
):
    product = Product.objects.get(code="smart-cover")
    setting = product.settings.first()
    client.force_login(head_office)
    url = f"/admin/policies/product/{product.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "id"}
    formset = page.context["inline_admin_formsets"][0].formset
    data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
    for row in formset.forms:
        for name in row.fields:
            value = row.initial.get(name)
            if name == "value":
                value = json.dumps(value)
            if value is not None:
                data[f"{row.prefix}-{name}"] = getattr(value, "pk", value)
        if row.instance.pk == setting.pk:
            data[f"{row.prefix}-value"] = "[" * 2048
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert f"{MAX_DEPTH} levels" in response.content.decode()
    setting.refresh_from_db()
    assert setting.value != "[" * 2048
