"""Helpers to sell a policy and notify a claim against it, through the real forms and
services."""

from datetime import timedelta
from decimal import Decimal

from claims.forms import form_for
from claims.services import claim_notify
from dealers.form_keys import form_key_issue
from policies.models import Policy, RateCard
from policies.rules.common import add_months
from policies.selectors import config_cache_clear
from tests.policies.selling import GAP, MOTOR, TODAY, deal_for, disclosed, sell

ROSSO = {"package": "rosso", "options": [], "vehicle_type": "autovettura",
         "invoice_price": Decimal("40000"), "financed_by_lfs": False, "province": "RM"}  # fmt: skip
AU = {"state": "NSW", "agreed_value": Decimal("60000"), "youngest_driver_age": 40,
      "business_use": False, "lifetime_rating_1": False, "voluntary_excess": 0,
      "excess_free_glass": False, "licence_type": "full", "licence_years": 20}  # fmt: skip


def sold(dealer, code, answers=None, *, start=None, plan="single", term=12, **vehicle):
    """A policy of `code` that started on `start` (default: 100 days ago)."""
    start = start or TODAY - timedelta(days=100)
    if add_months(start, 0) < RateCard.objects.order_by("effective_from").first().effective_from:
        RateCard.objects.update(effective_from=start.replace(day=1))
        config_cache_clear()
    defaults = {
        "motor-uk": MOTOR, "au-comprehensive": AU,
        "furto-danni": {**ROSSO, "duration_years": term // 12, "first_registration": start,
                        "sale_date": start},
        "asset-protector": {**GAP, "term_months": 36},
        "smart-cover": {"term_months": 12, "sale_date": start,
                        "delivery_date": start + timedelta(days=7)},
        "smart-combined-gap": {**GAP, "first_registration": start},
        "smart-lease-gap": {**GAP, "first_registration": start},
    }[code]  # fmt: skip
    if code == "smart-cover":  # registered before the delivery the answers give
        vehicle.setdefault("first_registration_date", start)
    deal = deal_for(dealer, **vehicle)
    disclosed(deal, code, given_on=start - timedelta(days=3))
    return sell(deal, code, {**defaults, **(answers or {})}, plan=plan, on=start)


def claim_data(policy, event, loss_date=None, **facts):
    loss_date = loss_date or TODAY - timedelta(days=5)
    data = {
        "event": event,
        "loss_date": loss_date.isoformat(),
        "reported_date": facts.pop("reported_date", TODAY).isoformat(),
        "description": "",
    }
    initial = form_for(policy).initial
    for name, value in {**initial, **facts}.items():
        if value is None or name in ("loss_date", "reported_date", "event"):
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def keyed(policy, user, data):
    """`data` with the notify form's key, as the page issues it to `user`."""
    key = form_key_issue(user_id=user.pk, purpose="claim", subject=f"policy:{policy.pk}")
    return {**data, "submission_key": key}


def notify(policy, event, loss_date=None, by=None, **facts):
    form = form_for(policy, claim_data(policy, event, loss_date, **facts))
    assert form.is_valid(), form.errors
    return claim_notify(policy=policy, form=form, notified_by=by or policy.sold_by)


def refreshed(policy):
    return Policy.objects.get(pk=policy.pk)
