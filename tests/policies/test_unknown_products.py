"""An unknown product code is an error, never a default (issue 18): no quote, refund,
claim form, assessment or document is made for it as if it were another product."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import translation

from claims.assessment import assess
from claims.forms import form_for
from claims.models import Claim
from documents.content import content_of
from policies.forms import change_kinds
from policies.models import Policy, Product, UnknownProduct
from policies.quotes import inputs_from_answers, quote_calculate
from policies.sales import record_facts
from products.registry import product_definition
from servicing.cancellation import cancellation_preview

from .selling import GAP, TODAY, deal_for, disclosed, sell

ON = date(2026, 11, 22)


def policy_of(code: str) -> Policy:
    return Policy(product=Product(code=code))


def unregister(settings, code: str) -> None:
    """The product of `code` no longer registered (its rows stay in the database)."""
    settings.INSURANCE_PRODUCTS = [p for p in settings.INSURANCE_PRODUCTS
                                   if product_definition(code).__class__.__name__
                                   != p.rsplit(".", 1)[1]]  # fmt: skip


def test_a_code_no_product_has_is_unknown_with_a_sentence_in_the_users_language():
    assert product_definition("motor-uk").code == "motor-uk"
    with pytest.raises(UnknownProduct, match="There is no product life-insurance."):
        product_definition("life-insurance")
    with translation.override("it"), pytest.raises(UnknownProduct) as e:
        product_definition("life-insurance")
    assert str(e.value) == "Non esiste il prodotto life-insurance."


def test_a_code_the_registry_no_longer_has_is_unknown(settings):
    unregister(settings, "smart-cover")
    for code in ("smart-cover", "life-insurance"):
        with pytest.raises(UnknownProduct):
            product_definition(code)
    assert product_definition("asset-protector").code == "asset-protector"


@pytest.mark.django_db
def test_an_unknown_code_is_not_quoted(products):
    with pytest.raises(UnknownProduct):
        quote_calculate(product_code="life-insurance", inputs={}, on=ON)
    with pytest.raises(UnknownProduct):
        inputs_from_answers({"product": "life-insurance", "term_months": 36})


@pytest.mark.django_db
def test_a_product_no_branch_prices_is_not_priced_as_gap(products, settings):
    """What the quote service did with any code it did not name: GAP's price."""
    answers = {"product": "smart-cover", "term_months": 36, "invoice_price": D("32000")}
    priced = quote_calculate(product_code="smart-cover", inputs=inputs_from_answers(answers),
                             on=ON)  # fmt: skip
    assert priced.eligible
    unregister(settings, "smart-cover")  # its row and rate card are still there
    with pytest.raises(UnknownProduct):
        inputs_from_answers(answers)
    with pytest.raises(UnknownProduct):
        quote_calculate(product_code="smart-cover", inputs={"term_months": 36,
                        "invoice_price": D("32000")}, on=ON)  # fmt: skip


@pytest.mark.django_db
def test_a_product_without_a_refund_rule_is_not_refunded_as_gap(products, uk_dealer, settings):
    deal = deal_for(uk_dealer)
    disclosed(deal, "asset-protector", given_on=TODAY - timedelta(days=10))
    policy = sell(deal, "asset-protector", GAP)
    assert cancellation_preview(policy=policy, on=TODAY).refund > 0
    unregister(settings, "asset-protector")
    with pytest.raises(UnknownProduct):
        cancellation_preview(policy=policy, on=TODAY)


@pytest.mark.django_db
def test_the_sale_takes_no_record_facts_for_an_unknown_product(uk_dealer):
    deal = deal_for(uk_dealer)
    assert record_facts(deal, "motor-uk", TODAY) == {}  # known, none from the records
    with pytest.raises(UnknownProduct):
        record_facts(deal, "life-insurance", TODAY)


def test_changes_claims_and_documents_refuse_an_unknown_product():
    policy = policy_of("life-insurance")
    with pytest.raises(UnknownProduct):
        change_kinds(policy)
    with pytest.raises(UnknownProduct):
        form_for(policy)
    with pytest.raises(UnknownProduct):
        assess(Claim(policy=policy))
    with pytest.raises(UnknownProduct):
        content_of("life-insurance")
