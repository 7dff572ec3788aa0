"""A policy's status as one transition table (as claims/workflow.py, django-oscar's order
pipeline). Every write of Policy.status goes through here.

      (new) ──sell───────────▶ in force ──cancel──▶ cancelled
      (new) ──issue_renewal──▶    │     ──renew───▶ renewed
                                  │     ──lapse───▶ lapsed
                                  └───────expire──▶ expired

A policy is made in force by a sale, or by the renewal job issuing the next period; it
leaves that state once, and every other state is final. A move not in the table raises
IllegalPolicyMove. `policy_move` moves one policy (the sale, a cancellation) and records
who and why in its history; `policies_move` moves many with one UPDATE (the renewal job,
the demo), and only those in a state the move starts from.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Expression, F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dealers.models import User

from .history import history_record
from .models import Policy
from .models import PolicyStatus as S

NEW = None  # a policy not yet saved: it has no status before its first move


@dataclass(frozen=True)
class Move:
    action: str
    source: str | None
    target: str


# fmt: off
MOVES: tuple[Move, ...] = (
    # action          from     to
    Move("sell",          NEW,    S.LIVE),
    Move("issue_renewal", NEW,    S.LIVE),  # the renewal job's next period
    Move("cancel",        S.LIVE, S.CANCELLED),
    Move("renew",         S.LIVE, S.RENEWED),
    Move("lapse",         S.LIVE, S.LAPSED),
    Move("expire",        S.LIVE, S.EXPIRED),
)
# fmt: on

ACTIONS: dict[str, Promise] = {
    "sell": _("sell"),
    "issue_renewal": _("issue as a renewal"),
    "cancel": _("cancel"),
    "renew": _("renew"),
    "lapse": _("let lapse"),
    "expire": _("expire"),
}


class IllegalPolicyMove(Exception):
    """The move is not in the table from the policy's status; the message says which."""


def move_for(status: str | None, action: str) -> Move | None:
    return next((m for m in MOVES if m.source == status and m.action == action), None)


def check_move(status: str | None, action: str) -> Move:
    """The move `action` from `status` (NEW: a policy not yet saved), or IllegalPolicyMove."""
    move = move_for(status, action)
    if move is None:
        raise IllegalPolicyMove(
            _("You cannot %(action)s a policy that is %(status)s.")
            % {
                "action": ACTIONS.get(action, action),
                "status": _("not yet issued") if status is NEW else str(S(status).label).lower(),
            }
        )
    return move


def sources_of(action: str) -> list[str | None]:
    """The states `action` moves a policy from."""
    return [m.source for m in MOVES if m.action == action]


def policy_move(
    policy: Policy, action: str, *, by: User | None, reason: str, **values: Any
) -> Move:
    """Move `policy` (locked by the caller, or not yet saved) by `action`: check the table,
    set the status and `values`, and save it with a history row saying who and why."""
    move = check_move(NEW if policy._state.adding else policy.status, action)
    policy.status = move.target
    for name, value in values.items():
        setattr(policy, name, value)
    policy._history_user = by  # type: ignore[attr-defined]  # simple_history: who, why
    policy._change_reason = reason[:100]  # type: ignore[attr-defined]
    policy.save()
    return move


@transaction.atomic
def policies_move(
    policies: QuerySet[Policy], action: str, *, reason: str | Expression | None, **values: Any
) -> set[int]:
    """Move every policy of the query that `action` may move, with one UPDATE (the version
    bumped: a page opened before sees the change) and a history row each, by no user (the
    job). A policy in a state the move does not start from is left as it is. Returns the
    ids moved. `reason` None: the caller writes the history rows itself, once the rest of
    the change is written in this transaction (the renewal's reason names the next
    period's number, which exists only after the move)."""
    sources = sources_of(action)
    if not sources or NEW in sources:
        raise IllegalPolicyMove(f"{action!r} does not move saved policies.")
    (target,) = {m.target for m in MOVES if m.action == action}
    eligible = policies.filter(status__in=sources).order_by("pk")
    ids = set(eligible.select_for_update(of=("self",)).values_list("pk", flat=True))
    if not ids:
        return ids
    moved = Policy.objects.filter(pk__in=ids)
    moved.update(**values, status=target, version=F("version") + 1)
    if reason is not None:
        history_record(moved, reason=reason)
    return ids


def new_status(action: str) -> str:
    """The status a policy made by `action` (many at once: the renewal job) is saved with."""
    return check_move(NEW, action).target
