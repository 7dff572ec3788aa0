"""The customer changes their address on their page (issue 20). Where the new address
moves a premium (motor's rating area, Australia's state) or an answer a policy keeps
(Italy's province), each such live policy is shown with the difference for the rest of its
cover, worked out as staff's mid-term change works it (servicing.changes), and nothing is
saved until the customer confirms the figures for the versions the page showed. Then the
address and every change are saved in one transaction, recorded as done by the customer,
and confirmed to them by email. Which answers an address sets is the product's knowledge
(`ProductDefinition.address_answers`); the money is collected or refunded by the dealer,
as for any change."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from celery import shared_task
from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dealers.models import ON_THEIR_PAGE, Customer
from dealers.money import round_money
from dealers.versioning import version_claim
from policies.models import ChangeKind, Policy, PolicyChange, PolicyStatus
from policies.refusals import SaleRefused
from policies.selectors import settings_of
from policies.stored_answers import answers_decoded
from products.address import Address, AddressNotRated
from products.registry import product_definition
from servicing.changes import change_preview, policy_change

from .mail import customer_email_send

FIELDS = ("address_line1", "address_line2", "city", "region", "postcode")
REGION_LABELS = {
    "UK": gettext_lazy("County (optional)"),
    "IT": gettext_lazy("Province (two letters, e.g. RM)"),
    "AU": gettext_lazy("State or territory (e.g. NSW)"),
}


class AddressForm(forms.ModelForm):
    """The address, checked as the customer's record checks it for their market (a UK
    postcode, an Italian CAP and province, an Australian postcode and state)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Customer
        fields = FIELDS

    def __init__(self, *args, customer: Customer, **kwargs) -> None:
        # A copy: the form's cleaning writes to its instance, the session's stays as read.
        kwargs["instance"] = Customer.objects.select_related("dealer").get(pk=customer.pk)
        super().__init__(*args, **kwargs)
        market = customer.dealer.market
        self.fields["region"].label = REGION_LABELS[market]
        self.fields["region"].help_text = ""
        self.fields["region"].required = market != "UK"
        self.fields["address_line1"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["address_line2"].widget.attrs["autocomplete"] = "address-line2"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["region"].widget.attrs["autocomplete"] = "address-level1"
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"

    def address(self) -> Address:
        c = self.instance  # as the record's checks left it (a postcode with its space)
        return Address(c.address_line1, c.address_line2, c.city, c.region, c.postcode)


@dataclass(frozen=True)
class PolicyMove:
    """One live policy the new address changes: the answers it sets, what they were, and
    the premium difference (rounded) for the days of cover left from `on`."""

    policy: Policy
    answers: dict[str, Any]
    rows: tuple[tuple[str, str, str], ...]  # (what, now, after the change)
    difference: Decimal
    on: date

    @property
    def days_left(self) -> int:
        return (self.policy.end_date - self.on).days

    @property
    def amount(self) -> Decimal:
        return abs(self.difference)

    @property
    def shown(self) -> str:
        """What the page carries back: the version and the difference it showed."""
        return f"{self.policy.version}:{self.difference}"


class AddressRefused(Exception):
    """The new address cannot be taken as it is (a policy cannot be priced for it):
    nothing is saved; the message says why."""


def address_moves(customer: Customer, address: Address, today: date) -> list[PolicyMove]:
    """Each live policy of the customer whose answers the address changes, with its
    premium difference; AddressRefused when a product cannot price the address."""
    moves = []
    policies = (Policy.objects.filter(customer=customer, status=PolicyStatus.LIVE)
                .select_related("product", "dealer").order_by("start_date", "pk"))  # fmt: skip
    lang = customer.dealer.language
    for policy in policies:
        on = max(today, policy.start_date)
        if on > policy.end_date:  # ended, not yet expired by the daily job
            continue
        code = policy.product.code
        definition = product_definition(code)
        try:
            wanted = definition.address_answers(address, settings_of(policy.product))
            new = answers_decoded(code, wanted) if wanted else {}
        except (AddressNotRated, ValueError):  # ValueError: not one of its choices
            raise AddressRefused(not_rated(policy, customer)) from None
        now = answers_decoded(code, policy.answers, policy.answers_version)
        changed = {k: wanted[k] for k in wanted if now.get(k) != new[k]}
        if not changed:
            continue
        try:
            difference = change_preview(policy=policy, kind=ChangeKind.ADDRESS,
                                        answers=changed, on=on, lang=lang)  # fmt: skip
        except SaleRefused as refused:
            raise AddressRefused(" ".join(r.message for r in refused.refusals)) from None
        rows = tuple(_row(definition, k, now.get(k), new[k]) for k in changed)
        moves.append(PolicyMove(policy, changed, rows, round_money(difference), on))
    return moves


def _row(definition, name: str, before: Any, after: Any) -> tuple[str, str, str]:
    question = definition.answers.questions[name]
    labels = {value: str(label) for value, label in question.choices}
    shown = [labels.get(v, "" if v is None else str(v)) for v in (before, after)]
    return (str(question.label), *shown)


def not_rated(policy: Policy, customer: Customer) -> str:
    dealer = customer.dealer
    return _(
        "We cannot work out the premium of your %(product)s policy %(number)s at this "
        "postcode, so nothing has been changed. Check the postcode, or contact %(dealer)s."
    ) % {"product": policy.product.name, "number": policy.number,
         "dealer": " ".join(p for p in (dealer.name, dealer.phone) if p)}  # fmt: skip


def address_change(
    *, customer: Customer, address: Address, version: int, moves: list[PolicyMove],
    versions: dict[int, int],
) -> list[PolicyChange]:  # fmt: skip
    """Save the address on the customer's record at `version`, and each policy's change
    for the policy's version in `versions`, in one transaction: a record changed since
    the page was shown raises dealers.versioning.VersionConflict and nothing is saved."""
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer.pk)
        version_claim(customer, version)
        customer.address_line1, customer.address_line2 = address.line1, address.line2
        customer.city, customer.region, customer.postcode = (
            address.city,
            address.region,
            address.postcode,
        )
        customer._history_user = None
        customer._change_reason = f"address changed {ON_THEIR_PAGE}"
        customer.save()
        changes = [
            policy_change(
                policy=m.policy,
                kind=ChangeKind.ADDRESS,
                answers=m.answers,
                on=m.on,
                made_by=None,
                by_customer=True,
                expected_version=versions[m.policy.pk],
            )  # fmt: skip
            for m in moves
        ]
        customer_id, change_ids = customer.pk, [c.pk for c in changes]
        transaction.on_commit(lambda: send_address_confirmation_task.delay(customer_id, change_ids))
    return changes


@shared_task(name="portal.tasks.send_address_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_address_confirmation_task(customer_id: int, change_ids: list[int]) -> None:
    """The new address, and each policy's premium difference and who settles it."""
    customer = Customer.objects.select_related("dealer").get(pk=customer_id)
    changes = (PolicyChange.objects.filter(pk__in=change_ids)
               .select_related("policy__product").order_by("pk"))  # fmt: skip
    rows = [{"policy": c.policy, "difference": c.premium_difference,
             "amount": abs(c.premium_difference)} for c in changes]  # fmt: skip
    customer_email_send(customer, "customer_address", changes=rows)
