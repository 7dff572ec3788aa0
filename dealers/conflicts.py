"""What a page shows when its save lost a race (dealers.versioning.VersionConflict): what
the other person changed since the page was opened, what this user typed, and a form
that re-applies this user's changes on the record as it is now, so nothing is lost.

The record as the page showed it is read back from its history (the row with the
version the page was opened at). Each field then takes the value this user typed where
they changed it, and the other person's value where only they did.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

NOT_COMPARED = {"id", "version", "created_at", "updated_at", "form_key"}


@dataclass
class Conflict:
    current: models.Model  # the record now
    by: str  # who saved it last ("" when unknown)
    at: datetime | None
    theirs: list[tuple[str, str, str]] = field(default_factory=list)  # label, before, now
    mine: list[tuple[str, str, str]] = field(default_factory=list)  # label, now, typed
    merged: dict[str, Any] = field(default_factory=dict)  # the form's values to save again


def shown(model_field: models.Field | None, value: Any) -> str:
    """A value as a person reads it."""
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, date | datetime):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _field(record: models.Model, name: str) -> models.Field | None:
    try:
        return record._meta.get_field(name)  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 - a form field of no model field
        return None


def _label(record: models.Model, name: str, labels: dict[str, str]) -> str:
    if name in labels:
        return labels[name]
    model_field = _field(record, name)
    return str(getattr(model_field, "verbose_name", name)).capitalize()


def _value(record: Any, name: str) -> Any:
    model_field = _field(record, name)
    if isinstance(model_field, models.ForeignKey):
        return getattr(record, model_field.attname)
    return getattr(record, name, None)


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _before(current: models.Model, version: int | None) -> Any:
    """The record as it was at `version`, from its history (None: not kept)."""
    history = getattr(current, "history", None)
    if version is None or history is None:
        return None
    return history.filter(version=version).order_by("-history_date", "-pk").first()


def _last_change(current: models.Model) -> tuple[str, datetime | None]:
    history = getattr(current, "history", None)
    last = history.order_by("-history_date", "-pk").first() if history is not None else None
    if last is None:
        return "", None
    user = last.history_user
    return (user.get_full_name() or user.username) if user else _("System"), last.history_date


def conflict_for(
    current: models.Model,
    expected_version: int | None,
    typed: dict[str, Any],
    labels: dict[str, str] | None = None,
) -> Conflict:
    """The conflict of `typed` (a form's cleaned data) with `current`, the record now."""
    labels = labels or {}
    before = _before(current, expected_version)
    by, at = _last_change(current)
    conflict = Conflict(current=current, by=by, at=at)
    names = [f.name for f in current._meta.concrete_fields if f.name not in NOT_COMPARED]
    for name in names:
        now, was = _value(current, name), _value(before, name) if before is not None else None
        if before is not None and was != now:
            conflict.theirs.append((_label(current, name, labels),
                                    shown(_field(current, name), was),
                                    shown(_field(current, name), now)))  # fmt: skip
    for name, value in typed.items():
        now, mine = _value(current, name), _comparable(value)
        was = _value(before, name) if before is not None else now
        changed_by_me = mine != was or before is None
        conflict.merged[name] = value if changed_by_me else now
        if changed_by_me and mine != now:
            conflict.mine.append((_label(current, name, labels),
                                  shown(_field(current, name), now),
                                  shown(_field(current, name), mine)))  # fmt: skip
    return conflict


def policy_changes(current: models.Model, expected_version: int | None) -> Conflict:
    """For a policy page: what changed on the policy since the page was opened (the
    answers key by key). What the user typed stays in the page's own form."""
    conflict = conflict_for(current, expected_version, {})
    before = _before(current, expected_version)
    if before is None:
        return conflict
    old, new = getattr(before, "answers", None) or {}, getattr(current, "answers", None) or {}
    label = str(_label(current, "answers", {}))
    conflict.theirs = [row for row in conflict.theirs if row[0] != label]
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            conflict.theirs.append((f"{label}: {key}", shown(None, old.get(key)),
                                    shown(None, new.get(key))))  # fmt: skip
    return conflict
