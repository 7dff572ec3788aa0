"""{% cooling_off policy as period %}: the policy's cooling-off period on the customer's
page (portal.cancellation.CoolingOff: its last day, and whether it is still open)."""

from django import template
from django.utils import timezone

from portal.cancellation import cooling_off_of

register = template.Library()


@register.simple_tag
def cooling_off(policy):
    return cooling_off_of(policy, timezone.localdate())
