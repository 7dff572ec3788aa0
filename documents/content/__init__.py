"""What each product's documents say beyond the policy's own figures: the covers and their
limits, the excesses, who arranges the insurance, whom to call, the right to cancel, and
which documents the product has (PRODUCTS.md and the source documents in shared/seeds).

Limits the rules already hold (policies/rules/*Params) are read from there, through the
product settings head office edits, so that a schedule never disagrees with a claim. The
templates only lay out the Sections built here."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from documents.models import DocumentKind
from policies.models import Policy, PolicyStatus, ProductCode, for_product
from policies.selectors import policy_renews, renewal_params

from . import australia, furto_danni, motor, uk
from .common import Facts, ProductText, Section

ISSUED = (DocumentKind.SCHEDULE,)


@dataclass(frozen=True)
class ProductContent:
    covers: Callable[[Facts], list[Section]]
    text: ProductText | Callable[[Facts], ProductText]
    excesses: Callable[[Facts], list[Section]] = lambda facts: []
    issued: tuple[str, ...] = ISSUED  # made when the policy is sold


PRODUCTS: dict[str, ProductContent] = {
    ProductCode.ASSET_PROTECTOR: ProductContent(uk.asset_protector_covers,
                                                uk.ASSET_PROTECTOR_TEXT),
    ProductCode.SMART_COVER: ProductContent(uk.smart_cover_covers, uk.smart_cover_text),
    ProductCode.MOTOR_UK: ProductContent(
        motor.cover_sections, motor.text, motor.excess_sections,
        issued=(DocumentKind.SCHEDULE, DocumentKind.CERTIFICATE,
                DocumentKind.STATEMENT_OF_FACT, DocumentKind.IMPORTANT_INFORMATION),
    ),
    ProductCode.FURTO_DANNI: ProductContent(furto_danni.cover_sections, furto_danni.text,
                                            furto_danni.excess_sections),
    ProductCode.AU_COMPREHENSIVE: ProductContent(australia.cover_sections, australia.text,
                                                 australia.excess_sections),
    ProductCode.SMART_COMBINED_GAP: ProductContent(uk.smart_gap_covers, uk.smart_gap_text),
    ProductCode.SMART_LEASE_GAP: ProductContent(uk.smart_gap_covers, uk.smart_gap_text),
}  # fmt: skip


def content_of(code: str) -> ProductContent:
    return for_product(PRODUCTS, code)


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
    return content_of(policy.product.code).covers(Facts(policy))


def excess_sections(policy: Policy) -> list[Section]:
    return content_of(policy.product.code).excesses(Facts(policy))


def product_text(policy: Policy) -> ProductText:
    text = content_of(policy.product.code).text
    return text(Facts(policy)) if callable(text) else text


__all__ = ["Facts", "ProductText", "Section", "content_of", "cover_sections",
           "excess_sections", "kinds_due", "product_kinds", "product_text"]  # fmt: skip
