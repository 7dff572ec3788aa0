"""The pages that create and edit customers, vehicles and deals, thin as the others:
validate the forms, call a service, add a message, redirect. A create page carries a
form key (posted twice it makes one record); an edit page carries the record's version
(a save after someone else's comes back with their changes, nothing typed lost)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import selectors, services
from .conflicts import conflict_for
from .form_keys import InvalidFormKey, form_key_check, form_key_issue
from .forms import CustomerForm, DealForm, VehicleForm
from .models import Customer, Deal, Dealer
from .versioning import VersionConflict, version_of


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


def _created_before(request, model, stored_key: str, error: IntegrityError):
    """The record a page's first post made, when a second post raced it to the unique
    key; any other integrity error is not ours to hide."""
    done = model.objects.filter(form_key=stored_key).first()
    if done is None:
        raise error
    return done


class CreateKeyMixin:
    """A create form carries a key issued by the server for this user, purpose and parent
    record (dealers.form_keys), stored on the record it makes: posted twice (a double
    click, back and save again) it makes one record and says so."""

    purpose = ""
    expired = gettext_lazy(
        "This page has expired or was not opened by you: check the details and save again."
    )

    def subject(self, dealer, customer=None) -> str:
        return f"customer:{customer.pk}" if customer else f"dealer:{dealer.pk}"

    def form_key(self, request, subject: str) -> str:
        """The key the page had, if it is this user's for this form; else a new one."""
        posted = request.POST.get("form_key", "").strip()
        try:
            form_key_check(posted, user_id=request.user.pk, purpose=self.purpose, subject=subject)
        except InvalidFormKey:
            return form_key_issue(user_id=request.user.pk, purpose=self.purpose, subject=subject)
        return posted

    def stored_key(self, request, subject: str) -> str | None:
        """The key to store, or None when the posted one is not valid here."""
        try:
            return form_key_check(request.POST.get("form_key", "").strip(), user_id=request.user.pk,
                                  purpose=self.purpose, subject=subject)  # fmt: skip
        except InvalidFormKey:
            return None


class CustomerCreateView(CreateKeyMixin, LoginRequiredMixin, View):
    template_name = "dealers/customer_form.html"
    purpose = "customer"

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
        stored = self.stored_key(request, self.subject(dealer))
        if stored is None:
            form.is_valid()  # the errors of what was typed too, shown with the refusal
            form.add_error(None, str(self.expired))
        elif form.is_valid():
            try:
                customer = services.customer_create(
                    dealer=dealer, created_by=request.user, data=form.cleaned_data,
                    form_key=stored,
                )  # fmt: skip
            except services.AlreadyCreated as done:
                return self._done_before(request, done.record)
            except IntegrityError as e:
                return self._done_before(request, _created_before(request, Customer, stored, e))
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Customer %(name)s added.") % {"name": customer})
                return redirect("dealers:customer-detail", pk=customer.pk)
        return self._render(request, form, dealer)

    def _done_before(self, request, customer):
        messages.info(request, _("This form was already saved: customer %(name)s was added "
                                 "then, and is not added twice.") % {"name": customer})  # fmt: skip
        return redirect("dealers:customer-detail", pk=customer.pk)

    def _render(self, request, form, dealer):
        return render(request, self.template_name, {
            "form": form, "dealer": dealer, "title": _("New customer"),
            "form_key": self.form_key(request, self.subject(dealer)),
        })  # fmt: skip


def _not_erased(customer):
    if customer.erased_at is not None:
        raise PermissionDenied(_("This customer's personal data was erased on request."))
    return customer


class VersionedUpdateView(LoginRequiredMixin, View):
    """An edit page of a record two people may edit at once. The page carries the
    record's version; a save after someone else's is refused by the service, and the
    page comes back with what they changed and this user's changes re-applied on the
    record as it is now (HTTP 409), to be saved again: nothing typed is lost."""

    template_name = ""
    saved = ""

    def get_object(self, request, pk):
        raise NotImplementedError

    def make_form(self, obj, data=None, initial=None):
        raise NotImplementedError

    def save(self, obj, data, expected_version: int):
        raise NotImplementedError

    def next_url(self, obj) -> str:
        raise NotImplementedError

    def context(self, obj) -> dict:
        return {}

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        return self._render(request, self.make_form(obj), obj, obj.version)

    def post(self, request, pk):
        obj = self.get_object(request, pk)
        form = self.make_form(obj, request.POST)
        # A page without a version (or a forged one) is never taken as current: version 0
        # matches no record, so it is shown as a conflict, not saved over someone's work.
        expected = version_of(request.POST.get("version")) or 0
        if form.is_valid():
            try:
                self.save(obj, form.cleaned_data, expected)
            except VersionConflict as clash:
                return self._conflict(request, clash, form)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, self.saved)
                return HttpResponseRedirect(self.next_url(obj))
        return self._render(request, form, obj, expected)

    def _conflict(self, request, clash: VersionConflict, form):
        current = self.get_object(request, clash.current.pk)
        conflict = conflict_for(current, clash.expected_version, form.cleaned_data,
                                {n: str(f.label) for n, f in form.fields.items()})  # fmt: skip
        form = self.make_form(current, initial=conflict.merged)
        return self._render(request, form, current, current.version, conflict, status=409)

    def _render(self, request, form, obj, version, conflict=None, status=200):
        context = {"form": form, "version": version, "conflict": conflict,
                   "cancel_url": self.next_url(obj), **self.context(obj)}  # fmt: skip
        return render(request, self.template_name, context, status=status)


class CustomerUpdateView(VersionedUpdateView):
    template_name = "dealers/customer_form.html"
    saved = gettext_lazy("Customer details saved.")

    def get_object(self, request, pk):
        return _not_erased(get_object_or_404(selectors.customers_for(request.user), pk=pk))

    def make_form(self, obj, data=None, initial=None):
        return CustomerForm(data, instance=obj, initial=initial, dealer=obj.dealer)

    def save(self, obj, data, expected_version):
        services.customer_update(customer=obj, updated_by=self.request.user, data=data,
                                 expected_version=expected_version)  # fmt: skip

    def next_url(self, obj) -> str:
        return reverse("dealers:customer-detail", args=[obj.pk])

    def context(self, obj) -> dict:
        return {"dealer": obj.dealer, "customer": obj,
                "title": _("Edit %(name)s") % {"name": obj}}  # fmt: skip


class VehicleUpdateView(VersionedUpdateView):
    template_name = "dealers/vehicle_form.html"
    saved = gettext_lazy("Vehicle details saved.")

    def get_object(self, request, pk):
        vehicle = get_object_or_404(selectors.vehicles_for(request.user), pk=pk)
        _not_erased(vehicle.customer)
        return vehicle

    def make_form(self, obj, data=None, initial=None):
        return VehicleForm(data, instance=obj, initial=initial, dealer=obj.dealer)

    def save(self, obj, data, expected_version):
        services.vehicle_update(vehicle=obj, updated_by=self.request.user, data=data,
                                expected_version=expected_version)  # fmt: skip

    def next_url(self, obj) -> str:
        if hasattr(obj, "deal"):
            return reverse("dealers:deal-detail", args=[obj.deal.pk])
        return reverse("dealers:customer-detail", args=[obj.customer_id])

    def context(self, obj) -> dict:
        return {"vehicle": obj, "dealer": obj.dealer}


class DealUpdateView(VersionedUpdateView):
    """The deal's own details: seller, dates, reference and notes."""

    template_name = "dealers/deal_edit.html"
    saved = gettext_lazy("Deal details saved.")

    def get_object(self, request, pk):
        deal = get_object_or_404(selectors.deals_for(request.user), pk=pk)
        _not_erased(deal.customer)
        return deal

    def make_form(self, obj, data=None, initial=None):
        return DealForm(data, instance=obj, initial=initial, dealer=obj.dealer,
                        user=self.request.user)  # fmt: skip

    def save(self, obj, data, expected_version):
        services.deal_update(deal=obj, updated_by=self.request.user, data=data,
                             expected_version=expected_version)  # fmt: skip

    def next_url(self, obj) -> str:
        return reverse("dealers:deal-detail", args=[obj.pk])

    def context(self, obj) -> dict:
        return {"deal": obj, "dealer": obj.dealer}


class DealCreateView(CreateKeyMixin, LoginRequiredMixin, View):
    """One page, one transaction: the customer (new, or the one in the URL), the vehicle and
    the deal. Nothing is saved unless all of it is valid, and nothing typed is lost. The
    page's key makes one deal however often it is posted."""

    template_name = "dealers/deal_form.html"
    purpose = "deal"

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
        stored = self.stored_key(request, self.subject(dealer, customer))
        if stored is not None and (done := Deal.objects.filter(form_key=stored).first()):
            return self._done_before(request, done)  # before the forms: it may be valid no more
        if stored is None:
            messages.error(request, str(self.expired))
        elif all(f.is_valid() for f in forms.values() if f is not None):
            try:
                deal = self._create(request, dealer, customer, forms, stored)
            except services.AlreadyCreated as done:
                return self._done_before(request, done.record)
            except IntegrityError as e:
                return self._done_before(request, _created_before(request, Deal, stored, e))
            except (ValidationError, PermissionDenied) as e:
                messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
            else:
                messages.success(request, _("Deal created for %(name)s.") % {"name": deal.customer})
                return redirect("dealers:deal-detail", pk=deal.pk)
        else:
            messages.error(request, _("Some details need correcting: see the messages below."))
        return self._render(request, dealer, customer, forms)

    def _create(self, request, dealer, customer, forms, stored):
        deal_data = dict(forms["deal_form"].cleaned_data)
        return services.deal_create(
            dealer=dealer,
            created_by=request.user,
            salesperson=deal_data.pop("salesperson"),
            customer=customer,
            customer_data=forms["customer_form"].cleaned_data if not customer else None,
            vehicle_data=forms["vehicle_form"].cleaned_data,
            deal_data=deal_data,
            form_key=stored,
        )

    def _done_before(self, request, deal):
        messages.info(request, _("This deal was already saved from this page: it is shown "
                                 "below, and was not made twice.") )  # fmt: skip
        return redirect("dealers:deal-detail", pk=deal.pk)

    def _render(self, request, dealer, customer, forms):
        context = {"dealer": dealer, "customer": customer, **forms,
                   "form_key": self.form_key(request, self.subject(dealer, customer))}  # fmt: skip
        return render(request, self.template_name, context)
