"""The customer's renewal preference: whether a policy renews automatically, which the
customer may change until a cut-off before the end of cover (the product's
`preference_cutoff_days`); and the acceptance of the invitation's offer by a customer whose
policy does not renew by itself, up to the day before it ends. The daily job
(policies.renewals) then acts on either: it takes the payment and renews."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.versioning import version_claim

from .models import Policy, PolicyStatus
from .renewal_offer import PaymentChoice, renewal_offer
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


def renewal_acceptable(policy: Policy, on: date) -> bool:
    """Whether the customer may accept the invitation's offer on `on`: invited, not
    renewing by itself, and before the day it ends (the job lapses it that morning)."""
    return (policy.status == PolicyStatus.LIVE and not policy.auto_renew
            and policy.invited_on is not None and on < policy.end_date
            and policy_renews(policy))  # fmt: skip


class RenewalPriceChanged(Exception):
    """The offer's price is no longer the one the page showed."""

    def __init__(self, choice: PaymentChoice):
        super().__init__(str(choice.total))
        self.choice = choice


def renewal_accept(
    *, policy: Policy, on: date, shown_total: Decimal | None, expected_version: int | None
) -> PaymentChoice:
    """The customer accepts, on their page, the renewal offered for the policy at the price
    the page showed: the policy renews as one opted in (its payment taken and renewed by
    the daily job). The version and the price are checked first: a stale page or a price
    changed since (VersionConflict, RenewalPriceChanged) accepts nothing."""
    with transaction.atomic():
        policy = (Policy.objects.select_for_update(of=("self",)).select_related("product")
                  .get(pk=policy.pk))  # fmt: skip
        version_claim(policy, expected_version)
        if not renewal_acceptable(policy, on):
            raise PreferenceTooLate(_("This policy has no renewal offer to accept."))
        choice = renewal_offer(policy).choice(policy.payment_plan)
        if shown_total != choice.total:
            raise RenewalPriceChanged(choice)
        policy.auto_renew = True
        policy.renewal_accepted_at = timezone.now()
        policy._history_user = None
        policy._change_reason = "renewal accepted by the customer, on their page"
        policy.save()
        return choice
