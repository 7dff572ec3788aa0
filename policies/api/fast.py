"""A serializer that builds its fields once per class and thread, not on every request.

DRF deep-copies every declared field each time a serializer is created; on an endpoint
that answers in about a millisecond that copy was a third of the time (bench/README.md).
Validation keeps no state on the fields themselves (errors and data live on the
serializer), so one set of fields per thread can be re-bound to each new serializer."""

import threading

from django.utils.functional import cached_property
from rest_framework import serializers
from rest_framework.utils.serializer_helpers import BindingDict

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
