"""What each product's documents say beyond the policy's own figures: the covers and their
limits, the excesses, who arranges the insurance, whom to call, the right to cancel, and
which documents the product has (PRODUCTS.md and the source documents in shared/seeds).

Limits the rules already hold (policies/rules/*Params) are read from there, through the
product settings head office edits, so that a schedule never disagrees with a claim. The
templates only lay out the Sections built here."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from documents.models import DocumentKind
from policies.models import Policy, PolicyStatus
from policies.selectors import policy_renews, renewal_params
from products.registry import product_definition

from .common import DocumentFacts, ProductText, Section

ISSUED = (DocumentKind.SCHEDULE,)


def _none(facts: DocumentFacts) -> list:
    return []


@dataclass(frozen=True)
class ProductContent:
    """What a product's documents say: declared by the product (catalog/<product>/),
    laid out by the templates."""

    covers: Callable[[DocumentFacts], list[Section]]
    text: ProductText | Callable[[DocumentFacts], ProductText]
    excesses: Callable[[DocumentFacts], list[Section]] = _none
    issued: tuple[str, ...] = ISSUED  # made when the policy is sold
    # The answer the premium was worked out on, shown with the vehicle: (answer, label).
    value: tuple[str, Any] | None = None
    # More rows about the vehicle on the schedule (the motor wording's imported car).
    vehicle_rows: Callable[[DocumentFacts], list[tuple[str, str]]] = _none
    # More of a document's context, by kind: the Italian schedule's own rows and
    # references, the motor certificate's drivers, the Statement of Fact's answers.
    parts: Mapping[str, Callable[[DocumentFacts], dict[str, Any]]] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)  # kinds with their own title
    extra_labels: Mapping[str, Any] = field(default_factory=dict)  # optional extras' names
    key_protect: bool = False  # the cancellation letter says Key Protect ends too
    # Renews itself unless the customer says no: the invitation gives the payment day
    # and the no claims discount.
    auto_renewal: bool = False


def content_of(code: str) -> ProductContent:
    return product_definition(code).documents


def product_kinds(policy: Policy) -> tuple[str, ...]:
    """Every kind of document the policy's product can have."""
    kinds = content_of(policy.product.code).issued + (DocumentKind.CANCELLATION,)
    if policy.product.renewable:
        kinds += (DocumentKind.RENEWAL_INVITATION,)
    return kinds


def kinds_due(policy: Policy, on: date) -> tuple[str, ...]:
    """The kinds of document the policy should have on `on`: those made at the sale, the
    cancellation confirmation once cancelled, the renewal invitation once it is due."""
    kinds = content_of(policy.product.code).issued
    if policy.status == PolicyStatus.CANCELLED:
        kinds += (DocumentKind.CANCELLATION,)
    # due when the daily renewal job invites (policies.rules.renewal)
    notice = policy.end_date - timedelta(days=renewal_params(policy.product).invite_days)
    if policy_renews(policy) and policy.status == PolicyStatus.LIVE and on >= notice:
        kinds += (DocumentKind.RENEWAL_INVITATION,)
    return kinds


def cover_sections(policy: Policy) -> list[Section]:
    return content_of(policy.product.code).covers(DocumentFacts(policy))


def excess_sections(policy: Policy) -> list[Section]:
    return content_of(policy.product.code).excesses(DocumentFacts(policy))


def product_text(policy: Policy) -> ProductText:
    text = content_of(policy.product.code).text
    return text(DocumentFacts(policy)) if callable(text) else text


__all__ = ["DocumentFacts", "ProductText", "Section", "content_of", "cover_sections",
           "excess_sections", "kinds_due", "product_kinds", "product_text"]  # fmt: skip
