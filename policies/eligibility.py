"""Whether a product can be sold for a quote's inputs: the product's own rules, fed with
the readings head office keeps in ProductSetting."""

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from .models import ProductCode
from .rules.asset_protector import AssetProtectorParams, term_refusals
from .rules.common import Refusal, refusal
from .rules.furto_danni.eligibility import SaleFacts, assess_eligibility
from .rules.furto_danni.params import FurtoDanniParams, Option, Package
from .rules.messages import register
from .rules.motor_uk import MotorUkParams, ncd_protection_refusals
from .rules.smart_cover import SmartCoverParams, SmartCoverSale, smart_cover_sale_refusals
from .rules.smart_gap import SmartGapParams, SmartGapSale, smart_gap_sale_refusals

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


def _term(config: dict[str, Any], term: int | None, lang: str) -> list[Refusal]:
    terms = config.get("terms_months")
    if term is None or not terms or term in terms:
        return []
    return [refusal("term_not_offered", lang, terms=", ".join(map(str, terms)), term=term)]


def check(
    code: str, inputs: dict[str, Any], config: dict[str, Any], on: date, lang: str
) -> tuple[list[Refusal], dict[str, Any]]:
    """(refusals, details). Details carry what the rules worked out (the Italian insured
    value and vehicle condition); `inputs` is completed with them for pricing."""
    refusals = _term(config, inputs.get("term_months"), lang)
    details: dict[str, Any] = {}
    if code == ProductCode.SMART_COVER and inputs.get("delivery_date"):
        sale = SmartCoverSale(
            inputs.get("sale_date") or on, inputs["delivery_date"], inputs["term_months"]
        )
        refusals = smart_cover_sale_refusals(sale, params_from(SmartCoverParams, config))
    elif code == ProductCode.ASSET_PROTECTOR and inputs.get("term_months") is not None:
        refusals += term_refusals(
            inputs["term_months"], inputs.get("finance_agreement"),
            inputs.get("finance_term_months"), params_from(AssetProtectorParams, config), lang,
        )  # fmt: skip
    elif code in (ProductCode.SMART_COMBINED_GAP, ProductCode.SMART_LEASE_GAP):
        sale = SmartGapSale(
            inputs["invoice_price"], on, inputs.get("first_registration"),
            inputs.get("hire_and_reward", False),
        )  # fmt: skip
        refusals += smart_gap_sale_refusals(sale, params_from(SmartGapParams, config))
    elif code == ProductCode.MOTOR_UK and inputs["motor"].get("ncd_protected"):
        motor = inputs["motor"]
        refusals += ncd_protection_refusals(
            motor["ncd_years"], inputs.get("fault_claims_past_two_years", 0),
            params_from(MotorUkParams, config),
        )  # fmt: skip
    elif code == ProductCode.FURTO_DANNI and inputs.get("eligibility"):
        refusals, details = _furto_danni(inputs, config, on, lang)
    return refusals, details


def _furto_danni(inputs, config, on, lang) -> tuple[list[Refusal], dict[str, Any]]:
    furto, facts = inputs["furto"], inputs["eligibility"]
    sale = SaleFacts(
        package=Package(furto["package"]),
        options=tuple(Option(o) for o in furto.get("options", ())),
        vehicle_type=facts["vehicle_type"],
        first_registration=facts["first_registration"],
        sale_date=facts.get("sale_date") or on,
        invoice_price=facts["invoice_price"],
        duration_years=furto["duration_years"],
        market_value=facts.get("market_value"),
        financed_by_lfs=facts.get("financed_by_lfs", False),
        first_sale_date=facts.get("first_sale_date"),
    )
    verdict = assess_eligibility(sale, params_from(FurtoDanniParams, config), lang)
    furto["insured_value"] = verdict.insured_value
    details = {
        "insured_value": verdict.insured_value,
        "vehicle_condition": verdict.vehicle_condition,
    }
    return list(verdict.refusals), details
