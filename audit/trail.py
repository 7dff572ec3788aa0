"""The audit trail: every recorded change to the audited models, read from their history
tables (django-simple-history), newest first, with who made it and what it changed.

Each audited model keeps its own history table. A page of the trail reads the newest rows
of each table the filter asks for (one query a table), merges them by time, and reads the
rows before them (one query a table on the page) to say what each change changed.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.apps import apps
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealers.models import by_the_customer

PAGE_SIZE = 50
# Columns every row has that say nothing about the change itself.
NOT_SHOWN = {"created_at", "updated_at", "version", "form_key"}
# Related rows worth naming in the trail (cheap to read); others are shown by number.
NAMED = {"dealers.User", "dealers.Dealer", "dealers.DealerGroup", "policies.Product"}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: str  # "app_label.Model"
    name_fields: tuple[str, ...] = ()

    @property
    def history(self) -> type[Model]:
        return apps.get_model(self.model).history.model


KINDS: dict[str, Kind] = {
    k.key: k
    for k in [
        Kind("customer", _("Customer"), "dealers.Customer",
             ("first_name", "last_name", "company_name")),
        Kind("vehicle", _("Vehicle"), "dealers.Vehicle", ("make", "model", "registration")),
        Kind("deal", _("Deal"), "dealers.Deal", ("reference",)),
        Kind("policy", _("Policy"), "policies.Policy", ("number",)),
        Kind("claim", _("Claim"), "claims.Claim", ("number",)),
        Kind("complaint", _("Complaint"), "complaints.Complaint", ("number",)),
        Kind("complaint_rule", _("Complaint rule"), "complaints.ComplaintRule", ("market",)),
        Kind("offer", _("Offer"), "policies.Offer", ("decision",)),
        Kind("signed_statement", _("Signed statement"), "policies.SignedStatement",
             ("kind", "signer_name")),
        Kind("staff", _("Member of staff"), "dealers.User",
             ("username", "first_name", "last_name")),
        Kind("dealer", _("Dealer"), "dealers.Dealer", ("name",)),
        Kind("dealer_group", _("Dealer group"), "dealers.DealerGroup", ("name",)),
        Kind("product", _("Product"), "policies.Product", ("name",)),
        Kind("product_setting", _("Product setting"), "policies.ProductSetting", ("key",)),
        Kind("rate_card", _("Rate card"), "policies.RateCard", ("version",)),
        Kind("rate_card_entry", _("Rate card entry"), "policies.RateCardEntry", ("key",)),
        Kind("tax_rate", _("Tax rate"), "policies.TaxRate", ("code", "region")),
        Kind("fee", _("Fee"), "policies.Fee", ("code",)),
        Kind("commission_rate", _("Commission rate"), "policies.CommissionRate", ()),
        Kind("retention", _("Data retention period"), "audit.DataRetention", ("market",)),
        Kind("value_threshold", _("Value threshold"), "dashboards.ValueThreshold",
             ("measure", "bound")),
    ]
}  # fmt: skip
ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    kind: Kind
    object_id: int
    label: str
    action: str
    when: datetime
    who: str
    reason: str
    history_id: int
    created: bool = False
    changes: list[Change] = field(default_factory=list)

    @property
    def cursor(self) -> str:
        return f"{self.when.isoformat()}|{self.kind.key}|{self.history_id}"


@dataclass(frozen=True)
class TrailQuery:
    """What the trail is narrowed to. `before` is the cursor of the last entry of the
    previous page."""

    kinds: tuple[str, ...] = tuple(KINDS)
    object_id: int | None = None
    user_id: int | None = None
    since: date | None = None
    until: date | None = None
    before: str = ""


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _before_filter(kind: Kind, cursor: str) -> Q:
    """Rows after the cursor in the trail's order (time, kind, row), newest first."""
    try:
        when_text, key, history_id = cursor.split("|")
        when, history_id = datetime.fromisoformat(when_text), int(history_id)
    except ValueError:
        return Q()
    if kind.key < key:
        return Q(history_date__lte=when)
    if kind.key == key:
        return Q(history_date__lt=when) | Q(history_date=when, history_id__lt=history_id)
    return Q(history_date__lt=when)


def _filter(kind: Kind, query: TrailQuery) -> Q:
    q = Q()
    if query.object_id is not None:
        q &= Q(id=query.object_id)
    if query.user_id is not None:
        q &= Q(history_user_id=query.user_id)
    if query.since:
        q &= Q(history_date__gte=_day_start(query.since))
    if query.until:
        q &= Q(history_date__lt=_day_start(query.until) + timezone.timedelta(days=1))
    if query.before:
        q &= _before_filter(kind, query.before)
    return q


def trail_page(query: TrailQuery, *, size: int = PAGE_SIZE) -> tuple[list[Entry], bool]:
    """The newest `size` entries of the trail that match, and whether there are more."""
    rows: list[tuple[Kind, Model]] = []
    for key in query.kinds:
        kind = KINDS[key]
        found = (
            kind.history.objects.filter(_filter(kind, query))
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[: size + 1]
        )
        rows.extend((kind, row) for row in found)
    rows.sort(key=lambda r: (r[1].history_date, r[0].key, r[1].history_id), reverse=True)
    more = len(rows) > size
    rows = rows[:size]
    previous = _previous_rows(rows)
    names = _related_names(rows, previous)
    entries = [_entry(kind, row, previous.get((kind.key, row.history_id)), names)
               for kind, row in rows]  # fmt: skip
    return entries, more


def _previous_rows(rows: list[tuple[Kind, Model]]) -> dict[tuple[str, int], Model]:
    """Each changed row's predecessor: the same object's row before it, one query a kind."""
    by_kind: dict[str, list[Model]] = {}
    for kind, row in rows:
        if row.history_type == "~":
            by_kind.setdefault(kind.key, []).append(row)
    found: dict[tuple[str, int], Model] = {}
    for key, changed in by_kind.items():
        history = KINDS[key].history
        older = history.objects.filter(
            id__in={r.id for r in changed}, history_id__lt=max(r.history_id for r in changed)
        ).order_by("id", "history_id")
        chains: dict[int, list[Model]] = {}
        for row in older:
            chains.setdefault(row.id, []).append(row)
        for row in changed:
            before = [r for r in chains.get(row.id, []) if r.history_id < row.history_id]
            if before:
                found[(key, row.history_id)] = before[-1]
    return found


def _tracked_fields(history: type[Model]) -> list:
    return [
        f for f in history._meta.concrete_fields
        if not f.name.startswith("history_") and f.name not in NOT_SHOWN and f.name != "id"
    ]  # fmt: skip


def _related_names(rows, previous) -> dict[tuple[str, object], str]:
    """The names of the staff, dealers and products the page's rows point to, one query a
    model."""
    wanted: dict[str, set] = {}
    for _kind, row in [*rows, *((None, r) for r in previous.values())]:
        for f in _tracked_fields(type(row)):
            label = f.related_model._meta.label if f.is_relation and f.related_model else ""
            if label in NAMED and getattr(row, f.attname) is not None:
                wanted.setdefault(label, set()).add(getattr(row, f.attname))
    names: dict[tuple[str, object], str] = {}
    for label, ids in wanted.items():
        for pk, obj in apps.get_model(label).objects.in_bulk(ids).items():
            names[(label, pk)] = _person(obj) if label == "dealers.User" else str(obj)
    return names


def _nobody(reason: str | None) -> str:
    """Who made a change no member of staff made: the customer on their own page (the
    reason says so), else a job or the API."""
    if by_the_customer(None, reason):
        return str(_("The customer, on their page"))
    return str(_("System (scheduled job or API)"))


def _person(user) -> str:
    return user.get_full_name() or user.username


def _shown(row: Model, f, names) -> str:
    value = getattr(row, f.attname)
    if value is None or value == "":
        return "—"
    if f.is_relation and f.related_model:
        label = f.related_model._meta.label
        return names.get((label, value), f"{f.related_model._meta.verbose_name} #{value}")
    if f.get_internal_type() == "JSONField":
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        return text if len(text) <= 200 else text[:199] + "…"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    return str(value)


def _entry(kind: Kind, row: Model, before: Model | None, names) -> Entry:
    fields = _tracked_fields(type(row))
    changes = []
    for f in fields:
        new = _shown(row, f, names)
        # A row loaded in bulk (the demo, an import) may have no earlier history row.
        old = _shown(before, f, names) if before is not None else str(_("not recorded"))
        if row.history_type == "+" and new != "—":
            changes.append(Change(str(f.verbose_name), "—", new))
        elif row.history_type == "~" and (before is None or old != new):
            changes.append(Change(str(f.verbose_name), old, new))
    label = " ".join(str(getattr(row, n)) for n in kind.name_fields if getattr(row, n, ""))
    user = row.history_user
    return Entry(
        kind=kind, object_id=row.id, label=label or f"#{row.id}",
        action=str(ACTIONS.get(row.history_type, row.history_type)), when=row.history_date,
        who=_person(user) if user else _nobody(row.history_change_reason),
        reason=row.history_change_reason or "", history_id=row.history_id,
        created=row.history_type == "+",
        changes=changes,
    )  # fmt: skip
