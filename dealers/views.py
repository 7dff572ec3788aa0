"""Thin views: resolve the object through a scoped selector (another dealer's object is a
404), validate the forms, call a service, add a message, redirect."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from . import selectors, services
from .filters import CustomerFilter, DealFilter
from .forms import CustomerForm, DealForm, VehicleForm
from .models import Dealer, WorkerHeartbeat


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


def _dealer_for_new(request) -> Dealer | None:
    """The dealer a new record is for: the user's own, or the one picked (?dealer=)."""
    dealers = selectors.dealers_for(request.user).filter(active=True)
    picked = request.GET.get("dealer") or request.POST.get("dealer")
    if picked:
        if not str(picked).isdigit():
            raise Http404
        return get_object_or_404(dealers, pk=picked)
    if request.user.dealer_id:
        return get_object_or_404(dealers, pk=request.user.dealer_id)
    return None


def _pick_dealer(request, title: str):
    dealers = selectors.dealers_for(request.user).filter(active=True)
    return render(request, "dealers/dealer_pick.html", {"dealers": dealers, "title": title})


class CustomerCreateView(LoginRequiredMixin, View):
    template_name = "dealers/customer_form.html"

    def get(self, request):
        dealer = _dealer_for_new(request)
        if dealer is None:
            return _pick_dealer(request, _("New customer"))
        return self._render(request, CustomerForm(dealer=dealer), dealer)

    def post(self, request):
        dealer = _dealer_for_new(request)
        if dealer is None:
            return _pick_dealer(request, _("New customer"))
        form = CustomerForm(request.POST, dealer=dealer)
        if form.is_valid():
            try:
                customer = services.customer_create(
                    dealer=dealer, created_by=request.user, data=form.cleaned_data
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Customer %(name)s added.") % {"name": customer})
                return redirect("dealers:customer-detail", pk=customer.pk)
        return self._render(request, form, dealer)

    def _render(self, request, form, dealer):
        return render(
            request,
            self.template_name,
            {"form": form, "dealer": dealer, "title": _("New customer")},
        )


def _not_erased(customer):
    if customer.erased_at is not None:
        raise PermissionDenied(_("This customer's personal data was erased on request."))
    return customer


class CustomerUpdateView(LoginRequiredMixin, View):
    template_name = "dealers/customer_form.html"

    def _customer(self, request, pk):
        return _not_erased(get_object_or_404(selectors.customers_for(request.user), pk=pk))

    def get(self, request, pk):
        customer = self._customer(request, pk)
        form = CustomerForm(instance=customer, dealer=customer.dealer)
        return self._render(request, form, customer)

    def post(self, request, pk):
        customer = self._customer(request, pk)
        form = CustomerForm(request.POST, instance=customer, dealer=customer.dealer)
        if form.is_valid():
            services.customer_update(
                customer=customer, updated_by=request.user, data=form.cleaned_data
            )
            messages.success(request, _("Customer details saved."))
            return redirect("dealers:customer-detail", pk=customer.pk)
        return self._render(request, form, customer)

    def _render(self, request, form, customer):
        context = {
            "form": form,
            "dealer": customer.dealer,
            "customer": customer,
            "title": _("Edit %(name)s") % {"name": customer},
        }
        return render(request, self.template_name, context)


class VehicleUpdateView(LoginRequiredMixin, View):
    template_name = "dealers/vehicle_form.html"

    def _vehicle(self, request, pk):
        vehicle = get_object_or_404(selectors.vehicles_for(request.user), pk=pk)
        _not_erased(vehicle.customer)
        return vehicle

    def get(self, request, pk):
        vehicle = self._vehicle(request, pk)
        return self._render(request, VehicleForm(instance=vehicle, dealer=vehicle.dealer), vehicle)

    def post(self, request, pk):
        vehicle = self._vehicle(request, pk)
        form = VehicleForm(request.POST, instance=vehicle, dealer=vehicle.dealer)
        if form.is_valid():
            services.vehicle_update(
                vehicle=vehicle, updated_by=request.user, data=form.cleaned_data
            )
            messages.success(request, _("Vehicle details saved."))
            return HttpResponseRedirect(self._next(vehicle))
        return self._render(request, form, vehicle)

    def _next(self, vehicle) -> str:
        if hasattr(vehicle, "deal"):
            return reverse("dealers:deal-detail", args=[vehicle.deal.pk])
        return reverse("dealers:customer-detail", args=[vehicle.customer_id])

    def _render(self, request, form, vehicle):
        context = {
            "form": form,
            "vehicle": vehicle,
            "dealer": vehicle.dealer,
            "cancel_url": self._next(vehicle),
        }
        return render(request, self.template_name, context)


class DealCreateView(LoginRequiredMixin, View):
    """One page, one transaction: the customer (new, or the one in the URL), the vehicle and
    the deal. Nothing is saved unless all of it is valid, and nothing typed is lost."""

    template_name = "dealers/deal_form.html"

    def _setup(self, request, customer_pk):
        if customer_pk is not None:
            customer = _not_erased(
                get_object_or_404(selectors.customers_for(request.user), pk=customer_pk)
            )
            return customer.dealer, customer
        return _dealer_for_new(request), None

    def _forms(self, request, dealer, customer, data=None):
        initial = {"deal_date": services.today()}
        return {
            "customer_form": None
            if customer
            else CustomerForm(data, dealer=dealer, prefix="customer"),
            "vehicle_form": VehicleForm(data, dealer=dealer, prefix="vehicle"),
            "deal_form": DealForm(
                data, dealer=dealer, user=request.user, prefix="deal", initial=initial
            ),
        }

    def get(self, request, customer_pk=None):
        dealer, customer = self._setup(request, customer_pk)
        if dealer is None:
            return _pick_dealer(request, _("New deal"))
        return self._render(request, dealer, customer, self._forms(request, dealer, customer))

    def post(self, request, customer_pk=None):
        dealer, customer = self._setup(request, customer_pk)
        if dealer is None:
            return _pick_dealer(request, _("New deal"))
        forms = self._forms(request, dealer, customer, request.POST)
        if all(f.is_valid() for f in forms.values() if f is not None):
            deal_data = dict(forms["deal_form"].cleaned_data)
            try:
                deal = services.deal_create(
                    dealer=dealer,
                    created_by=request.user,
                    salesperson=deal_data.pop("salesperson"),
                    customer=customer,
                    customer_data=forms["customer_form"].cleaned_data if not customer else None,
                    vehicle_data=forms["vehicle_form"].cleaned_data,
                    deal_data=deal_data,
                )
            except (ValidationError, PermissionDenied) as e:
                messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
            else:
                messages.success(request, _("Deal created for %(name)s.") % {"name": deal.customer})
                return redirect("dealers:deal-detail", pk=deal.pk)
        else:
            messages.error(request, _("Some details need correcting: see the messages below."))
        return self._render(request, dealer, customer, forms)

    def _render(self, request, dealer, customer, forms):
        context = {"dealer": dealer, "customer": customer, **forms}
        return render(request, self.template_name, context)


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
