"""The drivers of a Lexus Motor Insurance proposal (seed 002): each named driver's name,
date of birth, licence, years held, occupation and motoring convictions, asked at the
sale (not on the menu: the price depends only on the youngest driver's age, which the
menu asks) and shown on the Statement of Fact. The first driver is the policyholder,
prefilled from the customer's record. The drivers must be the ones the price was worked
on: as many as the menu's named drivers, the youngest of the age it was priced for."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealers.plausibility import age_on

LICENCES = (
    ("full_uk", _("Full UK")),
    ("provisional_uk", _("Provisional UK")),
    ("eu", _("EU or EEA")),
    ("international", _("International")),
)
FIELDS = ("name", "born", "licence", "licence_years", "occupation", "convictions")
MIN_DRIVING_AGE = 17


class DriversForm(forms.Form):
    """One block of fields a named driver (`d1_name`, `d1_born`, ...)."""

    def __init__(self, *args, answers: dict[str, Any], customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.named = max(1, min(int(answers.get("named_drivers") or 1), 5))
        self.youngest = answers.get("driver_age")
        for i in range(1, self.named + 1):
            who = _("Policyholder") if i == 1 else _("Driver %(n)s") % {"n": i}
            self.fields[f"d{i}_name"] = forms.CharField(label=_("%(who)s: full name") % {
                "who": who}, max_length=120)  # fmt: skip
            self.fields[f"d{i}_born"] = forms.DateField(
                label=_("Date of birth"),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"d{i}_licence"] = forms.ChoiceField(label=_("Licence"), choices=LICENCES)
            self.fields[f"d{i}_licence_years"] = forms.IntegerField(
                label=_("Years licence held"), min_value=0, max_value=80
            )
            self.fields[f"d{i}_occupation"] = forms.CharField(label=_("Occupation"),
                                                              max_length=80)  # fmt: skip
            self.fields[f"d{i}_convictions"] = forms.CharField(
                label=_("Motoring convictions, endorsements or fixed penalties (5 years)"),
                max_length=300,
                initial=_("None"),
                help_text=_("Each with its code and date, e.g. SP30 03/2024; or None."),
            )
        if customer is not None and not self.is_bound:
            self.initial.setdefault("d1_name", customer.display_name)
            if customer.date_of_birth:
                self.initial.setdefault("d1_born", customer.date_of_birth)
        for i in range(1, self.named + 1):
            self.initial.setdefault(f"d{i}_licence", "full_uk")

    def clean(self):
        data = super().clean()
        today, ages = timezone.localdate(), []
        for i in range(1, self.named + 1):
            born, held = data.get(f"d{i}_born"), data.get(f"d{i}_licence_years")
            if born is None:
                continue
            age = age_on(born, today)
            if not MIN_DRIVING_AGE <= age <= 120:
                self.add_error(f"d{i}_born", _("A driver is %(min)s or older.") % {
                    "min": MIN_DRIVING_AGE})  # fmt: skip
                continue
            ages.append(age)
            if held is not None and held > age - MIN_DRIVING_AGE:
                self.add_error(f"d{i}_licence_years", _(
                    "Held for at most %(n)s years at the age of %(age)s.") % {
                    "n": age - MIN_DRIVING_AGE, "age": age})  # fmt: skip
        complete = ages and len(ages) == self.named and self.youngest is not None
        if complete and min(ages) != self.youngest:
            raise forms.ValidationError(_(
                    "The youngest driver here is %(here)s; the price was worked out for "
                    "%(priced)s. Correct the youngest driver's age on the menu, or the "
                    "dates of birth.") % {"here": min(ages), "priced": self.youngest})  # fmt: skip
        return data

    def proposal(self) -> dict[str, Any]:
        """What the policy keeps of the proposal (Policy.proposal)."""
        return {"drivers": self.drivers()}

    def drivers(self) -> list[dict[str, Any]]:
        """The drivers as the policy keeps them (dates as ISO text)."""
        out = []
        for i in range(1, self.named + 1):
            row = {f: self.cleaned_data[f"d{i}_{f}"] for f in FIELDS}
            row["born"] = row["born"].isoformat() if isinstance(row["born"], date) else ""
            out.append(row)
        return out

    def blocks(self) -> list[list[Any]]:
        """The bound fields, a list a driver (the template's groups)."""
        return [[self[f"d{i}_{f}"] for f in FIELDS] for i in range(1, self.named + 1)]


def licence_label(code: str) -> str:
    return str(dict(LICENCES).get(code, code))
