"""Optimistic locking for records two people may edit at once (customers, vehicles,
deals, policies).

Each such record has a `version` that every save through the services bumps. An edit
form carries the version it was shown at; the service saves only if the row is still at
that version, with one conditional UPDATE (`... WHERE version = expected`), so two saves
racing each other cannot both pass the check. The loser gets VersionConflict with the
record as it is now, and the page shows what the other person changed so nothing typed
is lost. A job that changes a record on its own (expected_version None) still bumps the
version, so a page opened before it knows.
"""

from typing import Any

from django.db import models
from django.db.models import F


class VersionConflict(Exception):
    """Someone saved the record after the form was shown: `current` is the record now."""

    def __init__(self, current: models.Model, expected_version: int | None) -> None:
        super().__init__(f"{current._meta.label} {current.pk} is at version "
                         f"{getattr(current, 'version', '?')}, not {expected_version}")  # fmt: skip
        self.current = current
        self.expected_version = expected_version


def version_claim(instance: models.Model, expected_version: int | None) -> None:
    """Move the row of `instance` to its next version, if it is still at
    `expected_version` (None: whatever it is); else VersionConflict. Call it inside the
    transaction that then saves the instance: the row stays locked until then."""
    manager = type(instance)._default_manager
    rows = manager.filter(pk=instance.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise VersionConflict(manager.get(pk=instance.pk), expected_version)
    instance.version = manager.values_list("version", flat=True).get(pk=instance.pk)  # type: ignore[attr-defined]


def versioned_save(
    instance: models.Model, *, expected_version: int | None, update_fields: list[str] | None = None
) -> None:
    """Save `instance` at its next version, or VersionConflict (see version_claim)."""
    version_claim(instance, expected_version)
    instance.save(update_fields=[*update_fields, "version"] if update_fields else None)


def version_of(value: Any) -> int | None:
    """The version a form posted back (None: not a version)."""
    try:
        version = int(value)
    except (TypeError, ValueError):
        return None
    return version if version >= 1 else None
