"""The policies app's models, one module a subject: the products and the rates head
office edits (catalogue), the sale on a deal (sale), the quote given at the desk (quote),
the policy itself (policy), the GAP sale at a distance (distance) and the daily jobs'
records (jobs). Everything is importable from `policies.models`, as the migrations and
the rest of the code expect."""

from products.registry import UnknownProduct  # the registry's: an error everywhere

from .catalogue import (
    MONEY,
    RATE,
    CommissionRate,
    Fee,
    Product,
    ProductSetting,
    RateCard,
    RateCardEntry,
    TaxRate,
    registered_product,
)
from .distance import DistanceOffer, DistanceState
from .jobs import JobChunk, JobRun, RenewalPayment
from .policy import (
    ChangeKind,
    Instalment,
    PaymentPlan,
    Policy,
    PolicyChange,
    PolicyNumberSequence,
    PolicyStatus,
)
from .quote import Quote, QuoteEmail
from .sale import Decision, DeclineReason, DemandsNeeds, Disclosure, DisclosureMethod, Offer
from .signature import SignedStatement, StatementKind

__all__ = [
    "MONEY",
    "RATE",
    "ChangeKind",
    "CommissionRate",
    "Decision",
    "DeclineReason",
    "DemandsNeeds",
    "Disclosure",
    "DistanceOffer",
    "DistanceState",
    "DisclosureMethod",
    "Fee",
    "Instalment",
    "JobChunk",
    "JobRun",
    "Offer",
    "PaymentPlan",
    "Policy",
    "PolicyChange",
    "PolicyNumberSequence",
    "PolicyStatus",
    "Product",
    "Quote",
    "QuoteEmail",
    "ProductSetting",
    "RateCard",
    "RateCardEntry",
    "RenewalPayment",
    "SignedStatement",
    "StatementKind",
    "TaxRate",
    "UnknownProduct",
    "registered_product",
]
