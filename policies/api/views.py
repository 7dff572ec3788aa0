"""The calculation API of API.md. Each view: validate the request (400 with per-field
errors), call the product's rules, answer in the contract's shape. Refusals are answers."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.json import strict_constant
from rest_framework.views import APIView

from dealers.authentication import ApiTokenAuthentication
from dealers.bounded_json import MAX_BYTES, too_deep
from policies.eligibility import params_from
from policies.rules import au_comprehensive as au
from policies.rules import motor_uk, smart_cover, smart_gap
from policies.rules.asset_protector import AssetProtectorClaim, asset_protector_benefit
from policies.rules.common import ZERO
from policies.rules.furto_danni.eligibility import SaleFacts, assess_eligibility
from policies.rules.furto_danni.params import Condition, Cover, Option, Package
from policies.rules.furto_danni.settlement import ClaimFacts, settle_claim
from policies.selectors import NotConfigured, fee_in_force, product_get, settings_of

from . import serializers as s
from .fast import quick_validate
from .fields import fmt, request_language
from .parsers import BoundedJSONParser


class JsonOnly(BaseContentNegotiation):
    """The calculation API answers JSON only: skip parsing the Accept header (measurable
    on an endpoint that answers in about a millisecond)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


_token_auth = ApiTokenAuthentication()
# DRF's JSON reading (NaN and Infinity refused), with its decoder built once.
_decode = json.JSONDecoder(parse_constant=strict_constant).decode
# JSONRenderer's own encoder and settings, built once rather than on every answer.
_encode = JSONRenderer.encoder_class(
    ensure_ascii=JSONRenderer.ensure_ascii, allow_nan=not JSONRenderer.strict,
    separators=(",", ":") if JSONRenderer.compact else (", ", ": "),
).encode  # fmt: skip


def render_json(data) -> bytes:
    """What JSONRenderer.render gives for `data` (no indent asked for)."""
    return _encode(data).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()


def _over_bounds(request) -> bool:
    """Too large or too deep to parse here (BoundedJSONParser refuses it with a 400): the
    length is told before the body is read, and counting brackets costs next to nothing."""
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES:
            return True
    except ValueError:
        return True
    body = request.body
    return len(body) > MAX_BYTES or too_deep(body.decode(errors="replace"))


class CalculationView(APIView):
    """POST a request serializer's fields; the answer is `calculate`'s dict.

    The common call (a dealer system's token, a JSON object that validates) is answered
    without building DRF's Request and Response: on an endpoint that computes in a tenth
    of a millisecond that machinery was most of the time (bench/README.md). Every other
    call (no or bad token, a browser session, a body that does not parse or validate, 405)
    goes through DRF unchanged, so its answers (401, 403, 400 shapes) are DRF's."""

    request_serializer: type[serializers.Serializer]
    content_negotiation_class = JsonOnly
    # API.md: a JSON body. JsonOnly reads every body as JSON whatever its Content-Type, so
    # the schema must not offer form encodings that would only ever get a 400.
    parser_classes = [BoundedJSONParser]

    def request_serializer_for(self, data) -> type[serializers.Serializer]:
        return self.request_serializer

    def dispatch(self, request, *args, **kwargs):
        answer = self._fast_answer(request, args, kwargs)
        return answer if answer is not None else super().dispatch(request, *args, **kwargs)

    def _fast_answer(self, request, args, kwargs) -> HttpResponse | None:
        if request.method != "POST":
            return None
        try:
            authenticated = _token_auth.authenticate(request)
            if authenticated is None or _over_bounds(request):  # DRF answers 401 or 400
                return None
            data = _decode(request.body.decode())  # DRF's JSONParser: UTF-8 unless told
        except (exceptions.AuthenticationFailed, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        serializer_class = self.request_serializer_for(data)
        validated = quick_validate(serializer_class, data)
        if validated is None:  # valid in a looser form, or not valid: the serializer decides
            incoming = serializer_class(data=data)
            if not incoming.is_valid():
                return None
            validated = incoming.validated_data
        self.args, self.kwargs, self.request = args, kwargs, request
        request.user = authenticated[0]
        try:
            answer = self.calculate(validated)
        except (ValueError, serializers.ValidationError):  # DRF's path answers the 400
            return None
        response = HttpResponse(render_json(answer), content_type="application/json")
        response["Allow"] = self._allow_header()
        return response

    @classmethod
    def _allow_header(cls) -> str:
        if "_allow" not in cls.__dict__:
            cls._allow = ", ".join(cls().allowed_methods)
        return cls._allow

    def post(self, request):
        incoming = self.request_serializer_for(request.data)(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            return Response(self.calculate(incoming.validated_data))
        except ValueError as e:  # input the rules cannot judge: still the caller's error
            field = getattr(e, "field", None) or "non_field_errors"
            raise serializers.ValidationError({field: [getattr(e, "message", str(e))]}) from e

    def calculate(self, data: dict) -> dict:
        raise NotImplementedError


def answers(ok: type[serializers.Serializer]) -> dict:
    """Every status a calculation can answer (API.md): the figures, the 400 of bad input,
    and DRF's 401 (no or a wrong token) and 403 (a session without its CSRF token)."""
    return {200: ok, 400: s.ErrorResponse, 401: s.DetailResponse, 403: s.DetailResponse}


def _gap(result, currency="GBP") -> dict:
    return {"covered": result.covered, "benefit": fmt(result.benefit),
            "payee": str(result.payee), "currency": currency, "reason": result.reason}  # fmt: skip


@extend_schema(request=s.GapBenefitRequest, responses=answers(s.GapBenefitResponse))
class GapBenefitView(CalculationView):
    """GAP payout at total loss (API.md: POST /api/v1/calculations/gap-benefit)."""

    request_serializer = s.GapBenefitRequest

    def calculate(self, d):
        if d["product"] == "asset-protector":
            return _gap(asset_protector_benefit(AssetProtectorClaim(
                invoice_price=d["invoice_price"], insurer_settlement=d["insurer_settlement"],
                months_since_delivery=d["months_since_delivery"],
                glass_guide_value=d.get("glass_guide_value"),
                finance_settlement=d.get("finance_settlement"),
                finance_term_months=d.get("finance_term_months"),
            )))  # fmt: skip
        claim = smart_gap.SmartGapClaim(
            invoice_price=d["invoice_price"], insurer_settlement=d["insurer_settlement"],
            finance_settlement=d.get("finance_settlement"),
            motor_excess=d.get("motor_excess") or ZERO,
            monthly_rental=d.get("monthly_rental") or ZERO,
            new_lease=d["new_lease"],
        )  # fmt: skip
        if d["product"] == "smart-lease-gap":
            return _gap(smart_gap.lease_gap_benefit(claim))
        return _gap(smart_gap.combined_gap_benefit(claim))


@extend_schema(request=s.ItSettlementRequest, responses=answers(s.ItSettlementResponse))
class ItSettlementView(CalculationView):
    """Settlement of an Italian Furto e Danni claim: deductible and amount payable."""

    request_serializer = s.ItSettlementRequest

    def calculate(self, d):
        result = settle_claim(ClaimFacts(
            cover=Cover(d["cover"]), insured_value=d["insured_value"], damage=d["damage"],
            in_network=d["in_network"], province=d["province"].upper(),
            vehicle_condition=Condition(d["vehicle_condition"]), policy_year=d["policy_year"],
            luxury_brand=d["luxury_brand"], commercial_or_leasing=d["commercial_or_leasing"],
            replacement=d["replacement"], glass_replaced=d["glass_replaced"],
        ))  # fmt: skip
        return {"damage_kind": str(result.damage_kind), "deductible": fmt(result.deductible),
                "payable": fmt(result.payable), "currency": "EUR"}  # fmt: skip


@extend_schema(request=s.ItEligibilityRequest, responses=answers(s.ItEligibilityResponse))
class ItEligibilityView(CalculationView):
    """Whether an Italian Furto e Danni package can be sold, and the insured value."""

    request_serializer = s.ItEligibilityRequest

    def calculate(self, d):
        result = assess_eligibility(
            SaleFacts(
                package=Package(d["package"]), options=tuple(Option(o) for o in d["options"]),
                vehicle_type=d["vehicle_type"], first_registration=d["first_registration"],
                sale_date=d["sale_date"], invoice_price=d["invoice_price"],
                duration_years=d["duration_years"], market_value=d.get("market_value"),
                financed_by_lfs=d["financed_by_lfs"],
            ),
            lang=request_language(self.request),
        )  # fmt: skip
        return {
            "eligible": result.eligible, "vehicle_condition": str(result.vehicle_condition),
            "insured_value": fmt(result.insured_value), "currency": "EUR",
            "refusals": [{"code": r.code, "message": r.message} for r in result.refusals],
        }  # fmt: skip


@extend_schema(request=s.NcdRequest, responses=answers(s.NcdResponse))
class NcdView(CalculationView):
    """No Claim Discount at the next renewal (UK motor)."""

    request_serializer = s.NcdRequest

    def calculate(self, d):
        result = motor_uk.ncd_next_renewal(motor_uk.NcdRequest(
            years_held=d["years_held"], protected=d["protected"],
            claim_in_past_two_periods=d["claim_in_past_two_periods"],
            claims=tuple(motor_uk.ClaimKind(c["kind"]) for c in d["claims"]),
        ))  # fmt: skip
        return {"years_next_renewal": result.years_next_renewal,
                "counted_claims": result.counted_claims}  # fmt: skip


@extend_schema(request=s.CancellationRefundRequest, responses=answers(s.CancellationRefundResponse))
class CancellationRefundView(CalculationView):
    """Refund when a SMART Cover or UK motor policy is cancelled."""

    request_serializer = s.CancellationRefundRequest

    def calculate(self, d):
        product = product_get(d["product"])
        try:
            fee = fee_in_force(product, "cancellation", d["cancel_date"]).amount
        except NotConfigured as e:  # a date before (or after) every fee head office set
            raise serializers.ValidationError({"cancel_date": [
                _("No cancellation fee is in force on %(date)s.") % {"date": d["cancel_date"]}
            ]}) from e  # fmt: skip
        cancellation = smart_cover.Cancellation(
            premium=d["premium"], start_date=d["start_date"], end_date=d["end_date"],
            cancel_date=d["cancel_date"], claim_made=d["claim_made"],
        )  # fmt: skip
        if d["product"] == "smart-cover":
            result = smart_cover.smart_cover_refund(cancellation, admin_fee=fee)
        else:
            result = motor_uk.motor_refund(cancellation, admin_fee=fee)
        return {"refund": fmt(result.refund), "admin_fee": fmt(result.admin_fee),
                "currency": "GBP", "reason": result.reason}  # fmt: skip


@extend_schema(request=s.AuExcessRequest, responses=answers(s.AuExcessResponse))
class AuExcessView(CalculationView):
    """Excesses payable on an Australian comprehensive claim."""

    request_serializer = s.AuExcessRequest

    def calculate(self, d):
        result = au.au_excess(au.ExcessClaim(
            state=au.State(d["state"]), claim_type=au.ClaimType(d["claim_type"]),
            at_fault=d["at_fault"], other_party_identified=d["other_party_identified"],
            voluntary_excess=d["voluntary_excess"], special_excess=d["special_excess"],
            driver_age=d["driver_age"], licence_years=d["licence_years"],
            licence_type=au.LicenceType(d["licence_type"]), driver_named=d["driver_named"],
            excess_free_glass=d["excess_free_glass"],
        ))  # fmt: skip
        return {
            "total": fmt(result.total),
            "items": [{"type": str(i.type), "amount": fmt(i.amount)} for i in result.items],
            "currency": "AUD",
        }


@extend_schema(request=s.PaymentOptionsRequest, responses=answers(s.PaymentOptionsResponse))
class PaymentOptionsView(CalculationView):
    """Annual and monthly figures for an Australian standard premium."""

    request_serializer = s.PaymentOptionsRequest

    def calculate(self, d):
        config = settings_of(product_get("au-comprehensive"))
        params = params_from(au.AuParams, config)
        result = au.payment_options(d["standard_premium"], params)
        return {
            "annual_premium": fmt(result.annual_premium),
            "annual_discount": fmt(result.annual_discount),
            "monthly_instalment": fmt(result.monthly_instalment),
            "currency": "AUD",
        }
