"""Limits as people read them."""

from django.utils import formats
from django.utils.translation import ngettext


def size_text(size: int) -> str:
    """A limit as people read it: "10 MB", "2.5 MB", "64 KB" (in the active language)."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            value = size / scale
            return f"{formats.number_format(value, 0 if value.is_integer() else 1)} {unit}"
    return ngettext("%(n)d byte", "%(n)d bytes", size) % {"n": size}
