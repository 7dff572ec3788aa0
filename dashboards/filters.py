"""The dashboards' filters (django-filter): period, market, dealer, seller, product.

One FilterSet serves every summary (dashboards/models.py): each filter applies to a
summary that has its field and leaves the others alone (deals have no product). The
choices offered are what the user may see; the querysets it filters are scoped already
(dashboards/selectors.py)."""

import re
from datetime import date

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealers.models import Market
from dealers.selectors import dealers_for, staff_for
from policies.models import Product
from policies.rules.common import add_months

from .models import SalesMonth
from .widgets import QuickMonthInput, QuickSelect

SELECTS = ("market", "dealer", "seller", "product")
ALL = ("", _("All"))  # first in every list: nothing filtered
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_INPUT = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})


def month_of(text: str | None) -> date | None:
    match = MONTH.match(text or "")
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return date(int(match[1]), int(match[2]), 1)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, this one included."""
    this = (today or timezone.localdate()).replace(day=1)
    return add_months(this, -11), this


def _has(queryset, field: str) -> bool:
    return any(f.name == field for f in queryset.model._meta.get_fields())


class MonthField(forms.CharField):
    widget = MONTH_INPUT

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return None
        month = month_of(value)
        if month is None:
            raise forms.ValidationError(_("Give a month as YYYY-MM."))
        return month


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class DashboardFilter(django_filters.FilterSet):
    start = MonthFilter(label=_("From (month)"), method="from_month")
    end = MonthFilter(label=_("To (month)"), method="to_month")
    market = django_filters.ChoiceFilter(
        label=_("Market"), choices=Market.choices, method="match", empty_label=_("All")
    )
    # (id, name) choices, not model instances: a hundred dealers are a list of names
    dealer = django_filters.TypedChoiceFilter(label=_("Dealer"), coerce=int, method="match")
    seller = django_filters.TypedChoiceFilter(label=_("Seller"), coerce=int, method="match")
    product = django_filters.TypedChoiceFilter(label=_("Product"), coerce=int, method="match")

    class Meta:
        model = SalesMonth
        fields = ["start", "end", "market", "dealer", "seller", "product"]

    def __init__(self, data=None, *args, user, sellers: bool = True, **kwargs):
        if not data:  # the default period, shown in the form
            start, end = default_period()
            data = {"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"}
        super().__init__(data, *args, **kwargs)
        dealers = dealers_for(user)
        dealer_choices = list(dealers.order_by("name").values_list("pk", "name"))  # read once
        self.filters["dealer"].extra["choices"] = [ALL, *dealer_choices]
        markets = dealers.values("market")
        products = Product.objects.filter(market__in=markets).order_by("market", "name")
        self.filters["product"].extra["choices"] = [ALL, *products.values_list("pk", "name")]
        if not user.is_head_office:
            del self.filters["market"]  # their dealers are in one market
        ids = [pk for pk, _name in dealer_choices]
        # the dealers every summary is limited to (None: head office, every dealer)
        self.dealer_ids = None if user.is_head_office else ids
        chosen = self._chosen_dealer(ids)
        # hundreds of sellers in one list help nobody: a dealer first (and `sellers` False:
        # a page whose figures are not by seller, the value measures)
        if chosen is None or not sellers:
            del self.filters["seller"]
        else:
            sellers = staff_for(user).filter(dealer_id=chosen)
            self.filters["seller"].extra["choices"] = [ALL] + [
                (pk, f"{first} {last}".strip() or username)
                for pk, first, last, username in sellers.values_list(
                    "pk", "first_name", "last_name", "username")
            ]  # fmt: skip
        if len(ids) < 2:
            del self.filters["dealer"]
        for name, f in self.form.fields.items():  # rendered in Python, Bootstrap's classes
            if name in SELECTS:
                f.widget = QuickSelect(attrs={"class": "form-select"})
                f.widget.choices = f.choices
            else:
                f.widget = QuickMonthInput(
                    attrs={"class": "form-control", "placeholder": "YYYY-MM"}
                )

    def _chosen_dealer(self, ids: list[int]) -> int | None:
        """The one dealer in view: the user's only one, or the one asked for."""
        if len(ids) == 1:
            return ids[0]
        pk = str((self.data or {}).get("dealer") or "")
        return int(pk) if pk.isdigit() and int(pk) in ids else None

    @property
    def period(self) -> tuple[date, date]:
        """The months asked for (start <= end), by default the last twelve."""
        start, end = default_period()
        data = self.form.cleaned_data if self.form.is_valid() else {}
        start, end = data.get("start") or start, data.get("end") or end
        return (start, end) if start <= end else (end, start)

    def from_month(self, queryset, name, value):
        return queryset  # applied with `end` through `period`

    to_month = from_month

    def match(self, queryset, name, value):
        if not _has(queryset, name):
            return queryset
        return queryset.filter(**{queryset.model._meta.get_field(name).attname: value})

    def apply(self, queryset):
        """The summary rows of the period that pass the filters."""
        start, end = self.period
        queryset = queryset.filter(month__gte=start, month__lte=end)
        return self.filter_queryset(queryset) if self.form.is_valid() else queryset
