"""After the sale: cancelling a policy and changing it mid-term.

Each page first previews the figures (nothing is written), then a confirm button posts
the same answers back and the service works the figures out again. The figure the
member of staff saw is posted back only to be compared: if it no longer matches (the
day has turned, a change was made meanwhile), the new figure is shown to confirm again.
The policy always comes through policies_for(user): another dealer's policy is a 404.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from claims.selectors import claims_in_period
from dealers.conflicts import policy_changes
from dealers.markets import format_money
from dealers.money import round_money
from dealers.versioning import VersionConflict, version_of
from policies import selectors
from policies.forms import ANSWER_LABELS, CancellationForm, PolicyChangeForm, change_kinds
from policies.models import ChangeKind, Policy
from policies.refusals import SaleRefused

from .cancellation import cancellation_preview, policy_cancel
from .changes import change_preview, policy_change


class PolicyActionView(LoginRequiredMixin, View):
    template_name = ""

    def get_policy(self) -> Policy:
        return get_object_or_404(selectors.policies_for(self.request.user), pk=self.kwargs["pk"])

    def confirming(self) -> bool:
        return self.request.POST.get("action") == "confirm"

    def expected_version(self) -> int:
        """The policy's version when the page was opened (0, matching none: not posted)."""
        return version_of(self.request.POST.get("version")) or 0

    def conflict(self, policy: Policy, expected: int):
        """What changed on the policy since the page was opened; None: nothing."""
        return None if policy.version == expected else policy_changes(policy, expected)

    def refused(self, policy, form, refused: SaleRefused, **context):
        for r in refused.refusals:
            form.add_error(None, r.message)
        return self.show(policy, form, **context)

    def show(self, policy, form, **context):
        claims = claims_in_period(policy).order_by("loss_date")
        context = {"policy": policy, "form": form, "claims": claims, "version": policy.version,
                   **context}  # fmt: skip
        status = 409 if context.get("conflict") else 200
        return render(self.request, self.template_name, context, status=status)


class PolicyCancelView(PolicyActionView):
    template_name = "policies/policy_cancel.html"

    def get(self, request, pk):
        form = CancellationForm(initial={"cancel_on": timezone.localdate()})
        return self.show(self.get_policy(), form)

    def post(self, request, pk):
        policy, expected = self.get_policy(), self.expected_version()
        conflict = self.conflict(policy, expected)
        form = CancellationForm(request.POST)
        if not form.is_valid():
            return self.show(policy, form, conflict=conflict)
        on = form.cleaned_data["cancel_on"]
        try:
            preview = cancellation_preview(policy=policy, on=on, lang=request.user.language)
            shown = form.cleaned_data["shown_refund"] == preview.refund
            if self.confirming() and shown and conflict is None:
                try:
                    policy = policy_cancel(
                        policy=policy, on=on, reason=form.cleaned_data["reason"],
                        cancelled_by=request.user, expected_version=expected,
                    )  # fmt: skip
                except VersionConflict:  # saved by someone else since the check above
                    return self.post(request, pk)
                refund = format_money(policy.refund, policy.currency)
                messages.success(
                    request,
                    _("Policy %(number)s is cancelled. Refund to the customer: %(refund)s.")
                    % {"number": policy.number, "refund": refund},
                )
                return redirect("policies:policy-detail", pk=policy.pk)
        except SaleRefused as refused:
            return self.refused(policy, form, refused, conflict=conflict)
        return self.show(policy, form, preview=preview, conflict=conflict,
                         figures_changed=self.confirming() and conflict is None)  # fmt: skip


class PolicyChangeView(PolicyActionView):
    """The kind of change is in the URL (?kind=car), so each kind is its own short form."""

    template_name = "policies/policy_change.html"

    def get(self, request, pk):
        policy = self.get_policy()
        kind = self.kind(policy)
        initial = {**policy.answers, "effective_on": timezone.localdate()}
        for value in MONEY_CHANGES:  # a new car: no value to start from
            initial.pop(value, None)
        form = PolicyChangeForm(initial=initial, policy=policy, kind=kind)
        return self.show(policy, form, **self.kinds(policy, kind))

    def post(self, request, pk):
        policy, expected = self.get_policy(), self.expected_version()
        kind = self.kind(policy)
        form = PolicyChangeForm(request.POST, policy=policy, kind=kind)
        context = {**self.kinds(policy, kind), "conflict": self.conflict(policy, expected)}
        if not form.is_valid():
            return self.show(policy, form, **context)
        on, answers = form.cleaned_data["effective_on"], form.answers()
        try:
            difference = round_money(
                change_preview(
                    policy=policy, kind=kind, answers=answers, on=on, lang=request.user.language
                )
            )
            shown = form.cleaned_data["shown_difference"] == difference
            if self.confirming() and shown and context["conflict"] is None:
                try:
                    change = policy_change(
                        policy=policy, kind=kind, answers=answers, on=on, made_by=request.user,
                        expected_version=expected,
                    )  # fmt: skip
                except VersionConflict:  # saved by someone else since the check above
                    return self.post(request, pk)
                messages.success(request, change_done(change.get_kind_display(), difference,
                                                      policy.currency))  # fmt: skip
                return redirect("policies:policy-detail", pk=policy.pk)
        except SaleRefused as refused:
            return self.refused(policy, form, refused, **context)
        preview = {
            "difference": difference,
            "amount": abs(difference),
            "days_left": (policy.end_date - on).days,
            "rows": what_changes(form, policy),
        }
        figures_changed = self.confirming() and context["conflict"] is None
        return self.show(policy, form, preview=preview, figures_changed=figures_changed,
                         **context)  # fmt: skip

    def kind(self, policy: Policy) -> str:
        """The kind asked for, if the product offers it; else the first it offers."""
        kinds = change_kinds(policy)
        asked = self.request.GET.get("kind")
        return asked if asked in kinds else next(iter(kinds))

    def kinds(self, policy: Policy, kind: str) -> dict:
        offered = [(k, ChangeKind(k).label) for k in change_kinds(policy)]
        return {"kind": kind, "kind_label": ChangeKind(kind).label, "kinds": offered}


MONEY_CHANGES = ("vehicle_value", "agreed_value", "invoice_price")


def what_changes(form: PolicyChangeForm, policy: Policy) -> list[tuple[str, str, str]]:
    """(label, now, after the change) for each answer the change asks for."""
    rows = []
    for name in form.answer_fields:
        before, after = policy.answers.get(name, ""), form.cleaned_data[name]
        if name in MONEY_CHANGES:
            before = format_money(before, policy.currency) if before not in ("", None) else ""
            after = format_money(after, policy.currency)
        rows.append((ANSWER_LABELS[name], str(before), str(after)))
    return rows


def change_done(kind: str, difference: Decimal, currency: str) -> str:
    amount = format_money(abs(difference), currency)
    if difference > 0:
        text = _("%(kind)s change recorded: the customer pays %(amount)s more.")
    elif difference < 0:
        text = _("%(kind)s change recorded: the customer is refunded %(amount)s.")
    else:
        text = _("%(kind)s change recorded: the premium does not change.")
    return text % {"kind": kind, "amount": amount}
