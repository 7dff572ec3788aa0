"""A complaint's life as one transition table (as claims/workflow.py).

    received ──acknowledge──▶ acknowledged ──final_response──▶ resolved ──close──▶ closed
        │                        │   ▲ holding (a letter; it stays acknowledged)
        ├──summary_resolution────┴───┼──────────────────────▶ resolved
        └──final_response────────────────────────────────────▶ resolved

A summary resolution (the UK's, DISP 1.5) is only open to a market whose rule has one and
until its last day; after it, the complaint needs a final response with the referral
rights. Each letter move makes its letter (complaints/letters.py) and emails it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ComplaintStatus as S
from .models import LetterKind


@dataclass(frozen=True)
class Move:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays
    label: Promise
    letter: str | None = None
    decides: bool = False  # asks for the outcome, root cause, response and redress


# fmt: off
MOVES: tuple[Move, ...] = (
    Move("acknowledge", (S.RECEIVED,), S.ACKNOWLEDGED, _("Acknowledge"),
         LetterKind.ACKNOWLEDGEMENT),
    Move("holding", (S.ACKNOWLEDGED,), None, _("Send a holding response"), LetterKind.HOLDING),
    Move("summary_resolution", (S.RECEIVED, S.ACKNOWLEDGED), S.RESOLVED,
         _("Resolve with a summary resolution"), LetterKind.SUMMARY_RESOLUTION, decides=True),
    Move("final_response", (S.RECEIVED, S.ACKNOWLEDGED), S.RESOLVED,
         _("Send the final response"), LetterKind.FINAL_RESPONSE, decides=True),
    Move("close", (S.RESOLVED,), S.CLOSED, _("Close")),
)
# fmt: on
BY_ACTION = {m.action: m for m in MOVES}


class IllegalMove(Exception):
    """Not a move from where the complaint is; the message says what can be done."""


def moves_from(status: str) -> list[Move]:
    return [m for m in MOVES if status in m.sources]


def check_move(status: str, action: str) -> Move:
    move = BY_ACTION.get(action)
    if move is None or status not in move.sources:
        possible = ", ".join(str(m.label).lower() for m in moves_from(status)) or _("nothing")
        raise IllegalMove(
            _("A complaint that is %(status)s cannot be moved that way. From here: "
              "%(possible)s.") % {"status": S(status).label.lower(), "possible": possible}
        )  # fmt: skip
    return move
