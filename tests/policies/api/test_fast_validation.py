"""The API's fast validation (policies/api/fast.py) against the serializers it stands in
for: whatever it accepts, the serializer accepts too and validates to the very same data
(Decimal exponents included); the requests dealer systems send take the fast path."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework import serializers

from bench.api_bench import TARGETS
from policies.api import serializers as s
from policies.api.fast import quick_validate
from policies.api.quote_endpoint import QuoteBase, quote_request_of, quote_requests

from .test_quotes import QUOTES

REQUESTS = [
    s.GapBenefitRequest, s.ItSettlementRequest, s.ItEligibilityRequest, s.AuExcessRequest,
    s.NcdRequest, s.CancellationRefundRequest, s.PaymentOptionsRequest, QuoteBase,
    *quote_requests(),
]  # fmt: skip


def exact(value):
    """Validated data in a form where Decimal("1") and Decimal("1.00") differ."""
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact(v) for v in value]
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    return (type(value).__name__, value)


def choices_of(field) -> list:
    if isinstance(field, serializers.ChoiceField):
        return list(field.choices)
    if isinstance(field, serializers.ListField):
        return choices_of(field.child)
    return []


def value_for(field):
    """Values a caller might send: right, wrong-typed, out of range, malformed."""
    general = st.one_of(
        st.none(), st.booleans(), st.integers(-5, 300_000), st.floats(-10, 1e6),
        st.sampled_from(["", " 12", "12", "12.5", "12.345", "1e3", "-3", "abc", "true",
                         "2026-02-30", "2026-11-22", "2024-3-1", "99999999999.99"]),
        st.dates(date(2015, 1, 1), date(2032, 12, 31)).map(date.isoformat),
        st.decimals(0, 100_000, places=2).map(str),
    )  # fmt: skip
    valid, other = valid_for(field), general_for(field, general)
    return st.integers(0, 4).flatmap(lambda n: valid if n else other)  # mostly well-typed


def valid_for(field):
    """A value of the field's own type and range (often valid, so often fast)."""
    if isinstance(field, serializers.BooleanField):
        return st.booleans()
    if isinstance(field, serializers.IntegerField):
        return st.integers(field.min_value or 0, field.max_value or 1000)
    if isinstance(field, serializers.DecimalField):
        top = field.max_value or 100_000
        return st.one_of(st.integers(0, int(top)), st.decimals(0, top, places=2).map(str))
    if isinstance(field, serializers.DateField):
        return st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    if isinstance(field, serializers.CharField):
        return st.sampled_from(["RM", "MI", "autovettura", "XX"])
    choices = choices_of(field)
    if isinstance(field, serializers.ListField):
        return st.lists(st.sampled_from(choices), max_size=3, unique=True)
    if choices:
        return st.sampled_from(choices)
    return st.just([])


def general_for(field, general):
    choices = choices_of(field)
    if isinstance(field, serializers.ListSerializer):
        item = st.fixed_dictionaries({}, optional={"kind": st.sampled_from(s.NCD_KINDS + ["x"])})
        return st.lists(st.one_of(item, general), max_size=3)
    if isinstance(field, serializers.ListField):
        return st.one_of(st.lists(st.sampled_from(choices + ["nope"]), max_size=3), general)
    if choices:
        return st.one_of(st.sampled_from(choices), general)
    return general


@st.composite
def request_for(draw, serializer_class):
    fields = serializer_class().fields
    data = {}
    for name, field in fields.items():
        if draw(st.integers(0, 19)) < 19:  # nearly every field present
            data[name] = draw(value_for(field))
    if "product" in fields and serializer_class is not QuoteBase:
        data["product"] = draw(st.sampled_from(choices_of(fields["product"])))
    return data


@pytest.mark.parametrize("serializer_class", REQUESTS, ids=lambda c: c.__name__)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_the_fast_path_accepts_the_serializer_validates_to_the_same_data(
    serializer_class, data
):
    request = data.draw(request_for(serializer_class))
    quick = quick_validate(serializer_class, request)
    if quick is not None:
        serializer = serializer_class(data=request)
        assert serializer.is_valid(), (request, serializer.errors)
        assert exact(quick) == exact(serializer.validated_data)


SENT = [
    (s.GapBenefitRequest, {"product": "asset-protector", "invoice_price": "22000.00",
                           "insurer_settlement": "13000", "months_since_delivery": 12}),
    (s.ItSettlementRequest, {"cover": "kasko_premium", "insured_value": "38000.00",
                             "damage": "4200.00", "in_network": True, "province": "rm",
                             "vehicle_condition": "new", "policy_year": 2}),
    (s.AuExcessRequest, {"state": "NSW", "claim_type": "accident", "at_fault": True,
                         "driver_age": 22,
                         "licence_years": 2.5, "licence_type": "probationary",
                         "driver_named": False}),
    (s.NcdRequest, {"years_held": 5, "protected": True, "claim_in_past_two_periods": False,
                    "claims": [{"kind": "at_fault"}, {"kind": "glass"}]}),
    (s.CancellationRefundRequest, {"product": "smart-cover", "premium": 399,
                                   "start_date": "2026-01-01", "end_date": "2029-01-01",
                                   "cancel_date": "2026-01-10", "claim_made": False}),
    (s.PaymentOptionsRequest, {"market": "AU", "standard_premium": "594.00"}),
    *[(quote_request_of(product), {"product": product, **body})
      for product, body in QUOTES.items()],
]  # fmt: skip


@pytest.mark.parametrize(("serializer_class", "request_body"), SENT)
def test_the_requests_dealer_systems_send_take_the_fast_path(serializer_class, request_body):
    serializer = serializer_class(data=request_body)
    assert serializer.is_valid(), serializer.errors
    assert exact(quick_validate(serializer_class, request_body)) == exact(serializer.validated_data)


BENCH_QUOTES = [t.body for t in TARGETS if t.path == "/api/v1/quotes"]


@pytest.mark.parametrize("body", BENCH_QUOTES, ids=lambda body: body["product"])
def test_the_quotes_the_bench_measures_take_the_fast_path(body):
    """The bench (bench/api_bench.py) measures the fast path: a product whose serializer
    is derived from its answers schema must not fall back to DRF for these bodies."""
    serializer_class = quote_request_of(body["product"])
    quick = quick_validate(serializer_class, body)
    assert quick is not None
    serializer = serializer_class(data=body)
    assert serializer.is_valid(), serializer.errors
    assert exact(quick) == exact(serializer.validated_data)


def test_a_failed_cross_field_check_is_left_to_the_serializer():
    ncd = {"years_held": 1, "protected": True, "claim_in_past_two_periods": False, "claims": []}
    assert quick_validate(s.NcdRequest, ncd) is None
    assert not s.NcdRequest(data=ncd).is_valid()


def test_a_looser_but_valid_form_is_left_to_the_serializer():
    ncd = {"years_held": "5", "protected": "true", "claim_in_past_two_periods": 0, "claims": []}
    assert quick_validate(s.NcdRequest, ncd) is None
    assert s.NcdRequest(data=ncd).is_valid()
