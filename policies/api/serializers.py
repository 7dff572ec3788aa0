"""Requests and responses of the calculation API, field by field as API.md fixes them.

Everything that makes a request impossible (missing or wrong-typed fields, negative money,
unknown enums, impossible dates) is refused here with a message on its field, so the
rules only ever see input they can judge."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from localflavor.it.it_province import PROVINCE_CHOICES
from rest_framework import serializers

from policies.driving import licence_problem
from policies.rules.furto_danni.eligibility import vehicle_condition
from policies.rules.furto_danni.params import Condition

from .fast import FastSerializer
from .fields import Money, MoneyOut, Number, PlausibleDate, Text

GAP_PRODUCTS = ["asset-protector", "smart-combined-gap", "smart-lease-gap"]
REFUND_PRODUCTS = ["smart-cover", "motor-uk"]
IT_COVERS = [
    "furto", "incendio", "atti_vandalici", "calamita_naturali_premium",
    "calamita_naturali_base", "kasko_premium", "kasko_base", "collisione_premium",
    "collisione_base", "cristalli",
]  # fmt: skip
IT_OPTIONS = [
    "restart_10k", "restart_20k", "kasko_premium", "kasko_base", "collisione_premium",
    "collisione_base", "kasko_finanziaria", "protezione_franchigia", "fattura_rimborsata",
    "protezione_pneumatici",
]  # fmt: skip
AU_STATES = ["ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"]
AU_CLAIMS = ["accident", "theft", "fire", "flood", "hail", "storm", "malicious", "parked", "glass"]
LICENCES = ["full", "overseas", "probationary", "provisional", "learner"]
NCD_KINDS = [
    "at_fault", "not_at_fault_unrecovered", "not_at_fault_recovered", "uninsured_driver",
    "glass", "emergency_treatment", "vandalism_crime_reference",
]  # fmt: skip
IT_PROVINCE_CODES = frozenset(code for code, _name in PROVINCE_CHOICES)
REQUIRED = _("This field is required.")


@extend_schema_field({"type": "string", "enum": sorted(IT_PROVINCE_CODES)})
class ProvinceField(serializers.RegexField):
    """Two letters, upper or lower case; the schema lists the codes validate_province
    accepts (a pattern would offer "AA", refused with a 400)."""

    def __init__(self, **kwargs):
        super().__init__(r"^[A-Za-z]{2}$", max_length=2, **kwargs)


class ErrorResponse(serializers.Serializer):
    """400: {"errors": {"<field>": ["<message>", ...]}} (policies/api/errors.py)."""

    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class DetailResponse(serializers.Serializer):
    """401 and 403, as DRF answers them."""

    detail = serializers.CharField()


class GapBenefitRequest(FastSerializer):
    product = serializers.ChoiceField(GAP_PRODUCTS)
    invoice_price = Money()
    insurer_settlement = Money()
    glass_guide_value = Money(required=False, allow_null=True)
    finance_settlement = Money(required=False, allow_null=True)
    months_since_delivery = serializers.IntegerField(min_value=1, required=False)
    finance_term_months = serializers.IntegerField(min_value=1, max_value=120, required=False)
    monthly_rental = Money(required=False, allow_null=True)
    new_lease = serializers.BooleanField(required=False, default=False)
    motor_excess = Money(required=False, allow_null=True)

    def validate(self, data):
        if data["product"] == "asset-protector" and "months_since_delivery" not in data:
            raise serializers.ValidationError({"months_since_delivery": [REQUIRED]})
        if data["product"] == "smart-lease-gap" and data.get("finance_settlement") is None:
            raise serializers.ValidationError(
                {"finance_settlement": [_("The lease settlement is required for smart-lease-gap.")]}
            )
        return data


class GapBenefitResponse(serializers.Serializer):
    covered = serializers.BooleanField()
    benefit = MoneyOut()
    payee = serializers.ChoiceField(["customer", "finance_company"])
    currency = serializers.CharField()
    reason = serializers.CharField()


class ItSettlementRequest(FastSerializer):
    cover = serializers.ChoiceField(IT_COVERS)
    insured_value = Money(more_than_zero=True)
    damage = Money()
    in_network = serializers.BooleanField()
    luxury_brand = serializers.BooleanField(required=False, default=False)
    commercial_or_leasing = serializers.BooleanField(required=False, default=False)
    replacement = serializers.BooleanField(required=False, default=False)
    province = ProvinceField()
    vehicle_condition = serializers.ChoiceField(["new", "used"])
    policy_year = serializers.IntegerField(min_value=1, max_value=5)
    glass_replaced = serializers.BooleanField(required=False, default=True)

    def validate_insured_value(self, value):
        if value <= 0:
            raise serializers.ValidationError(_("The insured value must be more than zero."))
        return value

    def validate_province(self, value):
        code = value.upper()
        if code not in IT_PROVINCE_CODES:
            raise serializers.ValidationError(_("Not an Italian province code: %s.") % value)
        return code


class ItSettlementResponse(serializers.Serializer):
    damage_kind = serializers.ChoiceField(["partial", "total"])
    deductible = MoneyOut()
    payable = MoneyOut()
    currency = serializers.CharField()


class RefusalOut(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


def require_market_value_when_used(first_registration, on, market_value) -> None:
    """A used vehicle's insured value is capped by its market value (PRODUCTS.md §4)."""
    if vehicle_condition(first_registration, on) is Condition.USED and market_value is None:
        raise serializers.ValidationError(
            {"market_value": [_("The market value is required for a used vehicle.")]}
        )


class ItEligibilityRequest(FastSerializer):
    package = serializers.ChoiceField(["blu", "rosso", "giallo"])
    options = serializers.ListField(
        child=serializers.ChoiceField(IT_OPTIONS), required=False, default=list
    )
    vehicle_type = Text(max_length=40)
    first_registration = PlausibleDate("first_registration")
    sale_date = PlausibleDate("deal")
    invoice_price = Money()
    market_value = Money(required=False, allow_null=True)
    duration_years = serializers.IntegerField(min_value=1, max_value=5)
    financed_by_lfs = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        if data["first_registration"] > data["sale_date"]:
            raise serializers.ValidationError(
                {"first_registration": [_("First registration cannot be after the sale date.")]}
            )
        require_market_value_when_used(
            data["first_registration"], data["sale_date"], data.get("market_value")
        )
        return data


class ItEligibilityResponse(serializers.Serializer):
    eligible = serializers.BooleanField()
    vehicle_condition = serializers.ChoiceField(["new", "used"])
    insured_value = MoneyOut()
    currency = serializers.CharField()
    refusals = RefusalOut(many=True)


class AuExcessRequest(FastSerializer):
    state = serializers.ChoiceField(AU_STATES)
    claim_type = serializers.ChoiceField(AU_CLAIMS)
    # API.md: required for an accident (taking a missing answer as "not at fault" would
    # waive the excess), ignored for every other claim type.
    at_fault = serializers.BooleanField(required=False)
    other_party_identified = serializers.BooleanField(required=False, default=False)
    voluntary_excess = Money(required=False, default=Decimal("0"), max_value=2000)
    special_excess = Money(required=False, default=Decimal("0"))
    driver_age = serializers.IntegerField(min_value=14, max_value=120)
    # API.md: a number. Years held may be any fraction (1.999 is still under 2 years).
    licence_years = Number(min_value=0, max_value=120)
    licence_type = serializers.ChoiceField(LICENCES)
    driver_named = serializers.BooleanField()
    excess_free_glass = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        if data["claim_type"] == "accident" and "at_fault" not in data:
            raise serializers.ValidationError(
                {"at_fault": [_("Say whether the driver was at fault in the accident.")]}
            )
        data.setdefault("at_fault", False)
        if problem := licence_problem(data["licence_years"], data["driver_age"]):
            raise serializers.ValidationError({"licence_years": [problem]})
        return data


class ExcessItemOut(serializers.Serializer):
    type = serializers.ChoiceField(
        ["basic", "voluntary", "age", "licence", "special", "undisclosed_driver"]
    )
    amount = MoneyOut()


class AuExcessResponse(serializers.Serializer):
    total = MoneyOut()
    items = ExcessItemOut(many=True)
    currency = serializers.CharField()


class NcdClaim(FastSerializer):
    kind = serializers.ChoiceField(NCD_KINDS)


class NcdRequest(FastSerializer):
    years_held = serializers.IntegerField(min_value=0, max_value=99)
    protected = serializers.BooleanField()
    claim_in_past_two_periods = serializers.BooleanField()
    claims = NcdClaim(many=True)

    def validate(self, data):
        if data["protected"] and data["years_held"] < 2:
            raise serializers.ValidationError(
                {"protected": [_("NCD protection needs at least 2 years of NCD held.")]}
            )
        return data


class NcdResponse(serializers.Serializer):
    years_next_renewal = serializers.IntegerField()
    counted_claims = serializers.IntegerField()


class CancellationRefundRequest(FastSerializer):
    product = serializers.ChoiceField(REFUND_PRODUCTS)
    premium = Money()
    start_date = PlausibleDate("delivery")  # cover may start on a delivery two years ahead
    end_date = PlausibleDate("any")  # after the start (validate), however long the term
    cancel_date = PlausibleDate("deal")
    claim_made = serializers.BooleanField()

    def validate(self, data):
        if data["end_date"] <= data["start_date"]:
            raise serializers.ValidationError(
                {"end_date": [_("The end date must be after the start date.")]}
            )
        if not data["start_date"] <= data["cancel_date"] <= data["end_date"]:
            raise serializers.ValidationError(
                {"cancel_date": [_("The cancellation date must be within the period.")]}
            )
        return data


class CancellationRefundResponse(serializers.Serializer):
    refund = MoneyOut()
    admin_fee = MoneyOut()
    currency = serializers.CharField()
    reason = serializers.CharField()


class PaymentOptionsRequest(FastSerializer):
    market = serializers.ChoiceField(["AU"])
    standard_premium = Money()


class PaymentOptionsResponse(serializers.Serializer):
    annual_premium = MoneyOut()
    annual_discount = MoneyOut()
    monthly_instalment = MoneyOut()
    currency = serializers.CharField()
