import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dealers.filters import ScopedFilterSet
from dealers.selectors import dealers_for
from policies.models import Product

from .models import Claim, ClaimStatus
from .selectors import claim_search

DATE = forms.DateInput(attrs={"type": "date"})


class ClaimFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(
            attrs={"placeholder": _("Claim or policy number, customer, registration")}
        ),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ClaimStatus.choices)
    product = django_filters.ModelChoiceFilter(
        label=_("Product"), field_name="policy__product", queryset=Product.objects.all()
    )
    dealer = django_filters.ModelChoiceFilter(label=_("Dealer"), queryset=None)
    loss_from = django_filters.DateFilter(
        label=_("Loss from"), field_name="loss_date", lookup_expr="gte", widget=DATE
    )
    loss_to = django_filters.DateFilter(
        label=_("Loss to"), field_name="loss_date", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = Claim
        fields = ["q", "status", "product", "dealer", "loss_from", "loss_to"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        markets = dealers_for(user).values("market")
        self.filters["product"].queryset = Product.objects.filter(market__in=markets)

    def search(self, queryset, name, value):
        return claim_search(queryset, value)
