"""Whether a product can be sold for a quote's inputs: the product's own rules, fed with
the readings head office keeps in ProductSetting."""

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from .rules.common import Refusal, refusal
from .rules.messages import register

register(
    "term_not_offered",
    "This product is sold for {terms} months, not {term} months.",
    "Questo prodotto si vende per {terms} mesi, non per {term} mesi.",
)


_read: dict[tuple[type, int], tuple[dict[str, Any], Any]] = {}


def params_from(cls: type, config: dict[str, Any]) -> Any:
    """A rules Params dataclass with the product settings whose keys match its fields;
    JSON values are turned into the type of the field's default (tuple, Decimal, int).

    The settings dict is read once: the selectors hand out the same dict until head
    office changes a setting (or the cache expires), and a Params is frozen."""
    kept = _read.get((cls, id(config)))
    if kept is not None and kept[0] is config:
        return kept[1]
    params = _params_from(cls, config)
    if len(_read) >= 64:
        _read.clear()
    _read[(cls, id(config))] = (config, params)
    return params


def _params_from(cls: type, config: dict[str, Any]) -> Any:
    """A nested Params (Furto e Danni's `limits`) is a setting holding an object of the
    fields to change; the fields it leaves out keep their defaults."""
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in config:
            continue
        default = f.default if f.default is not dataclasses.MISSING else None
        value = config[f.name]
        nested = f.default_factory() if f.default_factory is not dataclasses.MISSING else None
        if dataclasses.is_dataclass(nested) and isinstance(value, dict):
            value = _params_from(type(nested), value)
        elif isinstance(default, tuple):
            value = tuple(value)
        elif isinstance(default, Decimal):
            value = Decimal(str(value))
        values[f.name] = value
    return cls(**values)


def term_not_offered(config: dict[str, Any], term: int | None, lang: str) -> list[Refusal]:
    """The term asked for, when head office does not offer it (`terms_months`)."""
    terms = config.get("terms_months")
    if term is None or not terms or term in terms:
        return []
    return [refusal("term_not_offered", lang, terms=", ".join(map(str, terms)), term=term)]


def check(
    product: Any, inputs: dict[str, Any], config: dict[str, Any], on: date, lang: str
) -> tuple[list[Refusal], dict[str, Any]]:
    """(refusals, details) of `product` (a products.registry.ProductDefinition, whose
    rules judge the term too). Details carry what the rules worked out (the Italian
    insured value and vehicle condition); `inputs` is completed with them for pricing."""
    refusals, details = product.refusals(inputs, config, on, lang)
    return list(refusals), details
