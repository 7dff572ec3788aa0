"""Writes of claims: notify, change the facts, add files, and move through the workflow.

Every write records who made it (ClaimStatusChange for the moves, simple_history for the
rest). A move checks the transition table (claims/workflow.py) under the claim's row lock,
so two people pressing "Approve" at once make one move and the second is told why not.
"""

import hashlib
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.markets import format_money
from dealers.models import User
from policies.models import Policy

from .assessment import assess
from .forms import FILE_TYPES, ClaimForm
from .models import Claim, ClaimFile, ClaimStatus, ClaimStatusChange
from .workflow import IllegalMove, Move, check_move

EDITABLE = (ClaimStatus.NOTIFIED, ClaimStatus.UNDER_ASSESSMENT)
# The audit trail's reason for a claim the customer notified on their own page.
ONLINE_REASON = "notified by the customer, on their page"


def claim_for_key(submission_key: str | None) -> Claim | None:
    """The claim a notify form with this (checked) key already made, if any."""
    if not submission_key:
        return None
    return Claim.objects.filter(submission_key=submission_key).first()


@transaction.atomic
def claim_notify(
    *,
    policy: Policy,
    form: ClaimForm,
    files=(),
    notified_by: User | None,
    submission_key: str | None = None,
) -> Claim:
    """Record a claim against the policy from its product's cleaned form, with its files.
    The number is the policy's with a sequence: LAP-000001/1, LAP-000001/2. The same
    form posted again (`submission_key`, checked by the view) gives the first claim back;
    the policy's row lock makes a second post wait for the first and find its claim.
    `notified_by` None: the customer notified it on their own page (`notified_online`),
    and the audit trail says so."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if (done := claim_for_key(submission_key)) is not None:
        return done
    sequence = policy.claims.count() + 1
    data, now = form.cleaned_data, timezone.now()
    claim = Claim(
        number=f"{policy.number}/{sequence}",
        policy=policy,
        dealer_id=policy.dealer_id,
        event=data["event"],
        loss_date=data["loss_date"],
        reported_date=data["reported_date"],
        description=data.get("description", ""),
        facts=form.facts_json(),
        facts_version=form.FACTS_VERSION,
        currency=policy.currency,
        notified_by=notified_by,
        notified_online=notified_by is None,
        notified_at=now,
        submission_key=submission_key or None,
    )
    claim._history_user = notified_by
    claim._change_reason = "notified" if notified_by else ONLINE_REASON
    claim.save()
    ClaimStatusChange.objects.create(
        claim=claim,
        to_status=ClaimStatus.NOTIFIED,
        action="notify",
        changed_by=notified_by,
        changed_at=now,
    )
    claim_files_add(claim=claim, files=files, uploaded_by=notified_by)
    return claim


class ClaimLocked(Exception):
    """The claim's facts can no longer change: it has been decided."""


@transaction.atomic
def claim_facts_update(*, claim: Claim, form: ClaimForm, changed_by: User) -> Claim:
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status not in EDITABLE:
        raise ClaimLocked(_("A decided claim's facts cannot change; reopen it first."))
    data = form.cleaned_data
    claim.event, claim.loss_date = data["event"], data["loss_date"]
    claim.reported_date, claim.description = data["reported_date"], data.get("description", "")
    claim.facts, claim.facts_version = form.facts_json(), form.FACTS_VERSION
    claim._history_user, claim._change_reason = changed_by, "facts changed"
    claim.save()
    return claim


class AddedFiles(NamedTuple):
    stored: list[ClaimFile]
    already: list[str]  # the names of the uploads whose content the claim already had


@transaction.atomic
def claim_files_add(*, claim: Claim, files, uploaded_by: User | None) -> AddedFiles:
    """Store the uploads (already checked by claims.forms.FilesField, which gave each the
    type its content shows) with a checksum: all of them or, if one cannot be stored,
    none (no row, and no file left on disk). A file whose content the claim already has
    (the same form posted twice, the same photo chosen twice) is not stored again, and is
    named in `already`. `uploaded_by` None: sent by the customer, online."""
    Claim.objects.select_for_update().filter(pk=claim.pk).first()  # one upload at a time
    held = set(claim.files.values_list("checksum", flat=True))
    stored: list[ClaimFile] = []
    already: list[str] = []
    try:
        for upload in files:
            if (checksum := _checksum(upload)) in held:
                already.append(upload.name)
                continue
            held.add(checksum)
            stored.append(_claim_file_store(claim, upload, checksum, uploaded_by))
    except Exception:
        for record in stored:
            record.file.delete(save=False)
        raise
    return AddedFiles(stored, already)


def _checksum(upload) -> str:
    digest = hashlib.sha256()
    for part in upload.chunks():
        digest.update(part)
    upload.seek(0)
    return digest.hexdigest()


def _claim_file_store(claim: Claim, upload, checksum: str, uploaded_by: User | None) -> ClaimFile:
    record = ClaimFile(
        claim=claim,
        kind=FILE_TYPES[upload.content_type],
        name=upload.name[:200],
        content_type=upload.content_type,
        size=upload.size,
        checksum=checksum,
        uploaded_by=uploaded_by,
        uploaded_at=timezone.now(),
    )
    record.file.save(upload.name, upload, save=False)
    try:
        record.save()
    except Exception:
        record.file.delete(save=False)
        raise
    return record


@transaction.atomic
def claim_move(
    *,
    claim: Claim,
    action: str,
    by: User,
    reason: str = "",
    amount: Decimal | None = None,
    payee: str = "",
    on: date | None = None,
) -> Claim:
    """Make the move `action` from where the claim is, as the transition table allows;
    IllegalMove says why not. Approving and declining keep the assessment shown."""
    claim = Claim.objects.select_for_update().select_related("policy__product").get(pk=claim.pk)
    move = check_move(claim.status, action, head_office=by.is_head_office)
    reason = reason.strip()
    if move.needs_reason and not reason:
        raise IllegalMove(_("Say why: a reason is needed to %(action)s.") % {"action": move.label})
    figures = _check_amount(claim, move, amount, reason, payee)
    now = timezone.now()
    _apply(claim, move, amount, payee, on or timezone.localdate(), figures)
    claim._history_user, claim._change_reason = by, action
    claim.save()
    ClaimStatusChange.objects.create(
        claim=claim,
        from_status=move.source,
        to_status=move.target,
        action=action,
        reason=reason,
        amount=amount,
        assessment=figures,
        changed_by=by,
        changed_at=now,
    )
    return claim


def _check_amount(claim, move: Move, amount, reason: str, payee: str) -> dict | None:
    """The assessment to keep with the move (approve, decline), after the amount checks."""
    if move.action not in ("approve", "decline", "settle"):
        return None
    if move.needs_amount and (amount is None or amount < 0):
        raise IllegalMove(_("Give the amount, zero or more."))
    if move.action == "settle":
        if not payee.strip():
            raise IllegalMove(_("Say who is paid."))
        return None
    assessment = assess(claim)
    if move.action == "approve" and assessment.covered is None:
        raise IllegalMove(
            _("The assessment still needs: %(missing)s.")
            % {"missing": ", ".join(assessment.missing)}
        )
    if move.action == "approve" and amount != assessment.payable and not reason:
        raise IllegalMove(
            _("The amount differs from the assessment (%(payable)s): say why.")
            % {"payable": format_money(assessment.payable, claim.currency)}
        )
    return assessment.as_json()


def _apply(claim, move: Move, amount, payee: str, on: date, figures) -> None:
    claim.status = move.target
    if move.decision is not None:
        claim.decision = move.decision
    if figures is not None:
        claim.assessment = figures
    if move.action == "approve":
        claim.approved_amount = amount
    elif move.action == "settle":  # a reopened claim paid again adds to what was paid
        claim.settled_amount = (claim.settled_amount or Decimal(0)) + amount
        claim.payee, claim.settled_on = payee.strip()[:200], on
