"""The customer's renewal preference: whether a policy renews automatically, which the
customer may change until a cut-off before the end of cover (the product's
`preference_cutoff_days`); the daily job (policies.renewals) then acts on it."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from dealers.versioning import version_claim

from .models import Policy, PolicyStatus
from .rules.renewal import preference_may_change
from .selectors import policy_renews, renewal_params


def preference_closes_on(policy: Policy) -> date | None:
    """The last day the customer may change the renewal choice; None: no choice."""
    if policy.status != PolicyStatus.LIVE or not policy_renews(policy):
        return None
    return policy.end_date - timedelta(days=renewal_params(policy.product).preference_cutoff_days)


class PreferenceTooLate(Exception):
    """The renewal preference can no longer change for this period."""


def renewal_preference_set(
    *,
    policy: Policy,
    auto_renew: bool,
    on: date,
    changed_by,
    expected_version: int | None = None,
    by_customer: bool = False,
) -> Policy:
    """Opt the policy in or out of automatic renewal, up to the cut-off before its end.
    `expected_version` as for servicing.cancellation.policy_cancel: VersionConflict when
    changed since. `by_customer`: done by the customer on their own page (changed_by
    None), which the audit trail says."""
    with transaction.atomic():
        policy = (
            Policy.objects.select_for_update(of=("self",))
            .select_related("product")
            .get(pk=policy.pk)
        )
        version_claim(policy, expected_version)
        if policy.status != PolicyStatus.LIVE or not policy_renews(policy):
            raise PreferenceTooLate(_("Only a policy in force that renews has this choice."))
        params = renewal_params(policy.product)
        if not preference_may_change(policy.end_date, on, params):
            raise PreferenceTooLate(
                _("The renewal choice closed %(days)d days before the end of cover.")
                % {"days": params.preference_cutoff_days}
            )
        policy.auto_renew = auto_renew
        policy._history_user = changed_by
        policy._change_reason = "automatic renewal on" if auto_renew else "automatic renewal off"
        if by_customer:
            policy._change_reason += " (by the customer, on their page)"
        policy.save()
        return policy
