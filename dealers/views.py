"""Thin views: resolve the object through a scoped selector (another dealer's object is a
404). The home page, the lists and the detail pages (and their scoped bases, which other
apps' pages use), and the health check; the pages that create and edit records are in
dealers/edit_views.py."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from . import selectors, services
from .filters import CustomerFilter, DealFilter
from .models import WorkerHeartbeat


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "dealers/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            summary=selectors.home_summary(self.request.user, services.today()), **kwargs
        )


class ScopedFilterView(LoginRequiredMixin, FilterView):
    paginate_by = 25
    selector = None

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


class CustomerListView(ScopedFilterView):
    template_name = "dealers/customer_list.html"
    filterset_class = CustomerFilter
    selector = staticmethod(selectors.customers_for)


class DealListView(ScopedFilterView):
    template_name = "dealers/deal_list.html"
    filterset_class = DealFilter
    selector = staticmethod(selectors.deals_for)


class ScopedDetailView(LoginRequiredMixin, DetailView):
    selector = None

    def get_queryset(self):
        return type(self).selector(self.request.user)


class CustomerDetailView(ScopedDetailView):
    template_name = "dealers/customer_detail.html"
    selector = staticmethod(selectors.customers_for)
    context_object_name = "customer"

    def get_context_data(self, **kwargs):
        deals = selectors.deals_for(self.request.user).filter(customer=self.object)
        return super().get_context_data(deals=deals, **kwargs)


class DealDetailView(ScopedDetailView):
    template_name = "dealers/deal_detail.html"
    selector = staticmethod(selectors.deals_for)
    context_object_name = "deal"


def health(request):
    """For load balancers and operators: the database answers; when the last worker
    heartbeat was seen. 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return JsonResponse({"database": "unavailable"}, status=503)
    beat = WorkerHeartbeat.objects.first()
    return JsonResponse(
        {"database": database, "last_worker_heartbeat": beat.seen_at.isoformat() if beat else None}
    )
