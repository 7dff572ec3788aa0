"""Documents' subscriptions to policies' events (policies/events.py): the customer's
email of each, recorded in the sender's transaction and sent once it commits; the PDFs of
the statements signed at the desk, made once the sale commits; the GAP information emailed
when a seller gives it (policies.distance)."""

from policies.distance import distance_offer_made
from policies.events import policies_event, policy_event, statements_signed

from .distance import distance_information_queue
from .outbox import email_queue, emails_queue
from .statements import statements_render_queue


def _email_queue(sender, *, policy, event, by, **kwargs) -> None:
    email_queue(policy=policy, event=event.value, requested_by=by)


def _emails_queue(sender, *, policies, event, **kwargs) -> None:
    emails_queue(policies=policies, event=event.value)


def _statements_render(sender, *, statements, **kwargs) -> None:
    statements_render_queue(statements)


def _distance_information(sender, *, offer, **kwargs) -> None:
    distance_information_queue(offer)


distance_offer_made.connect(_distance_information, dispatch_uid="documents-distance-information")
policy_event.connect(_email_queue, dispatch_uid="documents-email-queue")
statements_signed.connect(_statements_render, dispatch_uid="documents-statements-render")
policies_event.connect(_emails_queue, dispatch_uid="documents-emails-queue")
