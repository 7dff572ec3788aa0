import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Customer, CustomerKind, Deal, DealStatus
from .selectors import customer_search, deal_search, dealers_for, sellers_for


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet over a selector's QuerySet; dealer and seller choices are limited to
    what the user may see, and the dealer filter only shows when there is a choice."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        dealers = dealers_for(user)
        if "dealer" in self.filters:
            if dealers.count() > 1:
                self.filters["dealer"].queryset = dealers
            else:
                del self.filters["dealer"]
        if "salesperson" in self.filters:
            self.filters["salesperson"].queryset = sellers_for(user)


class CustomerFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name, email, phone, postcode, tax code")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=CustomerKind.choices)
    dealer = django_filters.ModelChoiceFilter(label=_("Dealer"), queryset=None)

    class Meta:
        model = Customer
        fields = ["q", "kind", "dealer"]

    def search(self, queryset, name, value):
        return customer_search(queryset, value)


class DealFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Customer, registration, VIN, reference")}),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DealStatus.choices)
    salesperson = django_filters.ModelChoiceFilter(label=_("Sold by"), queryset=None)
    dealer = django_filters.ModelChoiceFilter(label=_("Dealer"), queryset=None)
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="deal_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="deal_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Deal
        fields = ["q", "status", "salesperson", "dealer", "date_from", "date_to"]

    def search(self, queryset, name, value):
        return deal_search(queryset, value)
