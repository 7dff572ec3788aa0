"""POST /api/v1/quotes: a product and its inputs -> the premium itemised, ways to pay."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from policies.models import ProductCode
from policies.quotes import quote_calculate
from policies.rules.motor_uk import MotorExtra
from policies.selectors import NotConfigured

from . import serializers as s
from .fields import Money, MoneyOut, fmt, request_language

NEEDS = {
    ProductCode.ASSET_PROTECTOR: ["term_months", "invoice_price"],
    ProductCode.SMART_COVER: ["term_months"],
    ProductCode.SMART_COMBINED_GAP: ["term_months", "invoice_price"],
    ProductCode.SMART_LEASE_GAP: ["term_months", "invoice_price"],
    ProductCode.MOTOR_UK: ["vehicle_value", "area", "driver_age", "ncd_years"],
    ProductCode.FURTO_DANNI: ["package", "duration_years", "vehicle_type", "first_registration",
                              "invoice_price"],
    ProductCode.AU_COMPREHENSIVE: ["state", "agreed_value", "youngest_driver_age"],
}  # fmt: skip
OPTIONS = {
    ProductCode.MOTOR_UK: [e.value for e in MotorExtra],
    ProductCode.FURTO_DANNI: s.IT_OPTIONS,
}


class QuoteRequest(serializers.Serializer):
    product = serializers.ChoiceField(ProductCode.choices)
    quote_date = serializers.DateField(required=False)
    term_months = serializers.IntegerField(min_value=1, max_value=120, required=False)
    invoice_price = Money(required=False)
    sale_date = serializers.DateField(required=False)
    delivery_date = serializers.DateField(required=False)
    first_registration = serializers.DateField(required=False)
    hire_and_reward = serializers.BooleanField(required=False, default=False)
    vehicle_value = Money(required=False)
    area = serializers.ChoiceField(list("ABCDEF"), required=False)
    driver_age = serializers.IntegerField(min_value=17, max_value=120, required=False)
    ncd_years = serializers.IntegerField(min_value=0, max_value=99, required=False)
    ncd_protected = serializers.BooleanField(required=False, default=False)
    fault_claims_past_two_years = serializers.IntegerField(
        min_value=0, max_value=50, required=False, default=0
    )
    voluntary_excess = serializers.IntegerField(
        min_value=0, max_value=2000, required=False, default=0
    )
    options = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    package = serializers.ChoiceField(["blu", "rosso", "giallo"], required=False)
    duration_years = serializers.IntegerField(min_value=1, max_value=5, required=False)
    vehicle_type = serializers.CharField(max_length=40, required=False)
    market_value = Money(required=False)
    financed_by_lfs = serializers.BooleanField(required=False, default=False)
    state = serializers.ChoiceField(s.AU_STATES, required=False)
    agreed_value = Money(required=False)
    youngest_driver_age = serializers.IntegerField(min_value=16, max_value=120, required=False)
    business_use = serializers.BooleanField(required=False, default=False)
    lifetime_rating_1 = serializers.BooleanField(required=False, default=False)
    excess_free_glass = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        product = data["product"]
        missing = {f: [s.REQUIRED] for f in NEEDS[product] if data.get(f) is None}
        allowed = OPTIONS.get(product, [])
        wrong = [o for o in data["options"] if o not in allowed]
        if wrong:
            missing["options"] = [_("Not an option of this product: %s.") % ", ".join(wrong)]
        if product == ProductCode.FURTO_DANNI and data.get("first_registration"):
            on = data.get("sale_date") or data.get("quote_date") or timezone.localdate()
            used = (on - data["first_registration"]).days > 365
            if used and data.get("market_value") is None:
                missing["market_value"] = [_("The market value is required for a used vehicle.")]
        if missing:
            raise serializers.ValidationError(missing)
        return data


def _inputs(d: dict) -> dict:
    """The quote service's inputs for the product, from the flat request."""
    match d["product"]:
        case ProductCode.MOTOR_UK:
            keys = ["vehicle_value", "area", "driver_age", "ncd_years", "ncd_protected",
                    "voluntary_excess", "options"]  # fmt: skip
            return {"motor": {k: d[k] for k in keys},
                    "fault_claims_past_two_years": d["fault_claims_past_two_years"]}  # fmt: skip
        case ProductCode.FURTO_DANNI:
            furto = {k: d[k] for k in ["package", "duration_years", "options"]}
            keys = ["vehicle_type", "first_registration", "sale_date", "invoice_price",
                    "market_value", "financed_by_lfs"]  # fmt: skip
            facts = {k: d.get(k) for k in keys}
            return {"furto": {**furto, "insured_value": None}, "eligibility": facts}
        case ProductCode.AU_COMPREHENSIVE:
            keys = ["state", "agreed_value", "youngest_driver_age", "business_use",
                    "lifetime_rating_1", "voluntary_excess", "excess_free_glass"]  # fmt: skip
            return {"au": {k: d[k] for k in keys}}
    return {k: d.get(k) for k in ["term_months", "invoice_price", "sale_date", "delivery_date",
                                  "first_registration", "hire_and_reward"]}  # fmt: skip


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
        "instalments": [fmt(i) for i in o.instalments],
    }


@extend_schema(request=QuoteRequest, responses=QuoteResponse)
class QuoteView(APIView):
    def post(self, request):
        incoming = QuoteRequest(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        on = d.get("quote_date") or timezone.localdate()
        try:
            q = quote_calculate(
                product_code=d["product"], inputs=_inputs(d), on=on,
                region=d.get("state") or "", lang=request_language(request),
            )  # fmt: skip
        except NotConfigured as e:
            raise serializers.ValidationError({"product": [str(e)]}) from e
        except ValueError as e:
            raise serializers.ValidationError({"non_field_errors": [str(e)]}) from e
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
        return Response(body)
