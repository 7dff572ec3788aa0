"""Asset Protector, the smart GAPs, SMART Cover and Furto e Danni ask their questions from
one answers schema each (catalog/<product>/answers.py): the menu's form and the quote
API's serializer are both derived from it, so they accept and refuse the same answers.
(The menu offers only the terms head office set, a narrower list than the API's 1 to 120
months, which the quote then refuses as not offered.)"""

from datetime import timedelta

import pytest

from bench.api_bench import TARGETS
from policies.api.fast import quick_validate
from policies.api.quote_endpoint import quote_request_of
from policies.menu import questions_for, questions_of
from policies.selectors import product_get

from .selling import TODAY, deal_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

# What each product's menu is posted (the record facts and hidden answers come from the
# deal) and what its quote request is sent, both good.
POSTED = {
    "asset-protector": {"term_months": "36", "invoice_price": "32000"},
    "smart-combined-gap": {"term_months": "36", "invoice_price": "30000",
                           "finance_agreement": "pcp"},
    "smart-cover": {"term_months": "36"},
    "furto-danni": {"duration_years": "1", "invoice_price": "40000", "province": "RM",
                    "cover_start": TODAY.isoformat()},
}  # fmt: skip
POSTED["smart-lease-gap"] = POSTED["smart-combined-gap"]
SENT = {
    "asset-protector": {"term_months": 36, "invoice_price": "32000"},
    "smart-combined-gap": {"term_months": 36, "invoice_price": "30000"},
    "smart-cover": {"term_months": 36, "sale_date": TODAY.isoformat()},
    "furto-danni": {"package": "blu", "duration_years": 1, "vehicle_type": "autovettura",
                    "first_registration": (TODAY - timedelta(days=30)).isoformat(),
                    "sale_date": TODAY.isoformat(), "invoice_price": "40000"},
}  # fmt: skip
SENT["smart-lease-gap"] = SENT["smart-combined-gap"]


@pytest.fixture
def deals(uk_dealer, it_dealer):
    registered = {"first_registration_date": TODAY - timedelta(days=30)}
    return {"UK": deal_for(uk_dealer, **registered), "IT": deal_for(it_dealer, **registered)}


def menu_form(deals, code, **change):
    product = product_get(code)
    package = "blu" if code == "furto-danni" else ""
    prefix = f"{code}-{package}" if package else code
    posted = {**POSTED[code], "payment_plan": "single", **change}
    data = {f"{prefix}-{k}": v for k, v in posted.items()}
    deal = deals["IT" if code == "furto-danni" else "UK"]
    return questions_for(deal, product, data, package)


def api_request(code, **change):
    body = {"product": code, **SENT[code], **change}
    return quote_request_of(code)(data=body), body


@pytest.mark.parametrize("code", list(POSTED))
def test_the_good_answers_of_each_product_pass_both(deals, code):
    form = menu_form(deals, code)
    assert form.is_valid(), form.errors
    serializer, body = api_request(code)
    assert serializer.is_valid(), serializer.errors
    assert quick_validate(type(serializer), body) == serializer.validated_data


@pytest.mark.parametrize(
    ("code", "name", "posted", "sent", "accepted"),
    [
        ("asset-protector", "term_months", "48", 48, True),
        ("asset-protector", "term_months", "24", 24, True),
        ("asset-protector", "term_months", "0", 0, False),
        ("asset-protector", "term_months", "121", 121, False),
        ("asset-protector", "invoice_price", "0", "0", True),
        ("asset-protector", "invoice_price", "-0.01", "-0.01", False),
        ("asset-protector", "invoice_price", "32000.123", "32000.123", False),
        ("smart-combined-gap", "term_months", "121", 121, False),
        ("smart-lease-gap", "term_months", "48", 48, True),
        ("smart-cover", "term_months", "60", 60, True),
        ("smart-cover", "term_months", "0", 0, False),
        ("furto-danni", "duration_years", "5", 5, True),
        ("furto-danni", "duration_years", "6", 6, False),
        ("furto-danni", "duration_years", "0", 0, False),
        ("furto-danni", "options", ["kasko_premium"], ["kasko_premium"], True),
        ("furto-danni", "options", ["wipers"], ["wipers"], False),
        ("furto-danni", "market_value", "20000", "20000", True),
        ("furto-danni", "market_value", "-1", "-1", False),
        ("furto-danni", "invoice_price", "40000.001", "40000.001", False),
    ],
)
def test_the_menu_and_the_api_accept_and_refuse_the_same_answers(
    deals, code, name, posted, sent, accepted
):
    form = menu_form(deals, code, **{name: posted})
    serializer, body = api_request(code, **{name: sent})
    assert form.is_valid() is accepted, form.errors
    assert serializer.is_valid() is accepted, serializer.errors
    if accepted:
        assert form.cleaned_data[name] == serializer.validated_data[name]
        assert quick_validate(type(serializer), body) == serializer.validated_data
    else:
        assert list(form.errors) == [name]
        assert list(serializer.errors) == [name]


def test_a_used_car_without_its_market_value_is_refused_alike(deals):
    message = "The market value is required for a used vehicle."
    two_years = TODAY - timedelta(days=730)
    deals["IT"].vehicle.first_registration_date = two_years
    deals["IT"].vehicle.save(update_fields=["first_registration_date"])
    form = menu_form(deals, "furto-danni")
    assert not form.is_valid()
    assert form.errors == {"market_value": [message]}
    serializer, body = api_request("furto-danni", first_registration=two_years.isoformat())
    assert not serializer.is_valid()
    assert serializer.errors == {"market_value": [message]}
    assert quick_validate(type(serializer), body) is None


@pytest.mark.parametrize("code", ["asset-protector", "smart-combined-gap", "furto-danni"])
def test_the_api_refuses_a_car_registered_after_the_sale(code):
    later = (TODAY + timedelta(days=30)).isoformat()
    serializer, _body = api_request(code, first_registration=later)
    assert not serializer.is_valid()
    assert serializer.errors == {
        "first_registration": ["First registration cannot be after the sale date."]
    }


def test_the_menu_takes_the_hidden_answers_from_the_deal_not_the_browser(deals):
    form = menu_form(deals, "asset-protector", first_registration="2001-01-01",
                     hire_and_reward="True")  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_registration"] == TODAY - timedelta(days=30)
    assert form.cleaned_data["hire_and_reward"] is False


def test_the_smart_gaps_keep_the_finance_agreement_out_of_the_price():
    form_class = questions_of("smart-combined-gap")
    assert form_class.extra_fields == ("finance_agreement", "finance_term_months")
    assert "finance_agreement" not in quote_request_of("smart-combined-gap")().fields
    assert questions_of("furto-danni").extra_fields == ("province",)


def test_the_furto_danni_bench_quote_takes_the_fast_path():
    (target,) = [t for t in TARGETS if t.name == "quote furto-danni"]
    body = target.body
    serializer = quote_request_of("furto-danni")(data=body)
    assert serializer.is_valid(), serializer.errors
    assert quick_validate(quote_request_of("furto-danni"), body) == serializer.validated_data
