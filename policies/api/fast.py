"""A serializer that builds its fields once per class and thread, not on every request.

DRF deep-copies every declared field each time a serializer is created; on an endpoint
that answers in about a millisecond that copy was a third of the time (bench/README.md).
Validation keeps no state on the fields themselves (errors and data live on the
serializer), so one set of fields per thread can be re-bound to each new serializer."""

import re
import threading
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import cached_property
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField, empty
from rest_framework.settings import api_settings
from rest_framework.utils.serializer_helpers import BindingDict

from dealers.plausibility import bounds_now

_local = threading.local()


class FastSerializer(serializers.Serializer):
    @cached_property
    def fields(self):  # type: ignore[override]
        cache = _local.__dict__.setdefault("fields", {})
        fields = cache.get(type(self))
        if fields is None:
            fields = cache[type(self)] = BindingDict(self)
            for name, field in self.get_fields().items():
                fields[name] = field
            return fields
        fields.serializer = self
        for field in fields.values():
            field.parent = self  # the rest of bind() (name, source) is the same as before
        return fields


# The happy path of validation, without DRF's per-field machinery.
#
# `quick_validate` accepts a strict subset of what the serializer accepts, in JSON's own
# types only (true/false for a boolean, a whole number for an integer, a number or a plain
# numeric string for a decimal, "YYYY-MM-DD" for a date), and returns exactly the
# serializer's validated_data for it. Anything else (a missing field, "yes" for a boolean,
# an out-of-range value, a failed cross-field check)
# returns None and the caller runs the serializer itself, which accepts or refuses it with
# its own messages. The serializers stay the one statement of the contract (and of the
# OpenAPI schema); tests/policies/api/test_fast_validation.py checks both agree.

_BAD = object()
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_NUMBER = re.compile(r"-?\d{1,20}(\.\d{1,20})?\Z")
_plans: dict[type, tuple | None] = {}


def quick_validate(serializer_class: type[serializers.Serializer], data) -> dict | None:
    plan = _plans.get(serializer_class, _BAD)
    if plan is _BAD:
        plan = _plans[serializer_class] = _plan_for(serializer_class)
    if plan is None or type(data) is not dict:
        return None
    fields, hooks, cross_check = plan
    serializer = _hooks_of(serializer_class) if hooks or cross_check else None
    out = {}
    for name, field, convert in fields:
        if name in data:
            value = data[name]
            value = (None if field.allow_null else _BAD) if value is None else convert(value)
            if value is _BAD:
                return None
        elif field.required:
            return None
        elif field.default is not empty:
            value = field.get_default()
        else:
            continue
        if name not in hooks:
            out[name] = value
            continue
        try:
            out[name] = getattr(serializer, "validate_" + name)(value)
        except (serializers.ValidationError, DjangoValidationError):
            return None
    if cross_check:
        try:
            out = serializer.validate(out)
        except (serializers.ValidationError, DjangoValidationError):
            return None
    return out


def _hooks_of(serializer_class):
    """An unbound serializer to call validate_<field> and validate on: one per class and
    thread, as the hooks keep nothing on it (the fields' cache above relies on the same)."""
    kept = _local.__dict__.setdefault("hooks", {})
    serializer = kept.get(serializer_class)
    if serializer is None:
        serializer = kept[serializer_class] = serializer_class()
    return serializer


def _plan_for(serializer_class):
    serializer = serializer_class()
    if serializer.get_validators():
        return None  # serializer-level validators: leave it all to DRF
    fields = []
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if field.source != name:
            return None
        fields.append((name, field, _converter(field)))
    hooks = frozenset(name for name, _, _ in fields if hasattr(serializer, "validate_" + name))
    cross_check = serializer_class.validate is not serializers.Serializer.validate
    return fields, hooks, cross_check


def _converter(field):
    if field.validators and not isinstance(
        field, serializers.IntegerField | serializers.DecimalField
    ):
        return lambda v: _drf(field, v)
    if isinstance(field, serializers.BooleanField):
        return lambda v: v if type(v) is bool else _BAD
    if isinstance(field, serializers.ChoiceField) and not field.allow_blank:
        # DRF reads a choice by its text: 250 and "250" are the same choice
        table = field.choice_strings_to_values
        return lambda v: (
            table.get(v if type(v) is str else str(v), _BAD) if type(v) in (str, int) else _BAD
        )
    if isinstance(field, serializers.IntegerField) and _only_bounds(field):
        low, high = field.min_value, field.max_value
        return lambda v: v if type(v) is int and _within(v, low, high) else _BAD
    if isinstance(field, serializers.DecimalField) and _only_bounds(field):
        return _decimal_converter(field)
    if type(field) is serializers.DateField and _iso_dates_only(field):
        return _date
    kind = getattr(field, "plausible_kind", None)
    if kind is not None and not field.validators and _iso_dates_only(field):
        return _plausible_date(kind)
    if isinstance(field, serializers.ListField) and _plain_list(field):
        child = _converter(field.child)
        return lambda v: _each(v, child)
    if isinstance(field, serializers.ListSerializer) and _plain_list(field):
        child_class = type(field.child)
        return lambda v: _each(v, lambda item: _nested(child_class, item))
    return lambda v: _drf(field, v)


def _only_bounds(field) -> bool:
    expected = (field.min_value is not None) + (field.max_value is not None)
    return len(field.validators) == expected


def _within(value, low, high) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _decimal_converter(field):
    """Within the field's precision by its very digits (at most max_digits - decimal_places
    before the point, decimal_places after it), a number needs no more of DRF's checks, and
    quantizing it to decimal_places is exact, whatever the context's precision."""
    places, digits = field.decimal_places, field.max_digits
    if places is None or digits is None or digits <= places or field.localize:
        return lambda v: _decimal(field, v)
    pattern = re.compile(rf"-?\d{{1,{digits - places}}}(\.\d{{1,{places}}})?\Z" if places
                         else rf"-?\d{{1,{digits}}}\Z")  # fmt: skip
    step, low, high = Decimal(1).scaleb(-places), field.min_value, field.max_value

    def convert(value):
        kind = type(value)
        if kind is str:
            text = value
        elif kind is int or kind is float:
            text = str(value)  # what DRF's smart_str gives
        else:
            return _BAD
        if not pattern.match(text):
            return _BAD
        number = Decimal(text).quantize(step)
        return number if _within(number, low, high) else _BAD

    return convert


def _decimal(field, value):
    if not (type(value) in (int, float) or (type(value) is str and _NUMBER.match(value))):
        return _BAD
    try:
        number = field.to_internal_value(value)
    except serializers.ValidationError:
        return _BAD
    return number if _within(number, field.min_value, field.max_value) else _BAD


def _iso_dates_only(field) -> bool:
    return list(getattr(field, "input_formats", api_settings.DATE_INPUT_FORMATS)) == [ISO_8601]


def _date(value):
    if type(value) is not str or not _DATE.match(value):
        return _BAD
    try:
        return date.fromisoformat(value)
    except ValueError:
        return _BAD


def _plausible_date(kind: str):
    """fields.PlausibleDate: an ISO date within today's window for its kind (read once a
    second by bounds_now, not once a field)."""

    def convert(value):
        day = _date(value)
        if day is _BAD:
            return _BAD
        earliest, latest = bounds_now(kind)
        return day if earliest <= day <= latest else _BAD

    return convert


def _plain_list(field) -> bool:
    # (a list with validators never gets here: _converter sends it to DRF first)
    return field.allow_empty and field.min_length is None and field.max_length is None


def _each(values, convert):
    if type(values) is not list:
        return _BAD
    out = [convert(v) for v in values]
    return _BAD if any(v is _BAD for v in out) else out


def _nested(serializer_class, item):
    validated = quick_validate(serializer_class, item)
    return _BAD if validated is None else validated


def _drf(field, value):
    try:
        return field.run_validation(value)
    except (serializers.ValidationError, DjangoValidationError, SkipField):
        return _BAD
