from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from dealers.models import Customer, Deal, Role, User
from policies.models import Policy, Product

from .models import Category, Channel, Outcome, RootCause
from .services import REDRESS_LIMIT

DATE = forms.DateInput(attrs={"type": "date"})
STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.ONLINE]


class ComplaintForm(forms.Form):
    """A complaint recorded by staff for one customer; what it is about is one of theirs."""

    category = forms.ChoiceField(label=_("About"), choices=Category.choices)
    policy = forms.ModelChoiceField(label=_("Policy"), queryset=Policy.objects.none(),
                                    required=False)  # fmt: skip
    claim = forms.ModelChoiceField(label=_("Claim"), queryset=Claim.objects.none(),
                                   required=False)  # fmt: skip
    deal = forms.ModelChoiceField(label=_("Sale"), queryset=Deal.objects.none(), required=False)
    product = forms.ModelChoiceField(label=_("Product (a sale with no policy)"),
                                     queryset=Product.objects.none(), required=False)  # fmt: skip
    summary = forms.CharField(label=_("What the customer says"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS)
    handler = forms.ModelChoiceField(label=_("Handled by"), queryset=User.objects.none(),
                                     required=False)  # fmt: skip

    def __init__(self, *args, customer: Customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["policy"].queryset = Policy.objects.filter(customer=customer).select_related(
            "product"
        )
        self.fields["claim"].queryset = Claim.objects.filter(policy__customer=customer)
        self.fields["deal"].queryset = Deal.objects.filter(customer=customer)
        self.fields["product"].queryset = Product.objects.filter(market=customer.dealer.market)
        self.fields["handler"].queryset = User.objects.filter(
            is_active=True, dealer_id=customer.dealer_id,
            role__in=[Role.SALES_MANAGER, Role.DEALER_PRINCIPAL, Role.BUSINESS_MANAGER],
        )  # fmt: skip
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A complaint cannot be received in the future."))
        return day


class DecisionForm(forms.Form):
    """What a summary resolution or a final response decides and says."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices[1:])
    root_cause = forms.ChoiceField(label=_("Root cause"), choices=RootCause.choices[1:])
    response = forms.CharField(label=_("What we tell the customer"), max_length=10000,
                               widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    redress = forms.DecimalField(
        label=_("Redress paid"), min_value=0, max_value=REDRESS_LIMIT - 1, decimal_places=2,
        initial=0,
    )  # fmt: skip


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Why the final response is delayed"), max_length=5000,
                           required=False, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class CustomerComplaintForm(forms.Form):
    """A complaint the customer raises on their own page."""

    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices)
    policy = forms.ModelChoiceField(label=_("Which policy (if any)"),
                                    queryset=Policy.objects.none(), required=False)  # fmt: skip
    summary = forms.CharField(label=_("Tell us what went wrong and what you would like us to "
                                      "do"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip

    def __init__(self, *args, customer: Customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = Policy.objects.filter(customer=customer).select_related(
            "product"
        )
