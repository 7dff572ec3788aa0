"""Forms only clean input; the services save. Each form knows the dealer it is for, so
it shows the fields of that market (codice fiscale in Italy, state in Australia...)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _
from localflavor.au.au_states import STATE_CHOICES as AU_STATES
from localflavor.it.it_province import PROVINCE_CHOICES as IT_PROVINCES

from .models import Brand, Customer, Deal, Dealer, Vehicle
from .selectors import sellers_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _row(*fields: str, widths: tuple[int, ...] = ()) -> Div:
    cols = [
        Div(Field(f), css_class=f"col-md-{widths[i] if widths else 12 // len(fields)}")
        for i, f in enumerate(fields)
    ]
    return Div(*cols, css_class="row")


class DealerBoundForm(forms.ModelForm):
    """A model form for an object of `dealer`, rendered without its own <form> tag so that
    several can share one page (the deal flow)."""

    def __init__(self, *args, dealer: Dealer, **kwargs):
        super().__init__(*args, **kwargs)
        self.dealer = dealer
        self.instance.dealer = dealer
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class CustomerForm(DealerBoundForm):
    MARKET_FIELDS = {
        "UK": ["region"],
        "IT": ["region", "codice_fiscale", "partita_iva"],
        "AU": ["region", "abn"],
    }

    class Meta:
        model = Customer
        fields = [
            "kind",
            "title",
            "first_name",
            "last_name",
            "company_name",
            "date_of_birth",
            "email",
            "phone",
            "address_line1",
            "address_line2",
            "city",
            "region",
            "postcode",
            "codice_fiscale",
            "partita_iva",
            "abn",
        ]
        widgets = {"date_of_birth": DATE, "kind": forms.RadioSelect}

    def __init__(self, *args, dealer: Dealer, **kwargs):
        super().__init__(*args, dealer=dealer, **kwargs)
        market = dealer.market
        for name in ("region", "codice_fiscale", "partita_iva", "abn"):
            if name not in self.MARKET_FIELDS[market]:
                del self.fields[name]
        if market == "IT":
            self.fields["region"] = forms.ChoiceField(
                label=_("Province"), choices=[("", "---------"), *IT_PROVINCES]
            )
            self.fields["postcode"].label = _("CAP")
            self.fields["codice_fiscale"].help_text = _("Required for a person.")
            self.fields["partita_iva"].help_text = _("Required for a company.")
        elif market == "AU":
            self.fields["region"] = forms.ChoiceField(
                label=_("State or territory"), choices=[("", "---------"), *AU_STATES]
            )
            self.fields["city"].label = _("Suburb")  # as an Australian address has it
        else:
            self.fields["region"].label = _("County")
            self.fields["region"].help_text = ""
        self.helper.layout = Layout(
            Field("kind"),
            _row("title", "first_name", "last_name", widths=(2, 5, 5)),
            _row("company_name"),
            _row("date_of_birth", "email", "phone", widths=(3, 5, 4)),
            _row("address_line1", "address_line2"),
            _row("city", "region", "postcode", widths=(5, 4, 3)),
            *[_row(f) for f in ("codice_fiscale", "partita_iva", "abn") if f in self.fields],
        )


class VehicleForm(DealerBoundForm):
    class Meta:
        model = Vehicle
        fields = [
            "vin",
            "registration",
            "make",
            "model",
            "derivative",
            "condition",
            "vehicle_type",
            "first_registration_date",
            "delivery_date",
            "invoice_price",
            "luxury_brand",
            "commercial_use",
            "hire_and_reward",
            "imported",
            "finance_type",
            "finance_provider",
            "finance_term_months",
            "finance_monthly_payment",
            "finance_apr",
        ]
        widgets = {"first_registration_date": DATE, "delivery_date": DATE}

    def __init__(self, *args, dealer: Dealer, **kwargs):
        super().__init__(*args, dealer=dealer, **kwargs)
        if self.instance._state.adding and "make" not in kwargs.get("initial", {}):
            self.initial["make"] = Brand(dealer.brand).label  # a smart retailer sells smart
        self.fields["invoice_price"].label = _("Invoice price (%(currency)s)") % {
            "currency": dealer.currency
        }
        self.fields["finance_monthly_payment"].label = _("Monthly payment (%(currency)s)") % {
            "currency": dealer.currency
        }
        self.helper.layout = Layout(
            _row("vin", "registration", widths=(8, 4)),
            _row("make", "model", "derivative", widths=(3, 4, 5)),
            _row("condition", "vehicle_type"),
            _row("first_registration_date", "delivery_date", "invoice_price", widths=(4, 4, 4)),
            _row(
                "luxury_brand", "commercial_use", "hire_and_reward", "imported", widths=(3, 3, 3, 3)
            ),
            _row("finance_type", "finance_provider"),
            _row("finance_term_months", "finance_monthly_payment", "finance_apr", widths=(4, 4, 4)),
        )


class DealForm(forms.ModelForm):
    class Meta:
        model = Deal
        fields = ["salesperson", "deal_date", "order_date", "reference", "notes"]
        widgets = {
            "deal_date": DATE,
            "order_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, dealer: Dealer, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["salesperson"].queryset = sellers_for(user).filter(dealer=dealer)
        self.fields["salesperson"].label_from_instance = lambda u: u.get_full_name() or u.username
        if user.dealer_id == dealer.pk and not self.is_bound:
            self.initial.setdefault("salesperson", user.pk)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            _row("salesperson", "deal_date", "order_date", widths=(4, 4, 4)),
            _row("reference"),
            _row("notes"),
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("order_date")
            and data.get("deal_date")
            and data["order_date"] > data["deal_date"]
        ):
            self.add_error("order_date", _("The order cannot be after the deal date."))
        return data
