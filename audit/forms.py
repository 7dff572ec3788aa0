from django import forms
from django.utils.translation import gettext_lazy as _

from .trail import KINDS


class TrailFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Records"), required=False,
        choices=[("", _("All")), *((k.key, k.label) for k in KINDS.values())],
    )  # fmt: skip
    object = forms.IntegerField(label=_("Record number"), required=False, min_value=1)
    who = forms.CharField(label=_("Changed by (username)"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    until = forms.DateField(label=_("To"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    before = forms.CharField(required=False, widget=forms.HiddenInput, max_length=80)

    def clean(self):
        data = super().clean()
        if data.get("object") and not data.get("kind"):
            self.add_error("kind", _("Choose which records the number is of."))
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the period is before its start."))
        return data


class PrivacyReferenceForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the customer's request"), max_length=80,
        help_text=_("The letter, email or ticket the request came in, e.g. DSR-2026-014."),
    )  # fmt: skip


class ErasureForm(PrivacyReferenceForm):
    confirm = forms.BooleanField(
        label=_("I have checked the customer's identity and understand that the erasure "
                "cannot be undone."),
    )  # fmt: skip
