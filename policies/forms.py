"""Forms for the after-sale pages: they only clean input; policies.sales decides.

Each form shows the fields of the policy's product: a motor change asks the one answer
its premium depends on; other products change the address with no premium effect."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _
from localflavor.au.au_states import STATE_CHOICES as AU_STATES

from products.registry import product_definition

from .models import Policy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AREAS = [
    ("A", _("A (lowest risk)")),
    ("B", "B"),
    ("C", "C"),
    ("D", "D"),
    ("E", "E"),
    ("F", _("F (highest risk)")),
]

# How each answer reads beside its value now and after the change.
ANSWER_LABELS = {
    "area": _("Rating area"),
    "vehicle_value": _("Value of the car"),
    "driver_age": _("Age of the youngest driver"),
    "state": _("State or territory"),
    "agreed_value": _("Agreed value"),
    "youngest_driver_age": _("Age of the youngest driver"),
    "invoice_price": _("Invoice price"),
}
ANSWER_FIELDS = ("area", "vehicle_value", "driver_age", "state", "agreed_value",
                 "youngest_driver_age", "invoice_price")  # fmt: skip


def change_kinds(policy: Policy) -> dict[str, tuple[str, ...]]:
    """The kinds of change the policy's product offers, each with the answers it asks."""
    return dict(product_definition(policy.product.code).change_answers)


def _helper(*layout) -> FormHelper:
    """Without its own <form> tag: the page has the buttons (preview, then confirm)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


def _row(*fields: str) -> Div:
    return Div(*(Div(Field(f), css_class="col-sm-6") for f in fields), css_class="row")


class CancellationForm(forms.Form):
    cancel_on = forms.DateField(
        label=_("Cancellation date"),
        widget=DATE,
        help_text=_("Today or later, within the cover: a cancellation cannot be backdated."),
    )
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In the customer's words, as they gave it. It is kept on the policy."),
    )
    # The refund staff saw in the preview: compared with the one worked out again on
    # confirming, never used as the refund.
    shown_refund = forms.DecimalField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_row("cancel_on"), Field("reason"))


class PolicyChangeForm(forms.Form):
    effective_on = forms.DateField(
        label=_("The change takes effect on"),
        widget=DATE,
        help_text=_("Today or later, within the cover."),
    )
    area = forms.ChoiceField(
        label=_("Rating area of the new address"),
        choices=[("", "---------"), *AREAS],
    )
    vehicle_value = forms.DecimalField(
        label=_("Value of the new car"),
        min_value=1,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    driver_age = forms.IntegerField(
        label=_("Age of the youngest driver"),
        min_value=17,
        max_value=120,
        help_text=_("After the change: with a driver added or taken off."),
    )
    state = forms.ChoiceField(label=_("State or territory of the new address"),
                              choices=[("", "---------"), *AU_STATES])  # fmt: skip
    agreed_value = forms.DecimalField(
        label=_("Agreed value of the new car"), min_value=1, max_digits=12, decimal_places=2,
    )  # fmt: skip
    youngest_driver_age = forms.IntegerField(
        label=_("Age of the youngest driver"), min_value=16, max_value=120,
        help_text=_("After the change: with a driver added or taken off."),
    )  # fmt: skip
    invoice_price = forms.DecimalField(
        label=_("Invoice price of the new car"), min_value=1, max_digits=12, decimal_places=2,
    )  # fmt: skip
    # The difference staff saw in the preview (see CancellationForm.shown_refund).
    shown_difference = forms.DecimalField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, policy: Policy, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.answer_fields = change_kinds(policy).get(kind, ())
        for name in ANSWER_FIELDS:
            if name not in self.answer_fields:
                del self.fields[name]
        if "vehicle_value" in self.fields:
            self.fields["vehicle_value"].label = _("Value of the new car (%(currency)s)") % {
                "currency": policy.currency
            }
        self.helper = _helper(_row("effective_on", *self.answer_fields))

    def answers(self) -> dict:
        """The answers that change, as the service takes them."""
        return {name: self.cleaned_data[name] for name in self.answer_fields}
