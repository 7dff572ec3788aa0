"""POST /api/v1/quotes: a product and its answers -> the premium itemised and the ways to
pay; each product's request serializer derived from its answers schema. (The quote service
itself is policies/quotes.py.)"""

from functools import cache

from django.utils import timezone
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers

from policies.quotes import inputs_from_answers, quote_calculate
from policies.selectors import NotConfigured
from products.registry import (
    UnknownProduct,
    product_choices,
    product_definition,
    product_definitions,
)

from . import serializers as s
from .answer_serializers import quote_request_for
from .fast import FastSerializer
from .fields import MoneyOut, PlausibleDate, fmt, request_language
from .views import CalculationView, answers


class QuoteBase(FastSerializer):
    """What every quote has. Each product adds only its own fields (a serializer per
    product: DRF copies every declared field on every request, so small is fast)."""

    product = serializers.ChoiceField([])  # the registered products, on first use
    quote_date = PlausibleDate("deal", required=False)

    def get_fields(self):
        fields = super().get_fields()
        if type(fields["product"]) is serializers.ChoiceField:
            fields["product"].choices = product_choices()
        return fields


def quote_request_of(code: str) -> type[QuoteBase]:
    """The quote request serializer of the product of `code` (products.registry), derived
    from its answers schema."""
    product = product_definition(code)
    return _derived(product.code, product.answers)


@cache
def _derived(code: str, answers) -> type[QuoteBase]:
    return quote_request_for(code, answers, QuoteBase)


def quote_requests() -> list[type[QuoteBase]]:
    """Each registered product's request serializer, once (the OpenAPI schema's oneOf)."""
    return list(dict.fromkeys(quote_request_of(p.code) for p in product_definitions()))


class TaxOut(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    rate = serializers.CharField()
    base = MoneyOut()
    amount = MoneyOut()


class ComponentOut(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    amount = MoneyOut()


class PlanOut(serializers.Serializer):
    plan = serializers.ChoiceField(["single", "monthly", "annual"])
    components = ComponentOut(many=True)
    net_premium = MoneyOut()
    taxes = TaxOut(many=True)
    total = MoneyOut()
    discount = MoneyOut()
    instalments = serializers.ListField(child=MoneyOut())


class QuoteResponse(serializers.Serializer):
    product = serializers.CharField()
    currency = serializers.CharField()
    quote_date = serializers.DateField()
    eligible = serializers.BooleanField()
    refusals = s.RefusalOut(many=True)
    rate_card = serializers.DictField(allow_null=True)
    insured_value = MoneyOut(required=False)
    payment_options = PlanOut(many=True)


def _amounts(amounts) -> list[str]:
    """Instalments as strings: a five-year monthly plan has 60 and two distinct amounts."""
    text = {a: fmt(a) for a in set(amounts)}
    return [text[a] for a in amounts]


def _plan(p) -> dict:
    b, o = p.breakdown, p.option
    return {
        "plan": o.plan,
        "components": [
            {"code": c.code, "label": c.label, "amount": fmt(c.amount)} for c in b.components
        ],
        "net_premium": fmt(b.net),
        "taxes": [
            {
                "code": t.code,
                "label": t.label,
                "rate": f"{t.rate.normalize():f}",
                "base": fmt(t.base),
                "amount": fmt(t.amount),
            }
            for t in b.taxes
        ],  # fmt: skip
        "total": fmt(b.total),
        "discount": fmt(o.discount),
        "instalments": _amounts(o.instalments),
    }


@extend_schema(
    request=PolymorphicProxySerializer(
        component_name="QuoteRequest",
        serializers=quote_requests,
        resource_type_field_name=None,
    ),
    responses=answers(QuoteResponse),
)
class QuoteView(CalculationView):
    """A product's premium, itemised, and the ways to pay it."""

    def request_serializer_for(self, data) -> type[QuoteBase]:
        product = data.get("product") if isinstance(data, dict) else None
        if not isinstance(product, str):
            return QuoteBase
        try:
            return quote_request_of(product)
        except UnknownProduct:
            return QuoteBase

    def calculate(self, d):
        try:
            q = quote_calculate(
                product_code=d["product"], inputs=inputs_from_answers(d),
                on=d.get("quote_date") or timezone.localdate(),
                region=d.get("state") or "", lang=request_language(self.request),
            )  # fmt: skip
        except (NotConfigured, UnknownProduct) as e:
            raise serializers.ValidationError({"product": [str(e)]}) from e
        card = q.rate_card
        body = {
            "product": q.product, "currency": q.currency, "quote_date": q.quote_date.isoformat(),
            "eligible": q.eligible,
            "refusals": [{"code": r.code, "message": r.message} for r in q.refusals],
            "rate_card": {"id": card.pk, "version": card.version,
                          "effective_from": card.effective_from.isoformat()} if card else None,
            "payment_options": [_plan(p) for p in q.plans],
        }  # fmt: skip
        if "insured_value" in q.details:
            body["insured_value"] = fmt(q.details["insured_value"])
        return body
