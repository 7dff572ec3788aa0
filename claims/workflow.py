"""The claim workflow as one transition table (django-oscar's order pipeline).

    notified ──assess──▶ under assessment ──approve──▶ approved ──settle──▶ settled
        │                    │      ▲                                         │
        │withdraw      decline│      │reopen                                  │close
        ▼                    ▼      │                                         ▼
      closed ◀───close──── declined ┴──────────reopen───────────────────── closed

Dealer staff notify claims and may withdraw one not yet decided; head office (the
insurer's claims handlers) assesses, decides, settles, closes and reopens. A move not in
the table is refused with a sentence saying what can be done from where the claim is.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ClaimStatus as S
from .models import Decision


@dataclass(frozen=True)
class Move:
    action: str
    source: str
    target: str
    label: Promise
    head_office_only: bool = True
    needs_reason: bool = False
    needs_amount: bool = False  # approve: the amount agreed; settle: the amount paid
    decision: str | None = None  # set on the claim by the move; None: left as it is


WITHDRAW: dict[str, Any] = {
    "head_office_only": False,
    "needs_reason": True,
    "decision": Decision.WITHDRAWN,
}
REOPEN: dict[str, Any] = {"needs_reason": True, "decision": Decision.NONE}

# fmt: off
MOVES: tuple[Move, ...] = (
    # action     from                 to                   label, what it needs and sets
    Move("assess",   S.NOTIFIED,         S.UNDER_ASSESSMENT, _("Start the assessment")),
    Move("withdraw", S.NOTIFIED,         S.CLOSED,           _("Withdraw the claim"), **WITHDRAW),
    Move("withdraw", S.UNDER_ASSESSMENT, S.CLOSED,           _("Withdraw the claim"), **WITHDRAW),
    Move("approve",  S.UNDER_ASSESSMENT, S.APPROVED,         _("Approve"), needs_amount=True,
         decision=Decision.APPROVED),
    Move("decline",  S.UNDER_ASSESSMENT, S.DECLINED,         _("Decline"), needs_reason=True,
         decision=Decision.DECLINED),
    Move("settle",   S.APPROVED,         S.SETTLED,          _("Record the settlement"),
         needs_amount=True),
    Move("close",    S.SETTLED,          S.CLOSED,           _("Close")),
    Move("close",    S.DECLINED,         S.CLOSED,           _("Close")),
    Move("reopen",   S.DECLINED,         S.UNDER_ASSESSMENT, _("Reopen"), **REOPEN),
    Move("reopen",   S.CLOSED,           S.UNDER_ASSESSMENT, _("Reopen"), **REOPEN),
)
# fmt: on

ACTIONS = {
    "assess": _("start the assessment of"),
    "withdraw": _("withdraw"),
    "approve": _("approve"),
    "decline": _("decline"),
    "settle": _("settle"),
    "close": _("close"),
    "reopen": _("reopen"),
}


class IllegalMove(Exception):
    """The move is not in the table, or not this user's to make; the message says why."""


def move_for(status: str, action: str) -> Move | None:
    return next((m for m in MOVES if m.source == status and m.action == action), None)


def moves_from(status: str, *, head_office: bool) -> list[Move]:
    """The moves a user may make from `status`, in the table's order."""
    return [m for m in MOVES if m.source == status and (head_office or not m.head_office_only)]


def check_move(status: str, action: str, *, head_office: bool) -> Move:
    """The move, or IllegalMove with a sentence for the user."""
    move = move_for(status, action)
    label = S(status).label
    if move is None:
        possible = ", ".join(str(m.label).lower() for m in moves_from(status, head_office=True))
        raise IllegalMove(
            _("You cannot %(action)s a claim that is %(status)s. From here: %(possible)s.")
            % {
                "action": ACTIONS.get(action, action),
                "status": str(label).lower(),
                "possible": possible or _("nothing"),
            }
        )
    if move.head_office_only and not head_office:
        raise IllegalMove(
            _("Only head office can %(action)s a claim.") % {"action": ACTIONS[action]}
        )
    return move
