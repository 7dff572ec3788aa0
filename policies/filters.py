import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dealers.filters import ScopedFilterSet
from dealers.selectors import dealers_for

from .models import Policy, PolicyStatus, Product
from .selectors import policy_search


class PolicyFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Policy number, customer, registration")}),
    )
    product = django_filters.ModelChoiceFilter(label=_("Product"), queryset=Product.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PolicyStatus.choices)
    salesperson = django_filters.ModelChoiceFilter(
        label=_("Sold by"), field_name="sold_by", queryset=None
    )
    dealer = django_filters.ModelChoiceFilter(label=_("Dealer"), queryset=None)
    date_from = django_filters.DateFilter(
        label=_("Sold from"), field_name="sold_at__date", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    date_to = django_filters.DateFilter(
        label=_("Sold to"), field_name="sold_at__date", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip

    class Meta:
        model = Policy
        fields = ["q", "product", "status", "salesperson", "dealer", "date_from", "date_to"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        markets = dealers_for(user).values("market")
        self.filters["product"].queryset = Product.objects.filter(market__in=markets)

    def search(self, queryset, name, value):
        return policy_search(queryset, value)
