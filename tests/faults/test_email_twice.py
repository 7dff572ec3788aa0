"""One email handed to two workers at once (a task delivered twice by the broker, or the
sweep's resend while the first is still going): it is sent once, with one set of
documents. email_deliver claims the send in the transaction that marks it sent."""

import asyncio

import pytest

from documents.emails import email_deliver
from documents.models import Document, EmailSend
from tests.concurrency import side_by_side
from tests.policies.selling import MOTOR, deal_for, disclosed, sell
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("products")]


class SlowInbox(Inbox):
    """Takes its time over each message: the second delivery comes while the first is
    still talking to the server."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.5)
        return await super().handle_DATA(server, session, envelope)


def test_two_deliveries_of_one_email_at_once_send_it_once(start_server, uk_dealer):
    inbox = start_server(SlowInbox())
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    with pytest.MonkeyPatch.context() as m:  # the sale's own task kept out of the way
        m.setattr("documents.outbox._send_on_commit", lambda send_ids: None)
        policy = sell(deal, "motor-uk", MOTOR)
    send = EmailSend.objects.get(policy=policy)

    outcomes = side_by_side(lambda: email_deliver(send_id=send.pk).status)
    send.refresh_from_db()
    assert outcomes == ["sent", "sent"]
    assert len(inbox.received) == 1 and (send.status, send.attempts) == ("sent", 1)
    assert inbox.received[0][1]["Message-ID"] == send.message_id
    # One version of each of the policy's four documents (schedule, certificate, Statement of
    # Fact, Important Information), the ones the email carried.
    assert Document.objects.filter(policy=policy).count() == 4
    assert send.documents.count() == 4
