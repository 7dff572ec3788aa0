"""What happens to policies that the layers above want to hear of (docs/architecture.md).
Policies sends these; documents (the customer's documents and emails) subscribes in its
AppConfig.ready, so policies never imports documents.

They are sent inside the transaction that made the change: a subscriber records its part
there (documents' outbox, EmailSend), so it commits or rolls back with the sale, and does
its outside work (sending the email) on commit. A subscriber's error undoes the change,
as the direct call it replaces did."""

from enum import StrEnum

from django.dispatch import Signal


class PolicyEvent(StrEnum):
    SALE = "sale"  # a policy sold, or renewed into its new period
    CANCELLATION = "cancellation"
    RENEWAL_INVITATION = "renewal_invitation"
    RENEWAL_REMINDER = "renewal_reminder"


# One policy: policy=, event=, by= (the user who did it). Subscribers treat it as sent
# once: sent again (a page posted twice), it changes nothing more.
policy_event = Signal()

# The daily renewal job's many policies at once: policies=, event=. The job holds their
# row locks and sends each policy's event once.
policies_event = Signal()


def policy_event_send(*, policy, event: PolicyEvent, by) -> None:
    policy_event.send(sender=PolicyEvent, policy=policy, event=event, by=by)


def policies_event_send(*, policies: list, event: PolicyEvent) -> None:
    policies_event.send(sender=PolicyEvent, policies=policies, event=event)


# The customer signed statements at the desk: statements= (SignedStatement rows, in the
# sale's transaction). documents makes each a PDF once it commits.
statements_signed = Signal()


def statements_signed_send(*, statements: list) -> None:
    statements_signed.send(sender=PolicyEvent, statements=statements)
