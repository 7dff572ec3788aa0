"""The menu's form of a product, derived from its answers schema (products/answers.py):
the same types, ranges and choices as the quote API's serializer
(policies/api/answer_serializers.py), so that the two cannot drift."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dealers.plausibility import PlausibleDate
from products.answers import NO_DEFAULT, Answers, Question, money_floor

# As the menu's own (policies/menu.py), which imports what the registry derives: not
# imported from there, so that the menu can import this module.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [(False, _("No")), (True, _("Yes"))]
EMPTY = (None, "", [])


def _is_yes(value: Any) -> bool:
    return value in (True, "True")


def _int(q: Question, **kw: Any) -> forms.Field:
    return forms.IntegerField(min_value=q.min, max_value=q.max, **kw)


def _money(q: Question, **kw: Any) -> forms.Field:
    return forms.DecimalField(
        min_value=money_floor(q), max_value=q.max, max_digits=12, decimal_places=2, **kw
    )


def _bool(q: Question, **kw: Any) -> forms.Field:
    # Unanswered reads as the question's default, as in the API (BooleanField default).
    empty = q.default_value()
    return forms.TypedChoiceField(
        choices=YES_NO, coerce=_is_yes, widget=forms.RadioSelect,
        empty_value=False if empty is NO_DEFAULT else empty, **kw,
    )  # fmt: skip


def _date(q: Question, **kw: Any) -> forms.Field:
    return forms.DateField(widget=DATE, validators=[PlausibleDate(q.when)], **kw)


def _choice(q: Question, **kw: Any) -> forms.Field:
    kinds = {type(v) for v in q.values}  # 5 for int choices, not "5", as the API gives
    coerce = kinds.pop() if kinds in ({int}, {str}) else {str(v): v for v in q.values}.__getitem__
    return forms.TypedChoiceField(choices=list(q.choices), coerce=coerce, empty_value=None, **kw)


class OptionBoxes(forms.CheckboxSelectMultiple):
    """Tick boxes of which some may be greyed (`unavailable`, set by the menu for the
    answers as they are): shown, not ticked, and not sent."""

    unavailable: frozenset[str] | set[str] = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.unavailable:
            option["selected"] = False
            option["attrs"].pop("checked", None)
            option["attrs"]["disabled"] = True
        return option


def _choices(q: Question, **kw: Any) -> forms.Field:
    values = {str(v): v for v in q.values}
    return forms.TypedMultipleChoiceField(
        choices=list(q.choices), coerce=lambda v: values[v], widget=OptionBoxes, **kw,
    )  # fmt: skip


def _text(q: Question, **kw: Any) -> forms.Field:
    return forms.CharField(max_length=q.max_length, **kw)


FIELDS: dict[str, Callable[..., forms.Field]] = {
    "int": _int, "money": _money, "bool": _bool, "date": _date, "choice": _choice,
    "choices": _choices, "text": _text,
}  # fmt: skip


def form_field(q: Question) -> forms.Field:
    """The form field of one question: its label, help text, whether it is required and
    its default as the initial value."""
    default = q.default_value()
    initial = q.default if default is NO_DEFAULT else default
    if q.initial is not None:
        initial = q.initial
    if q.kind == "bool" and initial is None:
        initial = False  # the radio starts on No, as the menu's _yes_no
    field = FIELDS[q.kind](
        q, label=q.label or None, help_text=q.help_text, required=q.required, initial=initial
    )
    if q.radio:
        field.widget = forms.RadioSelect(choices=field.choices)
    if q.hidden:  # from the deal's records, never from the browser
        field.widget, field.disabled = forms.HiddenInput(), True
    return field


def form_fields(answers: type[Answers]) -> dict[str, forms.Field]:
    """A form field for every question of `answers`, in the schema's order."""
    return {name: form_field(q) for name, q in answers.questions.items()}


def questions_form(answers: type[Answers], base: type[forms.Form]) -> type[forms.Form]:
    """A subclass of `base` (the menu's Questions) asking the questions of `answers`:
    `extra_fields` are the ones the price does not depend on, and clean() adds the
    schema's problems between answers (Answers.check) to their fields."""

    def clean(self: forms.Form) -> dict[str, Any]:
        data = super(form, self).clean()
        for name, q in answers.questions.items():
            # an unanswered question reads as its default, as in the API's serializer
            default, given = q.default_value(), data.get(name)
            answered = name not in self.fields or name in self.errors or given not in EMPTY
            if default is not NO_DEFAULT and not answered:
                data[name] = default
        for name, message in answers.check(data).items():
            if name not in self.errors:  # its own problem first, as the API (validate runs last)
                self.add_error(name if name in self.fields else None, message)
        return data

    attrs: dict[str, Any] = {
        **form_fields(answers),
        "extra_fields": tuple(n for n, q in answers.questions.items() if not q.priced),
        "clean": clean,
        "__module__": __name__,
        "__doc__": f"The questions of {answers.__qualname__}, derived from it.",
    }
    form = type(base)(f"{answers.__name__}Form", (base,), attrs)
    return form
