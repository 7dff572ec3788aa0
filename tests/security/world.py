"""The world every security test works in, built once for the package (conftest.py).

Dealers "own" and "same_group" in one group, "other_group" in another, all UK Lexus.
Each dealer has the same records: a customer with a vehicle and a deal, a motor policy
on that deal (sold 100 days ago), a notified claim on it with a file, a stored document
of the policy, and a second deal not sold yet (the target of the point-of-sale pages).
The staff: the four dealer roles at "own", the group manager of own's group, and head
office.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from claims.models import Claim, ClaimFile
from claims.services import claim_files_add
from complaints.models import Complaint, ComplaintLetter
from complaints.services import About, complaint_record
from dealers.models import Customer, Deal, Dealer, Role, User, Vehicle
from documents.models import Document, DocumentKind
from policies.demo import load_policy_demo
from policies.models import Policy, Quote, SignedStatement
from tests.claims.helpers import notify, sold
from tests.dealers.factories import DealerFactory, DealerGroupFactory, UserFactory
from tests.policies.selling import TODAY, deal_for

DEALER_ROLES = [
    Role.SALES_EXECUTIVE,
    Role.BUSINESS_MANAGER,
    Role.SALES_MANAGER,
    Role.DEALER_PRINCIPAL,
]
ROLES = [*DEALER_ROLES, Role.GROUP_MANAGER, Role.HEAD_OFFICE]
TARGETS = ["own", "same_group", "other_group"]
VISIBLE = {
    **{role: {"own"} for role in DEALER_ROLES},
    Role.GROUP_MANAGER: {"own", "same_group"},
    Role.HEAD_OFFICE: {"own", "same_group", "other_group"},
}
MANAGERS = [Role.SALES_MANAGER, Role.DEALER_PRINCIPAL, Role.GROUP_MANAGER, Role.HEAD_OFFICE]
PDF = b"%PDF-1.7\n"
# Every table a refused write must leave alone: the business records and their history.
SNAPSHOT_APPS = ("dealers", "policies", "claims", "complaints", "documents", "audit")


@dataclass(frozen=True)
class Records:
    """One dealer's records, each a target of the access matrix."""

    dealer: Dealer
    customer: Customer
    vehicle: Vehicle
    deal: Deal
    policy: Policy
    claim: Claim
    claim_file: ClaimFile
    document: Document
    menu_deal: Deal  # not sold yet: the point of sale's target
    seller: User
    quote: Quote  # given on the menu's deal
    statement: SignedStatement  # signed for the policy
    complaint: Complaint  # about the policy, acknowledged, its letter stored

    @property
    def letter_bytes(self) -> bytes:
        return file_bytes("complaint letter", self.dealer)

    @property
    def statement_bytes(self) -> bytes:
        return file_bytes("signed statement", self.dealer)

    @property
    def file_bytes(self) -> bytes:
        return file_bytes("claim file", self.dealer)

    @property
    def document_bytes(self) -> bytes:
        return file_bytes("schedule", self.dealer)


@dataclass(frozen=True)
class World:
    records: dict[str, Records]
    staff: dict[str, User]
    sessions: dict[str, str]  # role -> the session key of that member of staff, logged in


def logged_in(user: User) -> str:
    """A session of `user`, made once: logging in for each of a thousand tests was a
    good part of their time."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def file_bytes(what: str, dealer: Dealer) -> bytes:
    """A stored file whose content names its dealer: a download is of the right one."""
    return PDF + f"{what} of {dealer.name}".encode()


def _records(dealer: Dealer) -> Records:
    # a surname no other dealer's customer has, nor contains: a search finds one customer
    policy = sold(dealer, "motor-uk", customer__last_name=f"{dealer.name.split()[-1]}ham")
    seller = policy.sold_by  # named so that a page naming sellers names only theirs
    seller.first_name, seller.last_name = "Seller", f"{dealer.name.split()[-1]}man"
    seller.save(update_fields=["first_name", "last_name"])
    claim = notify(policy, "accidental_damage", at_fault="True", cost="800")
    upload = SimpleUploadedFile(
        "estimate.pdf", file_bytes("claim file", dealer), content_type="application/pdf"
    )
    [claim_file] = claim_files_add(claim=claim, files=[upload], uploaded_by=policy.sold_by).stored
    content = file_bytes("schedule", dealer)
    document = Document(
        policy=policy, kind=DocumentKind.SCHEDULE, version=1, language="en-gb",
        checksum="0" * 64, size=len(content), policy_state={},
    )  # fmt: skip
    document.file.save("schedule.pdf", ContentFile(content), save=True)
    menu_deal = deal_for(dealer, delivery_date=TODAY + timedelta(days=7))
    quote = Quote.objects.create(
        reference=f"Q-{dealer.pk:08d}", deal=menu_deal, created_by=seller, priced_on=TODAY,
        valid_until=TODAY + timedelta(days=30), language="en-gb", currency="GBP",
        answers={"smart-cover-term_months": ["12"], "basket": ["smart-cover"]},
        lines=[{"key": "smart-cover", "product": "smart-cover", "name": "Lexus SMART Cover",
                "plan": "single", "total": "238.80", "first": "238.80", "count": 1,
                "start": TODAY.isoformat()}],
        single_total="238.80", monthly_total="0.00", total="238.80",
        submission_key=f"world:{dealer.pk}",
    )  # fmt: skip
    statement = SignedStatement(
        deal=policy.deal, product=policy.product, kind="information_received", text="Read it",
        signer_name="A Customer", signature=b"png", signature_sha256="0" * 64,
        witnessed_by=seller, language="en-gb",
    )  # fmt: skip
    statement.file.save("statement.pdf", ContentFile(file_bytes("signed statement", dealer)))
    return Records(
        dealer=dealer, customer=policy.customer, vehicle=policy.vehicle, deal=policy.deal,
        policy=policy, claim=claim, claim_file=claim_file, document=document,
        menu_deal=menu_deal, seller=seller, quote=quote, statement=statement,
        complaint=_complaint(policy, dealer),
    )  # fmt: skip


def _complaint(policy: Policy, dealer: Dealer) -> Complaint:
    complaint = complaint_record(customer=policy.customer, about=About(policy=policy),
                                 category="service", summary="Nobody called back.",
                                 received_on=TODAY, channel="phone",
                                 recorded_by=policy.sold_by)  # fmt: skip
    complaint.status, complaint.acknowledged_on = "acknowledged", TODAY
    complaint.save(update_fields=["status", "acknowledged_on"])
    content = file_bytes("complaint letter", dealer)
    letter = ComplaintLetter(complaint=complaint, kind="acknowledgement", language="en-gb",
                             checksum="0" * 64, size=len(content),
                             created_at=timezone.now())  # fmt: skip
    letter.file.save("acknowledgement.pdf", ContentFile(content), save=True)
    return complaint


def build_world() -> World:
    load_policy_demo()
    first_group, second_group = DealerGroupFactory(), DealerGroupFactory()
    dealers = {
        "own": DealerFactory(group=first_group, name="Lexus Leeds"),
        "same_group": DealerFactory(group=first_group, name="Lexus York"),
        "other_group": DealerFactory(group=second_group, name="Lexus Bristol"),
    }
    records = {target: _records(dealer) for target, dealer in dealers.items()}
    staff = {
        **{role: UserFactory(role=role, dealer=dealers["own"]) for role in DEALER_ROLES},
        Role.GROUP_MANAGER: UserFactory(role=Role.GROUP_MANAGER, dealer_group=first_group),
        # an administrator: the admin site is head office's
        Role.HEAD_OFFICE: UserFactory(role=Role.HEAD_OFFICE, dealer=None, is_staff=True),
    }
    return World(records, staff, {role: logged_in(user) for role, user in staff.items()})


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the business tables (history included), to compare before and after.
    Plain SQL: the ORM's conversions made this most of a write test's time."""
    tables = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.app_label in SNAPSHOT_APPS:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 - our names
                tables[model._meta.label] = cursor.fetchall()
    return tables


def changed_tables(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]
