"""Head office's request for a product's fair value pack: the product and the year."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealers.models import User
from policies.models import Product

FORMATS = (("pdf", "PDF"), ("csv", "CSV"))


class PackForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.order_by("market", "name"),
        empty_label=None, widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    year = forms.TypedChoiceField(label=_("Year"), coerce=int,
                                  widget=forms.Select(attrs={"class": "form-select"}))  # fmt: skip
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="pdf",
                               widget=forms.Select(attrs={"class": "form-select"}))  # fmt: skip

    def __init__(self, data=None, *, user: User, **kwargs):
        super().__init__(data, **kwargs)
        this = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this, this - 6, -1)]
        self.user = user
