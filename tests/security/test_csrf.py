"""CSRF on every form: every POST of the access matrix's table is refused without a token
(403) and changes nothing; every form that posts, as the pages render it and as the
templates write it, carries the token; and no view is exempt but the token API."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from dealers.models import Role

from .test_access_matrix import APIS, PAGES, RECORDS, Api, Page, Record, body_of
from .world import changed_tables, snapshot

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The one exemption: DRF's APIView is csrf_exempt because a token is not sent by a
# browser on its own; a session caller is still checked by SessionAuthentication
# (test_the_api_refuses_a_session_post_without_the_token below).
CSRF_EXEMPT_ALLOWED = set(APIS)
HTML_ROLES = [Role.HEAD_OFFICE, Role.SALES_EXECUTIVE]

# --- POST without the token: 403, nothing changed -----------------------------------------


def csrf_client(world, role: str | None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if role is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


RECORD_POSTS = [name for name, r in RECORDS.items() if r.post]
PAGE_POSTS = [name for name, p in PAGES.items() if p.method == "post" or p.form]


@pytest.mark.parametrize("name", RECORD_POSTS)
def test_a_write_to_a_record_without_the_csrf_token_is_refused_and_changes_nothing(world, name):
    route: Record = RECORDS[name]
    o = world.records["own"]
    client = csrf_client(world, Role.HEAD_OFFICE)  # in scope for every record
    data = route.post(o)
    before = snapshot()

    response = client.post(route.url(o), data)

    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []


def test_the_same_write_with_the_token_goes_through(world):
    """The refusals above are the token's doing: with it, the write is made."""
    route, o = RECORDS["dealers:customer-update"], world.records["own"]
    client = csrf_client(world, Role.HEAD_OFFICE)
    page = client.get(route.url(o)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    response = client.post(route.url(o), {**route.post(o), "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert type(o.customer).objects.get(pk=o.customer.pk).first_name == "Changed"


@pytest.mark.parametrize("name", PAGE_POSTS)
def test_a_page_post_without_the_csrf_token_is_refused_and_changes_nothing(world, name):
    page: Page = PAGES[name]
    anonymous = page.name == "login"  # logging in is for visitors not logged in yet
    client = csrf_client(world, None if anonymous else Role.SALES_EXECUTIVE)
    before = snapshot()

    response = client.post(page.url, page.form or page.data)

    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # no language was set
    still = client.get(reverse("dealers:home"))
    assert still.status_code == (302 if anonymous else 200)  # logged in as before, or not


@pytest.mark.parametrize("name", [n for n, a in APIS.items() if a.body is not None])
def test_the_api_refuses_a_session_post_without_the_token(world, name):
    route: Api = APIS[name]
    client = APIClient(enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[Role.SALES_EXECUTIVE]

    response = client.post(route.url, route.body, format="json")

    assert response.status_code == 403
    assert route.answers not in response.json()


# --- the forms as rendered: every post form carries the token ------------------------------


class Forms(HTMLParser):
    """The forms of a page (method, whether they hold a CSRF token), and its htmx posts."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.open: dict | None = None
        self.hx_headers: str | None = None
        self.hx_posts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.open = {"method": (a.get("method") or "get").lower(),
                         "action": a.get("action") or "", "token": False}  # fmt: skip
            self.forms.append(self.open)
        elif tag == "input" and self.open is not None and a.get("name") == "csrfmiddlewaretoken":
            self.open["token"] = bool(a.get("value"))
        if tag == "body":
            self.hx_headers = a.get("hx-headers")
        if "hx-post" in a:
            self.hx_posts += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self.open = None


def forms_of(html: str) -> Forms:
    parser = Forms()
    parser.feed(html)
    return parser


# Parts of a page htmx loads into it, with no form of their own.
FRAGMENTS = {"documents:deal-covers", "documents:policy-covers"}
HTML_RECORDS = [name for name, r in RECORDS.items() if r.shows and name not in FRAGMENTS]
HTML_PAGES = [
    name for name, p in PAGES.items()
    if p.method == "get" and p.status == 200 and name != "health"  # health: JSON
]  # fmt: skip


def rendered(client, path: str) -> Forms:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return forms_of(body_of(response).decode())


def assert_every_post_form_has_the_token(forms: Forms) -> None:
    posts = [f for f in forms.forms if f["method"] == "post"]
    assert posts  # at least the logout button of every page, or the login form
    assert [f["action"] for f in posts if not f["token"]] == []
    if forms.hx_posts:  # htmx posts send the token in a header set on <body>
        assert json.loads(forms.hx_headers)["X-CSRFToken"]


@pytest.mark.parametrize("role", HTML_ROLES)
@pytest.mark.parametrize("name", HTML_RECORDS)
def test_every_post_form_on_a_records_page_carries_the_csrf_token(
    client, world, as_role, name, role
):
    route = RECORDS[name]
    if route.head_office_only and role != Role.HEAD_OFFICE:
        role = Role.HEAD_OFFICE  # nobody else sees the page at all
    as_role(role)

    assert_every_post_form_has_the_token(rendered(client, route.url(world.records["own"])))


@pytest.mark.parametrize("role", HTML_ROLES)
@pytest.mark.parametrize("name", HTML_PAGES)
def test_every_post_form_on_a_page_carries_the_csrf_token(client, world, as_role, name, role):
    page = PAGES[name]
    if role not in page.roles:
        role = Role.HEAD_OFFICE
    as_role(role)

    assert_every_post_form_has_the_token(rendered(client, page.url))


def test_the_login_form_carries_the_csrf_token(client, world):
    assert_every_post_form_has_the_token(rendered(client, reverse("login")))


# --- the templates as written --------------------------------------------------------------

POST_FORM = re.compile(r"<form\b[^>]*\bmethod\s*=\s*[\"']?post\b", re.IGNORECASE)
FORM_END = re.compile(r"</form\s*>", re.IGNORECASE)
CSRF_TAG = re.compile(r"{%-?\s*csrf_token\s*-?%}")


def post_forms_without_the_token(text: str) -> list[int]:
    """The lines of the <form method="post"> tags whose form has no {% csrf_token %}."""
    missing = []
    for start in POST_FORM.finditer(text):
        end = FORM_END.search(text, start.end())
        body = text[start.end() : end.start() if end else len(text)]
        if not CSRF_TAG.search(body):
            missing.append(text.count("\n", 0, start.start()) + 1)
    return missing


def test_every_post_form_in_the_templates_has_the_csrf_token_tag():
    files = sorted(TEMPLATES.rglob("*.html"))
    with_posts = [f for f in files if POST_FORM.search(f.read_text())]
    missing = {
        str(f.relative_to(TEMPLATES)): lines
        for f in with_posts
        if (lines := post_forms_without_the_token(f.read_text()))
    }

    assert len(with_posts) >= 10  # the check looked at the app's forms
    assert missing == {}


def test_the_template_check_finds_a_form_without_the_tag():
    template = '<form method="POST" action="/x/">{{ form }}</form>\n'
    template += "<form method='post'>{% csrf_token %}</form>"

    assert post_forms_without_the_token(template) == [1]


# --- csrf_exempt: the token API only --------------------------------------------------------


def exempt_views(patterns=None, namespace: str = "") -> set[str]:
    """The URL names (or paths) of every view of the resolver that is csrf_exempt."""
    found = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            found |= exempt_views(p.url_patterns, inner)
        elif isinstance(p, URLPattern):
            view_class = getattr(p.callback, "view_class", None)
            exempt = getattr(p.callback, "csrf_exempt", False) or any(
                getattr(getattr(view_class, m, None), "csrf_exempt", False)
                for m in ("dispatch", "post", "put", "patch", "delete")
            )
            if exempt:
                found.add(f"{namespace}{p.name or p.pattern}")
    return found


def test_no_view_is_csrf_exempt_but_the_token_api():
    assert exempt_views() == CSRF_EXEMPT_ALLOWED
