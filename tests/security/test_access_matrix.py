"""No read or write across dealers, over every URL of the project.

ROUTES maps every URL name of the resolver to how it is exercised; a name the resolver
has and the table lacks fails `test_every_url_of_the_project_is_in_the_table`, so a new
page cannot be added without its row here. The admin site is one block (ADMIN).

For a page of a record (customer, vehicle, deal, policy, claim, claim file, document, a
deal's menu) every role × the record at "own", at a dealer of the same group and at a
dealer of another group: the page opens where the role's scope includes the record's
dealer, and is not found (404) otherwise; a POST out of scope is refused and changes no
row of any business table. The world is in world.py.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from claims.models import ClaimStatus
from dashboards.refresh import dashboards_refresh
from dealers.form_keys import form_key_issue
from dealers.models import Role
from dealers.money import round_money
from dealers.services import api_token_issue
from policies.models import JobRun
from servicing import cancellation as servicing_cancellation
from servicing import changes as servicing_changes
from tests.claims.helpers import claim_data
from tests.dealers.factories import (
    at_version,
    customer_post_data,
    deal_post_data,
    new_customer_key,
    new_deal_key,
    vehicle_post_data,
)
from tests.policies.selling import page_values

from .world import (
    MANAGERS,
    PDF,
    ROLES,
    TARGETS,
    VISIBLE,
    Records,
    changed_tables,
    snapshot,
)

pytestmark = pytest.mark.django_db

Build = Callable[[Records], dict]


@dataclass(frozen=True)
class Record:
    """A page of one dealer's record: the record's dealer decides who may use it."""

    url: Callable[[Records], str]
    shows: Callable[[Records], str] | None = None  # GET: what the page names when it opens
    download: Callable[[Records], bytes] | None = None  # GET: the file it serves
    starts: bytes | None = None  # GET: how the file it makes begins (a PDF rendered anew)
    post: Build | None = None  # POST: a write that succeeds within scope
    posted: int = 302  # what a POST within scope answers
    writes: bool = True  # whether a POST within scope changes the database
    head_office_only: bool = False  # everyone else: 403, whatever the dealer
    # POST: the form is shown first with these answers, as a browser does, and posted with
    # what the page carries (the key the server issued it, the prices on the screen)
    shown_first: bool = False

    @property
    def gets(self) -> bool:
        return self.shows is not None or self.download is not None or self.starts is not None


@dataclass(frozen=True)
class Page:
    """A page of no one record."""

    name: str
    kwargs: dict = field(default_factory=dict)
    roles: tuple[str, ...] = tuple(ROLES)  # who may use it; everyone else gets 403
    method: str = "get"
    data: dict = field(default_factory=dict)
    status: int = 200  # what a role that may use it gets
    anonymous: int | None = None  # None: sent to log in
    form: dict | None = None  # what the page's own form posts (test_csrf.py)

    @property
    def url(self) -> str:
        return reverse(self.name, kwargs=self.kwargs)


@dataclass(frozen=True)
class Api:
    """An endpoint of the API (API.md): a session or a token, else 401/403."""

    name: str
    body: dict | None = None  # None: GET
    answers: str = ""  # what the answer has
    public: bool = False  # the contract's description of itself: open to anyone

    @property
    def url(self) -> str:
        return reverse(self.name)


def url(name: str, pk: Callable[[Records], int], *more: str, query: str = ""):
    def build(o: Records) -> str:
        path = reverse(name, args=[pk(o), *more])
        return f"{path}?{query}" if query else path

    return build


def for_dealer(name: str):
    return lambda o: f"{reverse(name)}?dealer={o.dealer.pk}"


# --- what each POST sends: a write that succeeds when the record is in scope -----------


def today():
    return timezone.localdate()


def new_deal(o: Records) -> dict:
    return {**vehicle_post_data("vehicle", registration="LX25 NEW"),
            **deal_post_data(o.seller, "deal")}  # fmt: skip


def cancellation(o: Records) -> dict:
    refund = servicing_cancellation.cancellation_preview(
        policy=o.policy, on=today(), lang="en-gb"
    ).refund
    return at_version(o.policy, {"cancel_on": today().isoformat(), "reason": "Sold the car",
                                 "action": "confirm", "shown_refund": str(refund)})  # fmt: skip


def address_change(o: Records) -> dict:
    difference = servicing_changes.change_preview(
        policy=o.policy, kind="address", answers={"area": "D"}, on=today(), lang="en-gb"
    )
    return at_version(o.policy, {"effective_on": today().isoformat(), "area": "D",
                                 "action": "confirm",
                                 "shown_difference": str(round_money(difference))})  # fmt: skip


def smart_answers(o: Records) -> dict:
    p = "smart-cover"
    return {f"{p}-term_months": "12", f"{p}-sale_date": today().isoformat(),
            f"{p}-delivery_date": o.menu_deal.vehicle.delivery_date.isoformat(),
            f"{p}-payment_plan": "single"}  # fmt: skip


def smart_sale(o: Records) -> dict:
    return {**smart_answers(o), "disclosure-acknowledged": "on", "sell": ""}


def claim_facts(o: Records, cost: str) -> dict:
    return claim_data(o.policy, "accidental_damage", at_fault="True", cost=cost)


PAGE_KEY = "(the key the form page issues)"


def with_page_key(client, url: str, data: dict) -> dict:
    """A create form's data with the key its page gives the user logged in (a key is
    bound to the user and the record: one made up here would be refused as forged)."""
    if data.get("submission_key") != PAGE_KEY:
        return data
    page = client.get(url).content.decode()
    found = re.search(r'name="submission_key" value="([^"]+)"', page)
    return {**data, "submission_key": found.group(1) if found else "none"}


def upload(o: Records) -> dict:
    return {"files": [SimpleUploadedFile("photo.pdf", PDF + b"new", "application/pdf")]}


CALCULATIONS = {
    "api:gap-benefit": {"product": "asset-protector", "invoice_price": "22000.00",
                        "insurer_settlement": "13000.00", "months_since_delivery": 12},
    "api:it-settlement": {"cover": "furto", "insured_value": "30000.00", "damage": "2000.00",
                          "in_network": True, "province": "RM", "vehicle_condition": "new",
                          "policy_year": 1},
    "api:it-eligibility": {"package": "rosso", "options": [], "vehicle_type": "autovettura",
                           "first_registration": "2026-01-10", "sale_date": "2026-02-01",
                           "invoice_price": "40000.00", "duration_years": 3},
    "api:au-excess": {"state": "NSW", "claim_type": "accident", "at_fault": True,
                      "other_party_identified": False, "driver_age": 40, "licence_years": 20,
                      "licence_type": "full", "driver_named": True},
    "api:ncd": {"years_held": 3, "protected": False, "claim_in_past_two_periods": False,
                "claims": [{"kind": "at_fault"}]},
    "api:cancellation-refund": {"product": "smart-cover", "premium": "238.80",
                                "start_date": "2026-01-01", "end_date": "2027-01-01",
                                "cancel_date": "2026-06-01", "claim_made": False},
    "api:payment-options": {"market": "AU", "standard_premium": "594.00"},
}  # fmt: skip
QUOTE = {"product": "smart-cover", "term_months": 24}

# --- the table: every URL name of the resolver ------------------------------------------

RECORDS: dict[str, Record] = {
    "dealers:customer-detail": Record(
        url("dealers:customer-detail", lambda o: o.customer.pk), shows=lambda o: str(o.customer)
    ),
    "dealers:customer-update": Record(
        url("dealers:customer-update", lambda o: o.customer.pk),
        shows=lambda o: str(o.customer),
        post=lambda o: at_version(
            o.customer, customer_post_data("UK", first_name="Changed", email="new@example.com")
        ),
    ),
    "dealers:customer-deal-create": Record(
        url("dealers:customer-deal-create", lambda o: o.customer.pk),
        shows=lambda o: str(o.customer),
        post=new_deal,
    ),
    "dealers:vehicle-update": Record(
        url("dealers:vehicle-update", lambda o: o.vehicle.pk),
        shows=lambda o: o.vehicle.registration,
        post=lambda o: at_version(
            o.vehicle, vehicle_post_data(model="Changed", invoice_price="1.00")
        ),
    ),
    "dealers:deal-detail": Record(
        url("dealers:deal-detail", lambda o: o.deal.pk), shows=lambda o: str(o.customer)
    ),
    "dealers:deal-update": Record(
        url("dealers:deal-update", lambda o: o.deal.pk),
        shows=lambda o: str(o.customer),
        post=lambda o: at_version(o.deal, deal_post_data(o.seller, reference="CHANGED")),
    ),
    # new records at a dealer picked in the query (?dealer=)
    "dealers:customer-create": Record(
        for_dealer("dealers:customer-create"),
        shows=lambda o: o.dealer.name,
        post=lambda o: customer_post_data("UK", last_name="Newcomer"),
    ),
    "dealers:deal-create": Record(
        for_dealer("dealers:deal-create"),
        shows=lambda o: o.dealer.name,
        post=lambda o: {**customer_post_data("UK", "customer"), **new_deal(o)},
    ),
    "policies:policy-detail": Record(
        url("policies:policy-detail", lambda o: o.policy.pk), shows=lambda o: o.policy.number
    ),
    "policies:policy-renewal": Record(
        url("policies:policy-renewal", lambda o: o.policy.pk),
        post=lambda o: at_version(o.policy, {} if o.policy.auto_renew else {"auto_renew": "on"}),
    ),
    "policies:policy-cancel": Record(
        url("policies:policy-cancel", lambda o: o.policy.pk),
        shows=lambda o: o.policy.number,
        post=cancellation,
    ),
    "policies:policy-change": Record(
        url("policies:policy-change", lambda o: o.policy.pk, query="kind=address"),
        shows=lambda o: o.policy.number,
        post=address_change,
    ),
    "documents:policy-resend": Record(
        url("documents:policy-resend", lambda o: o.policy.pk), post=lambda o: {}
    ),
    "documents:document-download": Record(
        url("documents:document-download", lambda o: o.document.pk),
        download=lambda o: o.document_bytes,
    ),
    "policies:deal-menu": Record(
        url("policies:deal-menu", lambda o: o.menu_deal.pk),
        shows=lambda o: o.menu_deal.vehicle.registration,
    ),
    "policies:deal-needs": Record(
        url("policies:deal-needs", lambda o: o.menu_deal.pk),
        post=lambda o: {"needs": ["gap"], "notes": "Wants the gap covered"},
    ),
    "policies:deal-price": Record(
        url("policies:deal-price", lambda o: o.menu_deal.pk, "smart-cover"),
        post=smart_answers,
        posted=200,
        writes=False,
    ),
    "policies:deal-reprice": Record(
        url("policies:deal-reprice", lambda o: o.menu_deal.pk),
        post=smart_answers,
        posted=200,
        writes=False,
    ),
    "documents:policy-covers": Record(
        url("documents:policy-covers", lambda o: o.policy.pk),
        shows=lambda o: o.policy.product.name,
    ),
    "documents:deal-covers": Record(
        url("documents:deal-covers", lambda o: o.menu_deal.pk),
        shows=lambda o: "Lexus SMART Cover",
        post=smart_answers,
        posted=200,
        writes=False,
    ),
    "policies:deal-basket": Record(
        url("policies:deal-basket", lambda o: o.menu_deal.pk),
        post=lambda o: {**smart_answers(o), "basket": "smart-cover"},
        posted=200,
        writes=False,
    ),
    "policies:deal-present": Record(
        url("policies:deal-present", lambda o: o.menu_deal.pk),
        post=lambda o: {**smart_answers(o), "basket": "smart-cover"},
        posted=200,
        writes=False,
    ),
    "documents:deal-quote": Record(
        url("documents:deal-quote", lambda o: o.menu_deal.pk),
        post=lambda o: {**smart_answers(o), "basket": "smart-cover"},
    ),
    "documents:statement-download": Record(
        url("documents:statement-download", lambda o: o.statement.pk),
        download=lambda o: o.statement_bytes,
    ),
    "documents:quote-detail": Record(
        url("documents:quote-detail", lambda o: o.quote.reference),
        shows=lambda o: o.quote.reference,
    ),
    "documents:quote-pdf": Record(
        url("documents:quote-pdf", lambda o: o.quote.reference), starts=b"%PDF"
    ),
    "documents:quote-email": Record(
        url("documents:quote-email", lambda o: o.quote.reference), post=lambda o: {}
    ),
    "policies:deal-decline": Record(
        url("policies:deal-decline", lambda o: o.menu_deal.pk, "motor-uk"),
        post=lambda o: {"reason_code": "has_cover", "reason": "Insured elsewhere"},
    ),
    "policies:deal-sell": Record(
        url("policies:deal-sell", lambda o: o.menu_deal.pk, "smart-cover"),
        shows=lambda o: str(o.menu_deal.customer),
        post=smart_sale,
        shown_first=True,
    ),
    "claims:claim-notify": Record(
        url("claims:claim-notify", lambda o: o.policy.pk),
        shows=lambda o: o.policy.number,
        post=lambda o: {**claim_facts(o, "300"), "submission_key": PAGE_KEY},
    ),
    "claims:claim-detail": Record(
        url("claims:claim-detail", lambda o: o.claim.pk), shows=lambda o: o.claim.number
    ),
    "claims:claim-edit": Record(
        url("claims:claim-edit", lambda o: o.claim.pk),
        shows=lambda o: o.claim.number,
        post=lambda o: claim_facts(o, "950"),
    ),
    # withdrawing is the one move dealer staff may make (claims/workflow.py)
    "claims:claim-move": Record(
        url("claims:claim-move", lambda o: o.claim.pk, "withdraw"),
        post=lambda o: {"reason": "The customer paid for the repair"},
    ),
    "claims:claim-files": Record(url("claims:claim-files", lambda o: o.claim.pk), post=upload),
    # the complaints register: a complaint is its dealer's (complaints.selectors)
    "complaints:complaint-record": Record(
        url("complaints:complaint-record", lambda o: o.customer.pk),
        shows=lambda o: str(o.customer),
        post=lambda o: {
            "category": "service",
            "summary": "Kept waiting",
            "received_on": today().isoformat(),
            "channel": "phone",
            "submission_key": PAGE_KEY,
        },
    ),
    "complaints:complaint-detail": Record(
        url("complaints:complaint-detail", lambda o: o.complaint.pk),
        shows=lambda o: o.complaint.number,
    ),
    "complaints:complaint-letter": Record(
        url("complaints:complaint-letter", lambda o: o.complaint.pk, "acknowledgement"),
        download=lambda o: o.letter_bytes,
    ),
    # a move is for managers and the complaint's handler: tested on its own below
    "complaints:complaint-move": Record(
        url("complaints:complaint-move", lambda o: o.complaint.pk, "holding"),
    ),
    "claims:claim-file": Record(
        url("claims:claim-file", lambda o: o.claim_file.pk), download=lambda o: o.file_bytes
    ),
    # head office's pages about a customer's personal data
    "audit:customer-privacy": Record(
        url("audit:customer-privacy", lambda o: o.customer.pk),
        shows=lambda o: str(o.customer),
        post=lambda o: {"reference": "DSR-2026-001", "confirm": "on"},
        head_office_only=True,
    ),
    "audit:customer-export": Record(
        url("audit:customer-export", lambda o: o.customer.pk),
        post=lambda o: {"export-reference": "DSR-2026-002"},
        posted=200,
        head_office_only=True,
    ),
    # the fair value pack of the record's product (head office's only)
    "dashboards:value-pack": Record(
        lambda o: (
            f"{reverse('dashboards:value-pack')}?product={o.policy.product_id}"
            f"&year={timezone.localdate().year}&format=pdf"
        ),
        starts=b"%PDF",
        head_office_only=True,
    ),
}
PAGES: dict[str, Page] = {
    "dealers:home": Page("dealers:home"),
    "dealers:customer-list": Page("dealers:customer-list"),
    "dealers:deal-list": Page("dealers:deal-list"),
    "policies:policy-list": Page("policies:policy-list"),
    "claims:claim-list": Page("claims:claim-list"),
    "complaints:complaint-list": Page("complaints:complaint-list"),
    "policies:job-runs": Page("policies:job-runs", roles=tuple(MANAGERS)),
    # each role sees its own scope's offers (tests/portal/test_distance.py)
    "policies:distance-list": Page("policies:distance-list"),
    "dashboards:sales": Page("dashboards:sales", roles=tuple(MANAGERS)),
    "dashboards:page": Page("dashboards:page", {"page": "claims"}, roles=tuple(MANAGERS)),
    "audit:trail": Page("audit:trail", roles=(Role.HEAD_OFFICE,)),
    "password_change": Page(
        "password_change",
        form={
            "old_password": "correct horse battery",
            "new_password1": "Another-Passw0rd-26",
            "new_password2": "Another-Passw0rd-26",
        },
    ),
    "password_change_done": Page("password_change_done"),
    # staff already logged in are sent on; anyone may see the login form
    "login": Page(
        "login",
        status=302,
        anonymous=200,
        form={"username": "nobody", "password": "correct horse battery"},
    ),
    "logout": Page("logout", method="post", status=302, anonymous=302),
    "set_language": Page(
        "set_language", method="post", data={"language": "it"}, status=302, anonymous=302
    ),
    # for load balancers: no login, and nothing of any dealer in it
    "health": Page("health", anonymous=200),
    # the customers' own pages: open to anyone, a customer's records only with a customer's
    # session (tests/portal): staff, as anyone without one, are sent to ask for a link
    "portal:enter": Page("portal:enter", anonymous=200),
    "portal:link": Page("portal:link", anonymous=200),
    "portal:home": Page("portal:home", status=302, anonymous=302),
    "portal:document": Page("portal:document", kwargs={"pk": 1}, status=302, anonymous=302),
    "portal:leave": Page("portal:leave", method="post", status=302, anonymous=302),
    "portal:contact": Page("portal:contact", status=302, anonymous=302),
    "portal:renewal": Page(
        "portal:renewal", kwargs={"pk": 1}, method="post", status=302, anonymous=302
    ),  # fmt: skip
    "portal:renew": Page(
        "portal:renew", kwargs={"pk": 1}, method="post", status=302, anonymous=302
    ),  # fmt: skip
    "portal:offer": Page("portal:offer", kwargs={"pk": 1}, status=302, anonymous=302),
    "portal:offer-pdf": Page("portal:offer-pdf", kwargs={"pk": 1}, status=302, anonymous=302),
    "portal:claim-notify": Page(
        "portal:claim-notify", kwargs={"pk": 1}, status=302, anonymous=302
    ),  # fmt: skip
    "portal:claim": Page("portal:claim", kwargs={"pk": 1}, status=302, anonymous=302),
    "portal:address": Page("portal:address", status=302, anonymous=302),
    "portal:cancel": Page("portal:cancel", kwargs={"pk": 1}, status=302, anonymous=302),
    "portal:complaint": Page("portal:complaint", status=302, anonymous=302),
    "portal:complaint-letter": Page(
        "portal:complaint-letter",
        kwargs={"pk": 1, "kind": "acknowledgement"},
        status=302,
        anonymous=302,
    ),  # fmt: skip
}
APIS: dict[str, Api] = {
    **{name: Api(name, body, answers="currency" if "ncd" not in name else "counted_claims")
       for name, body in CALCULATIONS.items()},
    "api:quotes": Api("api:quotes", QUOTE, answers="payment_options"),
    # API.md: the schema is served and browsable; it holds no dealer's data
    "api:schema": Api("api:schema", answers="openapi", public=True),
    "api:docs": Api("api:docs", answers="swagger", public=True),
}  # fmt: skip
ROUTES: dict[str, Record | Page | Api] = {**RECORDS, **PAGES, **APIS}
ADMIN = "admin"  # the namespace of the admin site, covered as one block below

GETS = [name for name, r in RECORDS.items() if r.gets]
POSTS = [name for name, r in RECORDS.items() if r.post]


def resolver_names(patterns=None, namespace: str = "") -> list[str]:
    """Every URL name of the project, namespaced; "<unnamed>" for a pattern without one."""
    names: list[str] = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names += resolver_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern):
            names.append(f"{namespace}{p.name or '<unnamed>'}")
    return names


def test_every_url_of_the_project_is_in_the_table():
    names = resolver_names()
    admin_names = {n for n in names if n.startswith(f"{ADMIN}:")}
    project = set(names) - admin_names

    assert "<unnamed>" not in project, "a URL pattern without a name cannot be in the table"
    assert sorted(project - set(ROUTES)) == [], "add these URL names to ROUTES"
    assert sorted(set(ROUTES) - project) == [], "these names are no longer in the resolver"
    assert len(admin_names) > 100, "the admin block covers every admin page"


# --- records: every role × every dealer ---------------------------------------------------


def with_form_key(name: str, data: dict, user, o: Records) -> dict:
    """A create form's post as from its page shown to `user` (dealers.form_keys)."""
    keys = {
        "dealers:customer-create": lambda: new_customer_key(user, o.dealer),
        "dealers:deal-create": lambda: new_deal_key(user, o.dealer),
        "dealers:customer-deal-create": lambda: new_deal_key(user, customer=o.customer),
        "documents:deal-quote": lambda: {
            "quote_key": form_key_issue(
                user_id=user.pk, purpose="quote", subject=f"deal:{o.menu_deal.pk}:quote"
            )
        },
    }
    return {**data, **keys[name]()} if name in keys else data


def expected_in_scope(route: Record, role: str, target: str) -> bool:
    if route.head_office_only:
        return role == Role.HEAD_OFFICE
    return target in VISIBLE[role]


def refused_status(route: Record) -> int:
    # another dealer's record is simply not found; a head-office page is forbidden
    return 403 if route.head_office_only else 404


def body_of(response) -> bytes:
    # consumed to its end, a streamed file is closed by the test client
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", GETS)
def test_a_record_opens_only_for_staff_whose_scope_includes_its_dealer(
    client, world, as_role, name, role, target
):
    route, o = RECORDS[name], world.records[target]
    as_role(role)

    response = client.get(route.url(o))

    content = body_of(response)
    if expected_in_scope(route, role, target):
        assert response.status_code == 200
        if route.download:
            assert content == route.download(o)
        elif route.starts:
            assert content.startswith(route.starts)
        else:
            assert escape(route.shows(o)) in content.decode()
    else:
        assert response.status_code == refused_status(route)
        assert o.dealer.name.encode() not in content


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", POSTS)
def test_a_write_to_a_record_out_of_scope_is_refused_and_changes_nothing(
    client, world, as_role, name, role, target
):
    route, o = RECORDS[name], world.records[target]
    user = as_role(role)
    data = with_form_key(name, with_page_key(client, route.url(o), route.post(o)), user, o)
    before = snapshot()

    if route.shown_first:
        shown = client.post(route.url(o), {**data, "update": ""})
        data = {**data, **page_values(shown.content.decode())}
    response = client.post(route.url(o), data)

    changed = changed_tables(before, snapshot())
    if expected_in_scope(route, role, target):
        assert response.status_code == route.posted
        assert bool(changed) is route.writes, changed  # the write is real, not a form error
    else:
        assert response.status_code == refused_status(route)
        assert changed == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["dealers:customer-deal-create", "dealers:deal-create"])
def test_a_new_deal_naming_another_dealers_seller_is_refused_and_saves_nothing(
    client, world, as_role, name, role
):
    """An id in the form rather than the URL: the seller must work at the deal's dealer."""
    route, own = RECORDS[name], world.records["own"]  # "own" is in every role's scope
    user = as_role(role)
    data = {**with_form_key(name, route.post(own), user, own),
            "deal-salesperson": world.records["other_group"].seller.pk}  # fmt: skip
    before = snapshot()

    response = client.post(route.url(own), data)

    assert response.status_code == 200  # the form again, with the error
    assert "salesperson" in response.context["deal_form"].errors
    assert changed_tables(before, snapshot()) == []


@pytest.mark.parametrize("name", GETS + [n for n, p in PAGES.items() if p.anonymous is None])
def test_an_anonymous_visitor_is_sent_to_log_in(client, world, name):
    route = ROUTES[name]
    path = route.url(world.records["own"]) if isinstance(route, Record) else route.url

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={quote(path, safe='/')}"


@pytest.mark.parametrize("name", POSTS)
def test_an_anonymous_write_is_sent_to_log_in_and_changes_nothing(client, world, name):
    route, o = RECORDS[name], world.records["own"]
    data = with_page_key(client, route.url(o), route.post(o))
    before = snapshot()

    if route.shown_first:
        shown = client.post(route.url(o), {**data, "update": ""})
        data = {**data, **page_values(shown.content.decode())}
    response = client.post(route.url(o), data)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    assert changed_tables(before, snapshot()) == []


# --- pages of no one record: the roles that may use them -----------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_a_page_opens_only_for_the_roles_that_may_use_it(client, world, as_role, name, role):
    page = PAGES[name]
    as_role(role)

    response = getattr(client, page.method)(page.url, page.data)

    assert response.status_code == (page.status if role in page.roles else 403)


@pytest.mark.parametrize("name", [n for n, p in PAGES.items() if p.anonymous is not None])
def test_the_public_pages_answer_an_anonymous_visitor(client, world, name):
    page = PAGES[name]

    response = getattr(client, page.method)(page.url, page.data)

    assert response.status_code == page.anonymous


def test_the_health_page_names_no_dealer_and_no_record(client, world):
    answer = client.get(reverse("health")).json()

    assert set(answer) == {"database", "last_worker_heartbeat"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["sales", "penetration", "cancellations", "renewals", "claims"])
def test_every_dashboard_is_for_managers_and_head_office_only(client, world, as_role, page, role):
    as_role(role)

    response = client.get(reverse("dashboards:page", args=[page]))

    assert response.status_code == (200 if role in MANAGERS else 403)


# --- claim decisions are head office's ----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_head_office_starts_the_assessment_of_a_claim(client, world, as_role, role):
    claim = world.records["own"].claim
    as_role(role)
    before = snapshot()

    response = client.post(reverse("claims:claim-move", args=[claim.pk, "assess"]))

    assert response.status_code == 302
    status = type(claim).objects.get(pk=claim.pk).status
    if role == Role.HEAD_OFFICE:
        assert status == ClaimStatus.UNDER_ASSESSMENT
    else:
        assert status == ClaimStatus.NOTIFIED
        assert changed_tables(before, snapshot()) == []


@pytest.mark.parametrize("role", ROLES)
def test_the_claim_page_offers_head_office_moves_to_head_office_only(client, world, as_role, role):
    claim = world.records["own"].claim
    as_role(role)

    page = client.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()

    assessing = reverse("claims:claim-move", args=[claim.pk, "assess"])
    assert (assessing in page) is (role == Role.HEAD_OFFICE)
    assert reverse("claims:claim-move", args=[claim.pk, "withdraw"]) in page


# --- complaints are moved on by managers (and their handler) within scope ------------------


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("role", ROLES)
def test_a_complaint_is_moved_on_only_by_a_manager_whose_scope_includes_it(
    client, world, as_role, role, target
):
    complaint = world.records[target].complaint
    as_role(role)
    before = snapshot()

    move = reverse("complaints:complaint-move", args=[complaint.pk, "holding"])
    note = {"version": complaint.version, "holding-note": "Waiting for the repairer"}
    response = client.post(move, note)

    changed = changed_tables(before, snapshot())
    if target not in VISIBLE[role]:
        assert (response.status_code, changed) == (404, [])
    elif role not in MANAGERS:
        assert (response.status_code, changed) == (403, [])
    else:
        assert response.status_code == 302 and "complaints.ComplaintLetter" in changed


# --- lists: their search and filters reveal nothing out of scope ---------------------------


@dataclass(frozen=True)
class ListPage:
    name: str
    record: Callable[[Records], object]
    searched: Callable[[Records], str]  # a word that finds the record
    seller: str | None = None  # the filter's name for the member of staff who sold it


LISTS = {
    "customers": ListPage("dealers:customer-list", lambda o: o.customer,
                          lambda o: o.customer.last_name),
    "deals": ListPage("dealers:deal-list", lambda o: o.deal, lambda o: o.vehicle.registration,
                      seller="salesperson"),
    "policies": ListPage("policies:policy-list", lambda o: o.policy, lambda o: o.policy.number,
                         seller="salesperson"),
    "claims": ListPage("claims:claim-list", lambda o: o.claim, lambda o: o.claim.number),
    "complaints": ListPage("complaints:complaint-list", lambda o: o.complaint,
                           lambda o: o.complaint.number),
}  # fmt: skip


def listed(response, page: ListPage, world) -> set[str]:
    """Which dealers' records the list shows."""
    assert response.status_code == 200
    rows = set(response.context["object_list"])
    return {t for t, o in world.records.items() if page.record(o) in rows}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", LISTS)
def test_a_list_shows_the_records_of_exactly_the_dealers_in_scope(
    client, world, as_role, which, role
):
    page = LISTS[which]
    as_role(role)

    response = client.get(reverse(page.name))

    assert listed(response, page, world) == VISIBLE[role]
    dealers = {row.dealer for row in response.context["object_list"]}
    assert dealers == {world.records[t].dealer for t in VISIBLE[role]}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", LISTS)
def test_a_lists_search_and_dealer_filter_find_a_record_only_within_scope(
    client, world, as_role, which, role, target
):
    page, o = LISTS[which], world.records[target]
    as_role(role)
    found = {target} if target in VISIBLE[role] else set()

    by_dealer = client.get(reverse(page.name), {"dealer": o.dealer.pk})
    by_search = client.get(reverse(page.name), {"q": page.searched(o)})

    shown = listed(by_dealer, page, world)
    assert shown <= VISIBLE[role]  # a dealer filter out of scope widens nothing
    assert found <= shown  # and within scope it finds the dealer's record
    assert listed(by_search, page, world) == found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", [k for k, v in LISTS.items() if v.seller])
def test_filtering_a_list_by_another_dealers_seller_reveals_nothing(
    client, world, as_role, which, role
):
    page, o = LISTS[which], world.records["other_group"]
    as_role(role)

    response = client.get(reverse(page.name), {page.seller: o.seller.pk})

    assert listed(response, page, world) == ({"other_group"} & VISIBLE[role])


# --- dashboards and the jobs page: figures of the dealers in scope only --------------------


@pytest.fixture
def refreshed(world):
    dashboards_refresh()


@pytest.mark.usefixtures("refreshed")
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("role", MANAGERS)
def test_a_dashboard_filtered_by_a_dealer_shows_only_dealers_in_scope(
    client, world, as_role, role, target
):
    as_role(role)
    names = {t: world.records[t].dealer.name for t in TARGETS}

    response = client.get(
        reverse("dashboards:sales"), {"dealer": world.records[target].dealer.pk, "csv": "by_dealer"}
    )

    assert response.status_code == 200
    shown = {t for t, name in names.items() if name in response.content.decode()}
    assert shown <= VISIBLE[role]
    assert shown  # the filter out of reach is ignored, never widened beyond the scope


@pytest.mark.usefixtures("refreshed")
@pytest.mark.parametrize("role", MANAGERS)
def test_a_dashboard_filtered_by_another_groups_seller_names_no_seller_out_of_scope(
    client, world, as_role, role
):
    as_role(role)
    o = world.records["other_group"]
    sellers = {t: world.records[t].seller.get_full_name() for t in TARGETS}

    response = client.get(
        reverse("dashboards:sales"),
        {"dealer": o.dealer.pk, "seller": o.seller.pk, "csv": "by_seller"},
    )

    assert response.status_code == 200
    shown = {t for t, name in sellers.items() if name in response.content.decode()}
    assert shown and shown <= VISIBLE[role]


def test_the_jobs_page_counts_only_the_dealers_in_scope(client, world, as_role):
    invited = dict(zip(TARGETS, [1, 2, 4], strict=True))
    counts = {str(world.records[t].dealer.pk): {"invite": n} for t, n in invited.items()}
    errors = [{"dealer": world.records[t].dealer.pk, "policy": t} for t in TARGETS]
    now = timezone.now()
    JobRun.objects.create(job="renewals", run_date=today(), started_at=now, finished_at=now,
                          counts=counts, errors=errors, error_count=3)  # fmt: skip
    seen = {}
    for role in MANAGERS:
        as_role(role)
        [run] = client.get(reverse("policies:job-runs")).context["runs"]
        seen[role] = (dict(run.counts), {e["policy"] for e in run.errors})

    assert seen == {
        Role.SALES_MANAGER: ({"invited": 1}, {"own"}),
        Role.DEALER_PRINCIPAL: ({"invited": 1}, {"own"}),
        Role.GROUP_MANAGER: ({"invited": 3}, {"own", "same_group"}),
        Role.HEAD_OFFICE: ({"invited": 7}, set(TARGETS)),
    }


# --- the admin site: head office's only ----------------------------------------------------

ADMIN_KWARGS = {"app_label": "dealers", "url": "nothing-here/"}  # any other argument: an id


def admin_paths() -> list[tuple[str, str]]:
    """(name, path) of every admin URL, its arguments filled in."""
    out = []
    for pattern in admin.site.urls[0]:
        patterns = pattern.url_patterns if isinstance(pattern, URLResolver) else [pattern]
        for p in patterns:
            regex = p.pattern.regex
            if not p.name:
                continue
            if regex.groupindex:
                kwargs = {k: ADMIN_KWARGS.get(k, "1") for k in regex.groupindex}
                path = reverse(f"{ADMIN}:{p.name}", kwargs=kwargs)
            else:  # simple_history's pages take their ids unnamed
                path = reverse(f"{ADMIN}:{p.name}", args=["1"] * regex.groups)
            out.append((p.name, path))
    return out


@pytest.mark.parametrize("role", [r for r in ROLES if r != Role.HEAD_OFFICE])
def test_staff_other_than_head_office_get_no_admin_page_even_with_the_admin_flags(
    client, world, role
):
    """A member of staff given the staff and superuser flags by mistake: the admin shows
    every dealer's records, so it is head office's only (dealers/admin.py)."""
    user = world.staff[role]
    type(user).objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    client.force_login(type(user).objects.get(pk=user.pk))
    login, index = reverse(f"{ADMIN}:login"), reverse(f"{ADMIN}:index")
    opened = {}

    for name, path in admin_paths():
        response = client.get(path)
        if name == "login":  # the login form itself, saying this account may not enter
            refused = response.status_code == 200
        else:
            refused = response.status_code == 302 and response["Location"].startswith(
                (login, index)  # the logout page sends to the index, which sends to log in
            )
        if not refused:
            opened[name] = response.status_code

    assert opened == {}


def test_head_office_administrators_open_the_admin(client, world, as_role):
    as_role(Role.HEAD_OFFICE)

    assert client.get(reverse(f"{ADMIN}:index")).status_code == 200


# --- the API ---------------------------------------------------------------------------


@pytest.fixture
def token_client(world):
    """A dealer management system with the API key of a salesperson at "own"."""
    _, key = api_token_issue(user=world.staff[Role.SALES_EXECUTIVE])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def call(api, route: Api):
    if route.body is None:
        return api.get(route.url)
    return api.post(route.url, route.body, format="json")


@pytest.mark.parametrize("name", APIS)
def test_the_api_refuses_a_caller_without_credentials(world, name):
    route = APIS[name]

    response = call(APIClient(), route)

    if route.public:
        assert response.status_code == 200
        text = response.content.decode()
        assert not [t for t, o in world.records.items() if o.dealer.name in text]
    else:
        assert response.status_code in (401, 403)
        assert route.answers not in response.json()


@pytest.mark.parametrize("how", ["token", "session"])
@pytest.mark.parametrize("name", APIS)
def test_the_api_answers_a_dealers_token_and_a_staff_session(world, token_client, name, how):
    route = APIS[name]
    api = token_client
    if how == "session":
        api = APIClient()
        api.force_login(world.staff[Role.SALES_EXECUTIVE])

    response = call(api, route)

    assert response.status_code == 200
    assert route.answers in response.content.decode()


def quote_with_ids_of(o: Records) -> dict:
    """A quote naming another dealer's records. The quote API takes no dealer, deal or
    customer: it prices the answers given, and ids it does not know are not read."""
    ids = {"dealer": o.dealer.pk, "dealer_id": o.dealer.pk, "deal": o.menu_deal.pk,
           "deal_id": o.menu_deal.pk, "customer": o.customer.pk, "vehicle": o.vehicle.pk,
           "policy": o.policy.pk}  # fmt: skip
    return {**QUOTE, **ids}


@pytest.mark.parametrize("how", ["token", "session"])
@pytest.mark.parametrize("target", TARGETS)
def test_a_quote_naming_another_dealers_records_reveals_and_changes_nothing(
    world, token_client, how, target
):
    o = world.records[target]
    api = token_client
    if how == "session":
        api = APIClient()
        api.force_login(world.staff[Role.SALES_EXECUTIVE])
    plain = api.post(reverse("api:quotes"), QUOTE, format="json")
    before = snapshot()

    response = api.post(reverse("api:quotes"), quote_with_ids_of(o), format="json")

    assert response.status_code == plain.status_code == 200
    assert response.json() == plain.json()  # the ids change nothing in the answer
    text = json.dumps(response.json())
    for secret in (o.dealer.name, o.customer.last_name, o.vehicle.registration, o.policy.number):
        assert secret not in text
    changed = changed_tables(before, snapshot())
    assert changed in ([], ["dealers.ApiToken"])  # at most the key's "last used" time
