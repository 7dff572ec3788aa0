"""A product's answers schema (products/answers.py) and what is derived from it: the
stored JSON and its versions, the menu's form and the quote API's serializer, which
accept and refuse the very same answers."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.validation import validate_schema
from rest_framework.views import APIView

from policies.answer_forms import form_fields, questions_form
from policies.api.answer_serializers import OneProduct, quote_request_for
from policies.api.fast import quick_validate
from policies.api.quote_endpoint import QuoteBase
from products.answers import Answers, Question


def rename_term(stored: dict) -> dict:
    stored["term_months"] = stored.pop("term")
    return stored


class Cover(Answers):
    version = 2
    upgrades = {1: rename_term}  # version 1 called the term "term"

    term_months = Question("int", label="Term (months)", min=12, max=60)
    vehicle_value = Question("money", label="Vehicle value", max=Decimal("100000"))
    business_use = Question("bool", label="Business use", required=False)
    first_registration = Question("date", label="First registration", when="first_registration")
    excess = Question("choice", label="Excess", choices=((0, "£0"), (250, "£250"), (500, "£500")))
    extras = Question(
        "choices", label="Extras", required=False,
        choices=(("glass", "Glass"), ("courtesy_car", "Courtesy car")),
    )  # fmt: skip
    reference = Question("text", label="Dealer reference", required=False, max_length=12)
    named_drivers = Question("int", min=1, max=5, required=False, default=1, priced=False)

    @classmethod
    def check(cls, values):
        if values.get("excess") == 500 and (values.get("vehicle_value") or 0) < 5000:
            return {"excess": "An excess of £500 needs a car worth £5,000 or more."}
        return {}


class Menu(forms.Form):
    """Stands in for policies.menu.Questions, which needs a product in the database."""

    def __init__(self, *args, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product


CoverForm = questions_form(Cover, Menu)
CoverQuote = quote_request_for("test-cover", Cover, QuoteBase)

ANSWERS = {
    "term_months": 36, "vehicle_value": Decimal("9000.50"), "business_use": True,
    "first_registration": date(2023, 5, 1), "excess": 250, "extras": ["glass"],
    "reference": "2024-01-01", "named_drivers": 2,
}  # fmt: skip
POSTED = {
    "term_months": "36", "vehicle_value": "9000.50", "business_use": "True",
    "first_registration": "2023-05-01", "excess": "250", "extras": ["glass"],
    "reference": "2024-01-01", "named_drivers": "2",
}  # fmt: skip
SENT = {
    "product": "test-cover", "term_months": 36, "vehicle_value": "9000.50",
    "business_use": True, "first_registration": "2023-05-01", "excess": 250,
    "extras": ["glass"], "reference": "2024-01-01",
}  # fmt: skip


def exact(values: dict) -> dict:
    """Values with their types, so that 36 and "36", or Decimal("9000.5") and
    Decimal("9000.50"), differ."""
    return {
        k: (type(v).__name__, str(v) if isinstance(v, Decimal) else v) for k, v in values.items()
    }


def fast_path_agrees(sent: dict, validated: dict) -> bool:
    """policies/api/fast.py gives the serializer's own data, or None to leave the body to
    the serializer (as it does for a choice sent as a number)."""
    quick = quick_validate(CoverQuote, sent)
    return quick is None or exact(quick) == exact(validated)


# -- stored answers ------------------------------------------------------------------------


def test_it_stores_dates_and_money_as_strings_and_keeps_the_sales_own_facts():
    stored = Cover.encode({**ANSWERS, "sale_date": date(2024, 2, 3), "dealer": 7})
    assert stored == {
        "term_months": 36, "vehicle_value": "9000.50", "business_use": True,
        "first_registration": "2023-05-01", "excess": 250, "extras": ["glass"],
        "reference": "2024-01-01", "named_drivers": 2, "sale_date": "2024-02-03", "dealer": 7,
    }  # fmt: skip


def test_stored_answers_read_back_to_their_exact_types():
    assert exact(Cover.decode(Cover.encode(ANSWERS))) == exact(ANSWERS)


def test_a_text_answer_that_looks_like_a_date_stays_text_and_unknown_keys_are_not_guessed():
    decoded = Cover.decode({**Cover.encode(ANSWERS), "sale_date": "2024-02-03", "fee": "5.00"})
    assert decoded["reference"] == "2024-01-01"
    assert decoded["sale_date"] == "2024-02-03"
    assert decoded["fee"] == "5.00"


def test_it_reads_money_stored_as_a_number_and_a_choice_stored_as_text():
    decoded = Cover.decode({"vehicle_value": 9000, "excess": "500", "extras": []})
    assert exact(decoded) == {
        "vehicle_value": ("Decimal", "9000"), "excess": ("int", 500), "extras": ("list", []),
    }  # fmt: skip


def test_a_version_1_policy_reads_in_the_shape_of_version_2():
    stored = {"term": 24, "vehicle_value": "8000.00", "first_registration": "2022-01-31"}
    assert exact(Cover.decode(stored, version=1)) == {
        "term_months": ("int", 24), "vehicle_value": ("Decimal", "8000.00"),
        "first_registration": ("date", date(2022, 1, 31)),
    }  # fmt: skip
    assert stored == {"term": 24, "vehicle_value": "8000.00", "first_registration": "2022-01-31"}


def test_it_refuses_answers_stored_by_a_newer_schema():
    with pytest.raises(ValueError, match="version 3"):
        Cover.decode({"term_months": 12}, version=3)


def test_it_refuses_a_new_version_without_its_upgrade():
    with pytest.raises(ValueError, match="no upgrade"):

        class Broken(Answers):
            version = 2
            term_months = Question("int")


def test_it_refuses_a_question_of_an_unknown_kind_or_date_window():
    with pytest.raises(ValueError):
        Question("float")
    with pytest.raises(ValueError):
        Question("date", when="yesterday")


def test_the_schema_lists_types_ranges_and_choices():
    assert Cover.json_schema() == {
        "type": "object",
        "properties": {
            "term_months": {"type": "integer", "minimum": 12, "maximum": 60,
                            "title": "Term (months)"},
            "vehicle_value": {"type": "string", "format": "decimal", "minimum": 0,
                              "maximum": Decimal("100000"), "title": "Vehicle value"},
            "business_use": {"type": "boolean", "title": "Business use", "default": False},
            "first_registration": {"type": "string", "format": "date",
                                   "title": "First registration"},
            "excess": {"type": "integer", "enum": [0, 250, 500], "title": "Excess"},
            "extras": {"type": "array", "items": {"type": "string",
                                                  "enum": ["glass", "courtesy_car"]},
                       "title": "Extras", "default": []},
            "reference": {"type": "string", "maxLength": 12, "title": "Dealer reference"},
            "named_drivers": {"type": "integer", "minimum": 1, "maximum": 5, "default": 1},
        },
        "required": ["term_months", "vehicle_value", "first_registration", "excess"],
    }  # fmt: skip


# -- the form and the API ------------------------------------------------------------------


def test_the_form_asks_every_question_in_order_and_keeps_unpriced_ones_apart():
    assert list(form_fields(Cover)) == list(Cover.questions)
    assert CoverForm.extra_fields == ("named_drivers",)
    assert list(CoverForm(product=None).fields) == list(Cover.questions)


def test_the_form_and_the_api_read_good_answers_alike():
    form = CoverForm(POSTED, product=None)
    assert form.is_valid(), form.errors
    assert exact(form.cleaned_data) == exact(ANSWERS)
    serializer = CoverQuote(data=SENT)
    assert serializer.is_valid(), serializer.errors
    priced = {k: v for k, v in ANSWERS.items() if k != "named_drivers"}
    assert exact(serializer.validated_data) == exact({"product": "test-cover", **priced})
    assert fast_path_agrees(SENT, serializer.validated_data)
    # the fast path reads a choice sent as its text ("250"): this body takes it
    assert quick_validate(CoverQuote, {**SENT, "excess": "250"}) == serializer.validated_data


def test_unanswered_optional_questions_read_as_their_defaults_in_both():
    optional = ("business_use", "extras", "reference", "named_drivers")
    form = CoverForm({k: v for k, v in POSTED.items() if k not in optional}, product=None)
    assert form.is_valid(), form.errors
    assert {k: form.cleaned_data[k] for k in optional} == {
        "business_use": False, "extras": [], "reference": "", "named_drivers": 1,
    }  # fmt: skip
    serializer = CoverQuote(data={k: v for k, v in SENT.items() if k not in optional})
    assert serializer.is_valid(), serializer.errors
    assert {k: serializer.validated_data.get(k) for k in optional} == {
        "business_use": False, "extras": [], "reference": None, "named_drivers": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "posted", "sent", "accepted"),
    [
        ("term_months", "60", 60, True),
        ("term_months", "61", 61, False),
        ("term_months", "12", 12, True),
        ("term_months", "11", 11, False),
        ("vehicle_value", "100000.00", "100000.00", True),
        ("vehicle_value", "100000.01", "100000.01", False),
        ("vehicle_value", "0", "0", True),
        ("vehicle_value", "-1", "-1", False),
        ("vehicle_value", "12.345", "12.345", False),
        ("excess", "500", 500, True),
        ("excess", "100", 100, False),
        ("extras", ["glass", "courtesy_car"], ["glass", "courtesy_car"], True),
        ("extras", ["wipers"], ["wipers"], False),
        ("first_registration", "1800-01-01", "1800-01-01", False),
        ("first_registration", "2023-02-30", "2023-02-30", False),
        ("reference", "x" * 12, "x" * 12, True),
        ("reference", "x" * 13, "x" * 13, False),
    ],
)
def test_the_form_and_the_api_accept_and_refuse_the_same_answers(name, posted, sent, accepted):
    form = CoverForm({**POSTED, name: posted}, product=None)
    serializer = CoverQuote(data={**SENT, name: sent})
    assert form.is_valid() is accepted, form.errors
    assert serializer.is_valid() is accepted, serializer.errors
    if accepted:
        assert fast_path_agrees({**SENT, name: sent}, serializer.validated_data)
        assert form.cleaned_data[name] == serializer.validated_data[name]
    else:
        assert list(form.errors) == [name]
        assert list(serializer.errors) == [name]
        assert quick_validate(CoverQuote, {**SENT, name: sent}) is None


def test_the_form_and_the_api_refuse_a_problem_between_answers_on_its_field():
    message = "An excess of £500 needs a car worth £5,000 or more."
    form = CoverForm({**POSTED, "excess": "500", "vehicle_value": "4999.99"}, product=None)
    assert not form.is_valid()
    assert form.errors == {"excess": [message]}
    sent = {**SENT, "excess": 500, "vehicle_value": "4999.99"}
    serializer = CoverQuote(data=sent)
    assert not serializer.is_valid()
    assert serializer.errors == {"excess": [message]}
    assert quick_validate(CoverQuote, sent) is None


def test_the_api_takes_only_its_own_product_and_only_the_priced_answers():
    assert CoverQuote.__name__ == "TestCoverQuote"
    fields = CoverQuote().fields
    assert isinstance(fields["product"], OneProduct)
    assert list(fields["product"].choices) == ["test-cover"]
    assert "named_drivers" not in fields
    serializer = CoverQuote(data={**SENT, "product": "motor-uk"})
    assert not serializer.is_valid()
    assert list(serializer.errors) == ["product"]


class QuoteView(APIView):
    @extend_schema(request=CoverQuote, responses=None)
    def post(self, request): ...


def test_the_openapi_schema_of_the_api_says_what_the_schema_says():
    generator = SchemaGenerator(patterns=[path("quote", QuoteView.as_view())])
    openapi = generator.get_schema(request=None, public=True)
    validate_schema(openapi)
    components = openapi["components"]["schemas"]
    quote = components["TestCoverQuote"]
    product = components[quote["properties"]["product"]["$ref"].rsplit("/", 1)[1]]
    assert product == {"type": "string", "enum": ["test-cover"]}  # OneProductSchema
    assert quote["properties"]["term_months"] == {
        "type": "integer", "minimum": 12, "maximum": 60, "title": "Term (months)",
    }  # fmt: skip
    assert components["ExcessEnum"]["enum"] == [0, 250, 500]
    assert sorted(quote["required"]) == [
        "excess", "first_registration", "product", "term_months", "vehicle_value",
    ]  # fmt: skip
    assert "named_drivers" not in quote["properties"]
