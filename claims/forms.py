"""The facts of a claim, one form per product: they only clean input. The generic
ClaimForm and its field helpers are here; each product's form, declared by the product
(ProductDefinition.claim_form), lives in its package (catalog/<product>/).

Each form asks what happened (the product's kinds of event), when, and the figures its
rules need; figures not known yet at notification (an insurer's settlement, a repair
estimate) may be left empty and added later, and the assessment says what it still
needs. The cleaned facts are stored as JSON on the claim (`facts_json`) and read back
through the same form (`facts_typed`), so the types are defined once, in the form.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from dealers.limits import size_text
from dealers.markets import format_money
from dealers.plausibility import date_problem
from policies.menu import DATE, YES_NO
from policies.models import Policy
from policies.sales import answers_json
from policies.stored_answers import answers_decoded
from products.registry import product_definition

from .models import Claim, FileKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def yes_no(label, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v in (True, "True"),
        widget=forms.RadioSelect,
        initial=False,
        **kwargs,
    )


class MoneyField(forms.DecimalField):
    """An amount in the policy's currency (shown as money on the claim page)."""


def money_field(label, required=False, **kwargs):
    return MoneyField(
        label=label, min_value=0, max_digits=12, decimal_places=2, required=required, **kwargs
    )


def size_mm(label):
    return forms.DecimalField(label=label, min_value=0, max_digits=7, decimal_places=1)


class ClaimForm(forms.Form):
    """What every claim has; subclasses add their product's events and facts."""

    EVENTS: list[tuple[str, Any]] = []
    # The facts' schema version, and how facts stored under an earlier one are read:
    # FACTS_UPGRADES[n] turns version n's facts into version n + 1's.
    FACTS_VERSION: int = 1
    FACTS_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
    event = forms.ChoiceField(label=_("What happened"))
    loss_date = forms.DateField(label=_("Date of loss"), widget=DATE)
    reported_date = forms.DateField(label=_("Date reported"), widget=DATE)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, policy: Policy, stored: bool = False, **kwargs):
        self.policy, self.stored = policy, stored
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "—"), *self.EVENTS]
        if not self.is_bound:
            self.initial = {
                "reported_date": timezone.localdate(),
                **self.defaults(policy),
                **self.initial,
            }

    GROUPS: tuple[tuple[Any, tuple[str, ...]], ...] = ()  # (legend, fields) as fieldsets

    def sections(self):
        """(legend, bound fields, events): the ungrouped fields first (legend None), then
        each group with the events it is asked for ("" : every event)."""
        grouped = {name for _legend, names in self.GROUPS for name in names}
        yield None, [self[name] for name in self.fields if name not in grouped], ""
        for legend, names in self.GROUPS:
            events = [e for e, fields in self.EVENT_FIELDS.items() if set(fields) & set(names)]
            yield legend, [self[name] for name in names], " ".join(events)

    # The facts each event has, where they differ (UK motor); others keep every field.
    EVENT_FIELDS: dict[str, tuple[str, ...]] = {}
    # A question as the customer reads it when they answer it themselves, on their own
    # page, where staff's wording speaks of "the customer": {field name: label}.
    CUSTOMER_LABELS: dict[str, Any] = {}

    @property
    def fact_fields(self) -> list[str]:
        names = [name for name in self.fields if name not in ClaimForm.base_fields]
        event = self.cleaned_data.get("event") if hasattr(self, "cleaned_data") else None
        if event in self.EVENT_FIELDS:
            return [name for name in names if name in self.EVENT_FIELDS[event]]
        return names

    def defaults(self, policy: Policy) -> dict[str, Any]:
        """Facts known from the policy, offered as the starting answers."""
        return {}

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if not self.stored:  # a claim already stored is read back as it was taken
            self._plausible_dates(data)
        loss, reported = data.get("loss_date"), data.get("reported_date")
        if loss and loss < self.policy.start_date and not self.stored:
            self.add_error("loss_date", _("The date of loss cannot be before the policy "
                                          "started, on %(start)s.")
                           % {"start": formats.date_format(self.policy.start_date,
                                                           "SHORT_DATE_FORMAT")})  # fmt: skip
        if loss and loss > today:
            self.add_error("loss_date", _("The date of loss cannot be in the future."))
        if reported and reported > today:
            self.add_error("reported_date", _("The date reported cannot be in the future."))
        if loss and reported and reported < loss:
            self.add_error("reported_date", _("A loss cannot be reported before it happened."))
        return data

    def _plausible_dates(self, data) -> None:
        """Every date and time of the claim inside the window of a loss (dealers/
        plausibility.py): not in year 1 or 9999, not after today."""
        for name, field in self.fields.items():
            value = data.get(name)
            if value is None or not isinstance(field, forms.DateField | forms.DateTimeField):
                continue
            day = timezone.localtime(value).date() if hasattr(value, "hour") else value
            if problem := date_problem(day, "loss"):
                self.add_error(name, problem)
                data.pop(name, None)

    def facts_json(self) -> dict[str, Any]:
        return answers_json(
            {
                k: self.cleaned_data.get(k)
                for k in self.fact_fields
                if self.cleaned_data.get(k) not in (None, "")
            }
        )


def policy_answer(policy: Policy, key: str, default=None):
    """The policy's answer `key`, decoded by its product's schema (a form's default)."""
    answers = answers_decoded(policy.product.code, policy.answers, policy.answers_version)
    return answers.get(key, default)


def form_for(policy: Policy, *args, **kwargs) -> ClaimForm:
    return product_definition(policy.product.code).claim_form(*args, policy=policy, **kwargs)


def form_data(claim: Claim) -> dict[str, Any]:
    """The claim as the data its form was submitted with, its facts upgraded from the
    version they were stored under to the form's."""
    form = product_definition(claim.policy.product.code).claim_form
    facts = dict(claim.facts)
    for version in range(claim.facts_version, form.FACTS_VERSION):
        facts = form.FACTS_UPGRADES[version](facts)
    return {
        **facts,
        "event": claim.event,
        "loss_date": claim.loss_date.isoformat(),
        "reported_date": claim.reported_date.isoformat(),
        "description": claim.description,
    }


def facts_typed(claim: Claim) -> dict[str, Any]:
    """The claim's facts as Python values (Decimal, date, datetime, bool), through its
    product's form; with the event and the dates."""
    form = form_for(claim.policy, form_data(claim), stored=True)
    if not form.is_valid():  # stored by this form: only a changed form could refuse it
        raise ValueError(f"claim {claim.number}: stored facts no longer valid: {form.errors}")
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


FILE_TYPES = {
    "image/jpeg": FileKind.PHOTO,
    "image/png": FileKind.PHOTO,
    "image/heic": FileKind.PHOTO,
    "application/pdf": FileKind.DOCUMENT,
}
EXTENSIONS = {
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/heic": (".heic", ".heif"),
    "application/pdf": (".pdf",),
}
# The major brands of HEIF/HEIC photos (ISO/IEC 23008-12); MP4 and QuickTime, which start
# the same way ("....ftyp"), have others.
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
               b"mif1", b"msf1"}  # fmt: skip


def sniff(upload) -> str | None:
    """The type of the file by its first bytes, whatever its name or the type the browser
    gave: a program renamed .pdf, or a web page sent as image/png, is neither."""
    head = upload.read(12)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "image/heic"
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Photos (JPEG, PNG, HEIC) and documents (PDF), each at most CLAIM_FILE_MAX_BYTES.
    A file passed is given the type its content shows, and that type's extension."""

    widget = MultipleFileInput(
        attrs={"accept": ",".join([*FILE_TYPES, *(e for ext in EXTENSIONS.values() for e in ext)])}
    )

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(FilesField, self).clean(f, initial) for f in files]
        limit = settings.CLAIM_FILE_MAX_BYTES
        for f in cleaned:
            if f.size > limit:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(limit)s, the most a file can be.")
                    % {"name": f.name, "limit": size_text(limit)}
                )
            content_type = sniff(f)
            if content_type is None:
                raise forms.ValidationError(
                    _("%(name)s is not a photo (JPEG, PNG or HEIC) or a PDF document, the only"
                      " files that can be added.") % {"name": f.name}
                )  # fmt: skip
            f.content_type = content_type
            if not f.name.lower().endswith(EXTENSIONS[content_type]):
                f.name += EXTENSIONS[content_type][0]
        return cleaned


class FilesForm(forms.Form):
    files = FilesField(label=_("Photos and documents"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Photos (JPEG, PNG or HEIC) and PDF documents, %(limit)s each at most."
        ) % {"limit": size_text(settings.CLAIM_FILE_MAX_BYTES)}


def facts_shown(claim: Claim) -> list[tuple[str, str]]:
    """The claim's product facts as (label, value) for a page, in the form's order."""
    form = form_for(claim.policy, form_data(claim), stored=True)
    form.is_valid()
    shown = []
    for name in form.fact_fields:
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        field = form.fields[name]
        choices = dict(getattr(field, "choices", ()) or ())
        if isinstance(value, bool):
            text = _("Yes") if value else _("No")
        elif isinstance(field, MoneyField):
            text = format_money(value, claim.currency)
        elif value in choices or str(value) in choices:
            text = choices.get(value, choices.get(str(value)))
        elif hasattr(value, "isoformat"):
            text = formats.localize(timezone.localtime(value) if hasattr(value, "hour") else value)
        else:
            text = formats.localize(value)
        shown.append((str(field.label), str(text)))
    return shown


def event_label(claim: Claim) -> str:
    events = dict(product_definition(claim.policy.product.code).claim_form.EVENTS)
    return str(events.get(claim.event, claim.event))
