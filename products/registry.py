"""The registry: the product of a code, and every product that is sold.

A product is a `ProductDefinition` declared in its own package (catalog/<product>/) and
listed by dotted path in `settings.INSURANCE_PRODUCTS`, the way Django lists its apps.
The apps ask the registry, never a product package: policies prices and sells through the
definition, claims takes its claim form and assessor from it, documents its content, the
demo its reference data. A code no registered product has is an error (UnknownProduct),
never priced or handled as some other product.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .address import Address
from .answers import Answers


class UnknownProduct(LookupError):
    """A product code no registered product has: an error, never priced or handled as some
    other product."""


@dataclass(frozen=True)
class Reference:
    """What head office starts a product with: its row, readings, rates, taxes, fees and
    commission (illustrative figures; head office edits them). `taxes` rows are
    (code, label, rate, region, tax_class, on_taxes, position); `fees` (code, label,
    amount)."""

    market: str
    currency: str
    insurer: str
    brand: str = "lexus"
    renewable: bool = False
    on_sale: bool = True  # False: loaded, and offered once head office puts it on sale
    settings: Mapping[str, Any] = field(default_factory=dict)
    contacts: Mapping[str, tuple[Any, str]] = field(default_factory=dict)
    # Readings of the seeds head office is to confirm, each as (value, what it means and
    # where it comes from): created as settings with that description.
    readings: Mapping[str, tuple[Any, str]] = field(default_factory=dict)
    rates: Mapping[str, Decimal] = field(default_factory=dict)
    taxes: tuple[tuple, ...] = ()
    fees: tuple[tuple[str, str, Decimal], ...] = ()
    commission: Decimal | None = None
    effective_from: date = date(2024, 1, 1)


@dataclass(frozen=True)
class DemoSales:
    """How the demo book (demo/book.py) sells a product on its deals: the share of offers
    taken up, the answers for a deal (`answers(rng, deal, sold_on)`), the ways of paying
    it picks from, the day of the sale (`sold_on(deal)`; None: the deal's date), the
    claim a policy may make, as (event, facts) for its claim form (None: no demo claim),
    and what its proposal asked (None: nothing beyond the answers).
    ILLUSTRATIVE figures for the dashboards."""

    take_up: float
    answers: Callable[[Any, Any, date], dict[str, Any]]
    plans: tuple[str, ...] = ("single",)
    sold_on: Callable[[Any], date] | None = None
    claim: tuple[str, dict[str, str]] | None = None
    # What the proposal asked at the sale (`proposal(rng, deal, sold_on)`; motor: drivers).
    proposal: Callable[[Any, Any, date], dict[str, Any]] | None = None


class ProductDefinition:
    """Everything about one product. A subclass declares what its product does; the hooks
    with no default below must be given (`make lint` runs Django's checks, and
    tests/products/test_registry.py, which refuse a product that leaves one out).

    Selling (policies): `answers` (the typed questions: the menu's form, the quote API's
    validation and its OpenAPI schema are derived from it), `record_facts`, `packages`,
    `needs`, `quote_inputs`, `components`, `refusals`, `unavailable_options`,
    `instalments`.
    After the sale: `refund`, `cooling_off_refund`, `cancelled_extras`, `change_answers`,
    `address_answers`, `renewal_context`, `renewal_answers`.
    Claims: `claim_form`, `assess`, `cover_from_delivery`. Documents: `documents`.
    Reference data and the demo book: `reference`, `demo`."""

    code: ClassVar[str]
    label: ClassVar[Any]  # a lazy string: the product's name in the language of the page

    # -- selling ---------------------------------------------------------------------
    # The typed questions: the menu's form, the quote API's validation and its OpenAPI
    # schema, and the stored answers are all derived from it.
    answers: ClassVar[type[Answers] | None] = None
    # Answers the deal's records give (taken from the records, never from the browser).
    record_facts: ClassVar[tuple[str, ...]] = ()
    # Columns of the menu: one per package (code, label); () is one column.
    packages: ClassVar[tuple[tuple[str, str], ...]] = ()
    # The customer's needs it meets (code, label), offered in the demands and needs of a
    # dealer that sells it.
    needs: ClassVar[tuple[tuple[str, Any], ...]] = ()

    def quote_inputs(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The quote service's inputs from the validated flat answers."""
        raise NotImplementedError

    def components(
        self, inputs: dict[str, Any], rates: dict[str, Decimal], lang: str, discount: Decimal
    ) -> list:
        """The premium's components (policies.rules.pricing.Component) before taxes."""
        raise NotImplementedError

    def refusals(
        self, inputs: dict[str, Any], config: dict[str, Any], on: date, lang: str
    ) -> tuple[list, dict[str, Any]]:
        """(why it cannot be sold, details the rules worked out for pricing)."""
        return [], {}

    def unavailable_options(
        self, answers: dict[str, Any], config: dict[str, Any], on: date, lang: str
    ) -> dict[str, str | None]:
        """The choices of its `options` question the flat `answers` rule out, each on its
        own: None for an option the package cannot have at all (not offered), else the
        reason the vehicle or the answers rule it out (offered greyed, with the reason).
        `answers` may be incomplete (the menu before every question is answered): judge
        what they allow. The menu prices the package without these options, so one refused
        option never blanks a package."""
        return {}

    def instalments(self, inputs: dict[str, Any]) -> int:
        """How many instalments a monthly plan has."""
        return 12

    # -- after the sale --------------------------------------------------------------
    # The answer each kind of change (policies.models.ChangeKind) asks for.
    change_answers: ClassVar[Mapping[str, tuple[str, ...]]] = {"address": ()}

    def refund(self, cancellation: Any, fee: Decimal, lang: str) -> Any:
        """The refund (policies.rules.smart_cover.CancellationRefund) of a cancellation
        (policies.rules.smart_cover.Cancellation), the premium paid in full."""
        raise NotImplementedError

    def cooling_off_refund(self, cancellation: Any, fee: Decimal, lang: str, days: int) -> Any:
        """The refund of a cancellation within the product's cooling-off period (its
        `cooling_off_days` setting, `days`), when it differs from `refund`; None: the
        same as any cancellation."""
        return None

    def address_answers(self, address: Address, config: Mapping[str, Any]) -> dict[str, Any]:
        """The answers the customer's address sets (as stored: JSON values), read with the
        product's settings `config`; {}: the address sets none. Raises
        products.address.AddressNotRated when the product cannot price the address."""
        return {}

    def cancelled_extras(self, answers: Mapping[str, Any]) -> list[str]:
        """The optional extras that end with the policy."""
        return []

    def renewal_context(self, policies: list) -> Any:
        """What renewal_answers needs, read once for many of the product's policies at
        renewal (motor: which have claims); None: renewal_answers reads it itself."""
        return None

    def renewal_answers(self, policy: Any, answers: dict[str, Any], context: Any) -> dict:
        """The answers the renewal is priced on, from the policy's (typed) answers;
        `context`: what renewal_context read, or None."""
        return answers

    # -- the sale --------------------------------------------------------------------
    # What the proposal asks at the sale beyond the priced answers (motor: the drivers): a
    # form taking `answers=` and `customer=`, with .proposal() -> what the policy keeps.
    proposal_form: ClassVar[type | None] = None

    # -- claims ----------------------------------------------------------------------
    claim_form: ClassVar[type | None] = None  # claims.forms.ClaimForm subclass
    # The assessor checks the loss date against the cover itself (Asset Protector's
    # cover runs from delivery, not from the policy's start).
    cover_from_delivery: ClassVar[bool] = False

    def assess(self, claim: Any, facts: dict[str, Any]) -> Any:
        """The claim's claims.assessment.Assessment from its typed facts."""
        raise NotImplementedError

    # -- documents -------------------------------------------------------------------
    documents: ClassVar[Any] = None  # documents.content.ProductContent

    # -- reference data and the demo -------------------------------------------------
    reference: ClassVar[Reference | None] = None

    demo: ClassVar[DemoSales | None] = None  # not sold by the demo book

    REQUIRED: ClassVar[tuple[str, ...]] = (
        "quote_inputs", "components", "refund", "assess",
    )  # fmt: skip

    def missing(self) -> list[str]:
        """What the product leaves undeclared (empty: the product is complete)."""
        gaps = [h for h in self.REQUIRED
                if getattr(type(self), h) is getattr(ProductDefinition, h)]  # fmt: skip
        for name in ("code", "label"):
            if not getattr(self, name, None):
                gaps.append(name)
        for name in ("answers", "claim_form", "documents", "reference"):
            if getattr(self, name) is None:
                gaps.append(name)
        return gaps

    def __repr__(self) -> str:
        return f"<product {self.code}>"


@cache
def _registry() -> dict[str, ProductDefinition]:
    products: dict[str, ProductDefinition] = {}
    for path in settings.INSURANCE_PRODUCTS:
        product = import_string(path)()
        if product.code in products:
            raise ValueError(f"Two products have the code {product.code!r}: {path}.")
        products[product.code] = product
    return products


def registry_reload() -> None:
    """Read settings.INSURANCE_PRODUCTS again (a test that registers a product)."""
    _registry.cache_clear()


def product_definition(code: str) -> ProductDefinition:
    """The registered product of `code`, or UnknownProduct."""
    try:
        return _registry()[code]
    except (KeyError, TypeError):
        raise UnknownProduct(_("There is no product %(code)s.") % {"code": code}) from None


def product_definitions() -> Iterator[ProductDefinition]:
    return iter(_registry().values())


def product_codes() -> tuple[str, ...]:
    return tuple(_registry())


def product_choices() -> list[tuple[str, Any]]:
    """(code, name) of every registered product, for forms, filters and the API."""
    return [(p.code, p.label) for p in _registry().values()]
