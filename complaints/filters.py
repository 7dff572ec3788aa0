import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealers.filters import ScopedFilterSet
from dealers.models import Market
from dealers.selectors import dealers_for
from policies.models import Product

from .models import Category, Complaint, ComplaintStatus, Outcome
from .selectors import complaint_search, overdue

DATE = forms.DateInput(attrs={"type": "date"})


class ComplaintFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Complaint, policy or claim number, "
                                                       "customer")}),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ComplaintStatus.choices)
    late = django_filters.BooleanFilter(label=_("Past a deadline"), method="past_deadline",
                                        widget=forms.CheckboxInput)  # fmt: skip
    market = django_filters.ChoiceFilter(label=_("Market"), field_name="dealer__market",
                                         choices=Market.choices)  # fmt: skip
    dealer = django_filters.ModelChoiceFilter(label=_("Dealer"), queryset=None)
    product = django_filters.ModelChoiceFilter(label=_("Product"), queryset=Product.objects.all())
    category = django_filters.ChoiceFilter(label=_("About"), choices=Category.choices)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices[1:])
    received_from = django_filters.DateFilter(label=_("Received from"), field_name="received_on",
                                              lookup_expr="gte", widget=DATE)  # fmt: skip
    received_to = django_filters.DateFilter(label=_("Received to"), field_name="received_on",
                                            lookup_expr="lte", widget=DATE)  # fmt: skip

    class Meta:
        model = Complaint
        fields = ["q", "status", "late", "market", "dealer", "product", "category", "outcome",
                  "received_from", "received_to"]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        markets = dealers_for(user).values("market")
        self.filters["product"].queryset = Product.objects.filter(market__in=markets)
        if not user.is_head_office:
            del self.filters["market"]

    def search(self, queryset, name, value):
        return complaint_search(queryset, value)

    def past_deadline(self, queryset, name, value):
        return overdue(queryset, timezone.localdate()) if value else queryset
