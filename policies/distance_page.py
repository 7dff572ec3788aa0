"""Staff's follow-up list of GAP sales at a distance (policies.distance): each product
information emailed with its price, waiting out the deferral, ready to buy, bought online
by the customer, sold at the desk or lapsed; for the user's dealer (a manager's group,
head office all)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from .distance import offers_for, sold_at_the_desk
from .models import DistanceState

SHOWN = 500  # the newest; older ones are in the admin


class DistanceListView(LoginRequiredMixin, View):
    def get(self, request):
        today = timezone.localdate()
        offers = list(offers_for(request.user)[:SHOWN])
        sold = sold_at_the_desk(offers)
        rows = [(o, o.state_on(today, o.pk in sold)) for o in offers]
        counts = {s: sum(1 for _o, state in rows if state == s) for s in DistanceState}
        wanted = request.GET.get("state", "")
        if wanted in DistanceState.values:
            rows = [(o, state) for o, state in rows if state == wanted]
        return render(request, "policies/distance_list.html", {
            "rows": rows, "counts": [(s, counts[s]) for s in DistanceState],
            "wanted": wanted, "states": DistanceState,
        })  # fmt: skip
