"""Writes for dealers, customers, vehicles and deals. Views, admin, commands and tasks call
these; they validate the whole object (model.full_clean) so no caller can skip a rule."""

import hashlib
import secrets
import socket
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, Customer, Deal, Dealer, User, Vehicle, WorkerHeartbeat
from .selectors import dealers_for, sellers_for
from .versioning import versioned_save

API_TOKEN_PREFIX = "dit_"  # noqa: S105 # nosec B105 # a visible prefix, not a secret


def _check_dealer(user: User, dealer: Dealer) -> None:
    if not dealers_for(user).filter(pk=dealer.pk).exists():
        raise PermissionDenied(_("You cannot work on this dealer's records."))


def _check_not_erased(customer: Customer) -> None:
    if customer.erased_at is not None:
        raise PermissionDenied(_("This customer's personal data was erased on request."))


def _apply(instance: Any, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)


class AlreadyCreated(Exception):  # noqa: N818 - not an error: the page was posted before
    """The create form with this key was posted before: `record` is what it made."""

    def __init__(self, record: Customer | Deal) -> None:
        super().__init__(f"{record._meta.label} {record.pk}")
        self.record = record


def _check_key_unused(model: type[Customer] | type[Deal], form_key: str | None) -> None:
    if form_key and (done := model.objects.filter(form_key=form_key).first()) is not None:
        raise AlreadyCreated(done)


@transaction.atomic
def customer_create(
    *, dealer: Dealer, created_by: User, data: dict[str, Any], form_key: str | None = None
) -> Customer:
    """Create a customer of `dealer`, validated against the dealer's market. `form_key`:
    the stored key of the page it was typed on (dealers.form_keys); a page posted again
    raises AlreadyCreated with the first customer (the unique key settles a race)."""
    _check_dealer(created_by, dealer)
    _check_key_unused(Customer, form_key)
    customer = Customer(dealer=dealer, created_by=created_by, form_key=form_key or None)
    _apply(customer, data)
    customer.full_clean()
    customer.save()
    return customer


@transaction.atomic
def customer_update(
    *, customer: Customer, updated_by: User, data: dict[str, Any], expected_version: int | None
) -> Customer:
    """Save the customer's new details if nobody saved it since `expected_version` (the
    version the page showed; None: no check, for jobs), else VersionConflict."""
    _check_dealer(updated_by, customer.dealer)
    _check_not_erased(customer)
    _apply(customer, data)
    customer.full_clean()
    versioned_save(customer, expected_version=expected_version)
    return customer


@transaction.atomic
def vehicle_update(
    *, vehicle: Vehicle, updated_by: User, data: dict[str, Any], expected_version: int | None
) -> Vehicle:
    """As customer_update, for a vehicle."""
    _check_dealer(updated_by, vehicle.dealer)
    _check_not_erased(vehicle.customer)
    _apply(vehicle, data)
    vehicle.full_clean()
    versioned_save(vehicle, expected_version=expected_version)
    return vehicle


@transaction.atomic
def deal_update(
    *, deal: Deal, updated_by: User, data: dict[str, Any], expected_version: int | None
) -> Deal:
    """As customer_update, for a deal's own details (seller, dates, reference, notes)."""
    _check_dealer(updated_by, deal.dealer)
    _check_not_erased(deal.customer)
    salesperson = data.get("salesperson")
    if (
        salesperson
        and not sellers_for(updated_by).filter(pk=salesperson.pk, dealer=deal.dealer_id).exists()
    ):
        raise ValidationError({"salesperson": _("The seller must work at this dealer.")})
    _apply(deal, data)
    deal.full_clean()
    versioned_save(deal, expected_version=expected_version)
    return deal


@transaction.atomic
def deal_create(
    *,
    dealer: Dealer,
    created_by: User,
    salesperson: User,
    customer: Customer | None = None,
    customer_data: dict[str, Any] | None = None,
    vehicle_data: dict[str, Any],
    deal_data: dict[str, Any],
    form_key: str | None = None,
) -> Deal:
    """Create a deal in one transaction: an existing customer or a new one from
    `customer_data`, the vehicle from `vehicle_data`, and the deal itself. Nothing is
    saved unless all three are valid. `form_key` as for customer_create: the new-deal
    page posted again (double click, back and save) raises AlreadyCreated, and makes no
    second customer or vehicle either."""
    _check_dealer(created_by, dealer)
    _check_key_unused(Deal, form_key)
    if not sellers_for(created_by).filter(pk=salesperson.pk, dealer=dealer).exists():
        raise ValidationError({"salesperson": _("The seller must work at this dealer.")})
    if customer is None:
        if customer_data is None:
            raise ValueError("deal_create needs a customer or customer_data")
        customer = customer_create(dealer=dealer, created_by=created_by, data=customer_data)
    elif customer.dealer_id != dealer.pk:
        raise ValidationError({"customer": _("This customer belongs to another dealer.")})
    else:
        _check_not_erased(customer)
    vehicle = Vehicle(dealer=dealer, customer=customer)
    _apply(vehicle, vehicle_data)
    vehicle.full_clean()
    vehicle.save()
    deal = Deal(
        dealer=dealer,
        customer=customer,
        vehicle=vehicle,
        salesperson=salesperson,
        created_by=created_by,
        form_key=form_key or None,
    )
    _apply(deal, deal_data)
    deal.full_clean()
    deal.save()
    return deal


def api_token_issue(*, user: User) -> tuple[ApiToken, str]:
    """Make a new API key for `user`. Returns the token and the key, which is shown once:
    only its SHA-256 is stored."""
    key = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, prefix=key[:12], key_hash=hashlib.sha256(key.encode()).hexdigest()
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])  # the post_save signal forgets the cached token


def worker_heartbeat_record(*, hostname: str | None = None) -> WorkerHeartbeat:
    return WorkerHeartbeat.objects.create(
        hostname=hostname or socket.gethostname(), seen_at=timezone.now()
    )


def today() -> date:
    return timezone.localdate()
