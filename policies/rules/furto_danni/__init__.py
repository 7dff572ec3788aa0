"""Polizza Furto e Danni, Italy (PRODUCTS.md §4, seed 001): packages Blu, Rosso, Giallo.

- `settle_claim`: settlement of a claim (API.md it-settlement).
- `assess_eligibility`: whether a package and options can be sold, and the insured value
  (API.md it-eligibility).
- `covers`: what each package includes and the limits of the other covers.
"""

from .covers import (
    MobilityExpenses,
    ReimbursedItem,
    Reimbursement,
    SpecialExpense,
    base_partial_year_payable,
    claim_is_covered,
    courtesy_car_days,
    fattura_rimborsata_refund,
    included_covers,
    kasko_finanziaria_benefit,
    mobility_refund,
    ownership_tax_refund,
    protezione_franchigia_refund,
    restart_benefit,
    special_expenses_refund,
    tyre_refund,
)
from .eligibility import (
    Eligibility,
    SaleFacts,
    assess_eligibility,
    insured_value,
    vehicle_condition,
)
from .params import (
    CURRENCY,
    DEFAULT_PARAMS,
    Condition,
    Cover,
    CoverLimits,
    DamageKind,
    Franchigia,
    FurtoDanniParams,
    IncludedCover,
    InvalidInput,
    MissingMarketValue,
    Option,
    Package,
    Scoperto,
    TotalLossScoperto,
)
from .settlement import ClaimFacts, Settlement, settle_claim

__all__ = [
    "CURRENCY",
    "DEFAULT_PARAMS",
    "ClaimFacts",
    "Condition",
    "Cover",
    "CoverLimits",
    "DamageKind",
    "Eligibility",
    "Franchigia",
    "FurtoDanniParams",
    "IncludedCover",
    "InvalidInput",
    "MissingMarketValue",
    "MobilityExpenses",
    "Option",
    "Package",
    "Reimbursement",
    "ReimbursedItem",
    "SaleFacts",
    "Scoperto",
    "Settlement",
    "SpecialExpense",
    "TotalLossScoperto",
    "assess_eligibility",
    "base_partial_year_payable",
    "claim_is_covered",
    "courtesy_car_days",
    "fattura_rimborsata_refund",
    "included_covers",
    "insured_value",
    "kasko_finanziaria_benefit",
    "mobility_refund",
    "ownership_tax_refund",
    "protezione_franchigia_refund",
    "restart_benefit",
    "settle_claim",
    "special_expenses_refund",
    "tyre_refund",
    "vehicle_condition",
]
