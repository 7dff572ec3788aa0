"""The exception a write of the point of sale or of servicing raises when it cannot go
ahead, with the sentences (policies.rules.common.Refusal) staff read to the customer."""

from .rules.common import Refusal


class SaleRefused(Exception):
    """The sale, change or cancellation cannot go ahead, for these reasons."""

    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("; ".join(r.message for r in refusals))
        self.refusals = refusals
