"""Policy pages: thin views over the scoped selectors (another dealer's policy is a 404)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dealers.conflicts import policy_changes
from dealers.models import by_the_customer
from dealers.versioning import VersionConflict, version_of
from dealers.views import ScopedDetailView, ScopedFilterView

from . import renewal_preferences, selectors
from .filters import PolicyFilter
from .rules.motor_uk import MOTOR_EXTRA_LABELS


class PolicyListView(ScopedFilterView):
    template_name = "policies/policy_list.html"
    filterset_class = PolicyFilter
    selector = staticmethod(selectors.policies_for)


class PolicyDetailView(ScopedDetailView):
    template_name = "policies/policy_detail.html"
    selector = staticmethod(selectors.policies_for)
    context_object_name = "policy"

    def get_context_data(self, **kwargs):
        policy = self.object
        return super().get_context_data(
            instalments=policy.instalments.all(),
            changes=policy.changes.select_related("made_by"),
            history=_by_whom(
                policy.history.select_related("history_user").order_by("-history_date")
            ),  # fmt: skip
            emails=policy.emails.select_related("requested_by").order_by("-requested_at", "-pk"),
            renewal_choice_until=renewal_preferences.preference_closes_on(policy),
            claims=policy.claims.order_by("-loss_date", "-pk"),
            cancelled_extras=[MOTOR_EXTRA_LABELS.get(c, c) for c in policy.cancelled_extras],
            **kwargs,
        )


def _by_whom(history) -> list:
    """The history rows, each saying whether the customer made it on their own page."""
    rows = list(history)
    for row in rows:
        row.by_customer = by_the_customer(row.history_user, row.history_change_reason)
    return rows


class RenewalPreferenceView(LoginRequiredMixin, View):
    """POST: switch automatic renewal on or off (until the cut-off before the end)."""

    def post(self, request, pk):
        policy = get_object_or_404(selectors.policies_for(request.user), pk=pk)
        auto_renew = request.POST.get("auto_renew") == "on"
        expected = version_of(request.POST.get("version")) or 0
        try:
            renewal_preferences.renewal_preference_set(
                policy=policy, auto_renew=auto_renew, on=timezone.localdate(),
                changed_by=request.user, expected_version=expected,
            )  # fmt: skip
        except renewal_preferences.PreferenceTooLate as e:
            messages.error(request, str(e))
        except VersionConflict as clash:
            messages.warning(request, changed_meanwhile(clash))
        else:
            messages.success(
                request,
                _("Automatic renewal is on.") if auto_renew else _("Automatic renewal is off."),
            )
        return redirect("policies:policy-detail", pk=policy.pk)


def changed_meanwhile(clash: VersionConflict) -> str:
    """The refusal of a renewal choice made on a page older than the policy."""
    changes = policy_changes(clash.current, clash.expected_version)
    what = "; ".join(f"{label}: {before} → {now}" for label, before, now in changes.theirs)
    text = _(
        "%(who)s changed this policy while you had it open, so your choice was not saved. "
        "It is shown below as it is now: choose again if you still want to."
    )
    who = changes.by or _("Someone")
    return f"{text % {'who': who}} {what}".strip()


class JobRunListView(LoginRequiredMixin, View):
    """The daily jobs' runs for managers: what each did, its errors, and its progress
    while it runs (the table refreshes itself through htmx until every run has ended)."""

    def get(self, request):
        if not (request.user.is_head_office or request.user.is_manager):
            raise PermissionDenied
        runs = selectors.job_runs_for(request.user)
        running = any(summary.run.finished_at is None for summary in runs)
        template = "policies/includes/job_runs.html" if request.htmx else "policies/job_runs.html"
        return render(request, template, {"runs": runs, "running": running})
