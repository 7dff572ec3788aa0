"""The customer cancels a policy on their page within its cooling-off period (issue 20):
the refund first, worked out as staff's cancellation works it (servicing.cancellation:
the product's cooling-off rule), then a confirmation for the version of the policy and
the refund the page showed. The cancellation is recorded as done by the customer, its
documents emailed as for any cancellation, and the customer is sent a confirmation. After
the period the page says whom to contact; the refund is paid by the dealer, as today."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from celery import shared_task
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dealers.versioning import VersionConflict, version_of
from policies.models import Policy, PolicyStatus
from policies.refusals import SaleRefused
from servicing.cancellation import cancellation_preview, cooling_off_ends, policy_cancel

from .mail import customer_email_send
from .session import CustomerRequired


@dataclass(frozen=True)
class CoolingOff:
    ends: date  # its last day
    open: bool  # the customer may still cancel on their page


def cooling_off_of(policy: Policy, today: date) -> CoolingOff | None:
    """The policy's cooling-off period, if its product has one and the policy is in force."""
    if policy.status != PolicyStatus.LIVE:
        return None
    ends = cooling_off_ends(policy)
    return None if ends is None else CoolingOff(ends, today <= ends)


class CoolingOffOver(Exception):
    """The cooling-off period has ended: the customer cancels through the dealer."""


def customer_cancel(*, policy: Policy, version: int, reason: str) -> Policy:
    """Cancel the policy for the customer, from today (or from its start, if it has not
    started), within its cooling-off period; confirmed to them by email on commit."""
    today = timezone.localdate()
    with transaction.atomic():
        period = cooling_off_of(policy, today)
        if period is None or not period.open:
            raise CoolingOffOver
        policy = policy_cancel(policy=policy, on=max(today, policy.start_date), reason=reason,
                               cancelled_by=None, by_customer=True,
                               expected_version=version)  # fmt: skip
        policy_id = policy.pk
        transaction.on_commit(lambda: send_cancellation_confirmation_task.delay(policy_id))
    return policy


@shared_task(name="portal.tasks.send_cancellation_confirmation_task", ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=60, max_retries=5)  # fmt: skip
def send_cancellation_confirmation_task(policy_id: int) -> None:
    policy = Policy.objects.select_related("customer__dealer", "product").get(pk=policy_id)
    customer_email_send(policy.customer, "customer_cancelled", policy=policy)


class CancelView(CustomerRequired, View):
    """GET: the refund if cancelled today, and the button to confirm; after the period,
    whom to contact. POST: the cancellation, for the version and refund shown."""

    def get(self, request, pk):
        return self.show(self.get_policy(pk))

    def post(self, request, pk):
        policy = self.get_policy(pk)
        period = cooling_off_of(policy, timezone.localdate())
        if period is None or not period.open:
            return self.show(policy)
        try:
            preview = self.preview(policy)
        except SaleRefused:
            return self.show(policy)
        version = version_of(request.POST.get("version")) or 0
        if version != policy.version or _money(request.POST.get("shown_refund")) != preview.refund:
            return self.show(policy, figures_changed=True)
        try:
            policy = customer_cancel(policy=policy, version=version,
                                     reason=_("Cancelled by the customer within the "
                                              "cooling-off period"))  # fmt: skip
        except (VersionConflict, CoolingOffOver, SaleRefused):
            messages.error(request, _("Your policy changed while the page was open, so it was "
                                      "not cancelled: check it below."))  # fmt: skip
            return redirect("portal:cancel", pk=policy.pk)
        messages.success(request, _("Your policy %(number)s is cancelled, and we have emailed "
                                    "you a confirmation.") % {"number": policy.number})  # fmt: skip
        return redirect("portal:home")

    def get_policy(self, pk) -> Policy:
        return get_object_or_404(Policy.objects.select_related("product", "dealer"), pk=pk,
                                 customer=self.request.customer)  # fmt: skip

    def preview(self, policy: Policy):
        on = max(timezone.localdate(), policy.start_date)
        return cancellation_preview(policy=policy, on=on, lang=policy.dealer.language)

    def show(self, policy: Policy, figures_changed: bool = False):
        customer = self.request.customer
        period = cooling_off_of(policy, timezone.localdate())
        context = {"customer": customer, "dealer": customer.dealer, "policy": policy,
                   "period": period, "figures_changed": figures_changed}  # fmt: skip
        if period is not None and period.open:
            try:
                preview = self.preview(policy)
            except SaleRefused as refused:
                context["refusals"] = [r.message for r in refused.refusals]
            else:
                context |= {"preview": preview, "on": max(timezone.localdate(), policy.start_date)}
        return render(self.request, "portal/cancel.html", context)


def _money(value) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None
