"""The Content Security Policy (config/settings/base.py) and the markup it relies on.

The policy lets a page run only scripts and styles from our own files. That holds only if
no page needs more: no inline <script>, no on* handler, no javascript: URL, no <style>
element nor style attribute. Every page of the project is rendered here for head office
and for dealer staff, in the world of world.py, and read with html.parser; the admin too.
tests/browser/test_csp.py runs the main pages in Chromium under the policy.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from dealers.models import Role, User

from .test_access_matrix import RECORDS, ROUTES, Page, Record

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
# A <script> of these types is data the browser never runs (Django's json_script, which
# the dashboards' charts read), so the policy has nothing to refuse in it.
DATA_BLOCKS = {"application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]")
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered to PDF by WeasyPrint or sent as email: never a page a browser opens from us.
NOT_SERVED = ("documents", "emails")


def policy_of(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    directives = [d.split() for d in header.split(";") if d.strip()]
    return {name: set(values) for name, *values in directives}


class InlineCode(HTMLParser):
    """What in a page the policy would refuse, as readable lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            kind = dict(attrs).get("type") or "text/javascript"
            if kind.lower() not in DATA_BLOCKS:
                self.found.append(f"<script> without src: {self.at()}")
        if tag == "style":
            self.found.append(f"<style> element: {self.at()}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=> handler: {self.at()}")
            elif name == "style":
                self.found.append(f'<{tag} style="{value}">: {self.at()}')
            elif name in URL_ATTRIBUTES and is_javascript_url(value):
                self.found.append(f'<{tag} {name}="{value}">: {self.at()}')

    handle_startendtag = handle_starttag

    def at(self) -> str:
        return f"line {self.getpos()[0]}"


def is_javascript_url(value: str | None) -> bool:
    # Browsers drop spaces, tabs and newlines before and inside the scheme, and its case.
    return CONTROL_AND_SPACE.sub("", value or "").lower().startswith("javascript:")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def html_of(response) -> str | None:
    if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
        return None
    return response.content.decode()


# --- the parser finds what it should ------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="module">import "x"</script>',
        '<button onclick="go()">Go</button>',
        '<img src="x.png" onerror="go()">',
        '<a href="javascript:go()">Go</a>',
        '<a href=" JavaScript:go()">Go</a>',
        '<a href="java\tscript:go()">Go</a>',
        '<form action="javascript:go()"></form>',
        '<div style="color: red"></div>',
        "<style>p { color: red }</style>",
    ],
)
def test_the_reader_finds_what_the_policy_would_refuse(html):
    assert len(inline_code(html)) == 1


def test_the_reader_lets_scripts_from_files_json_data_and_plain_links_be():
    html = (
        '<script src="/static/js/forms.js"></script>'
        '<script id="chart-1" type="application/json">{"type": "line"}</script>'
        '<a href="/customers/?q=javascript">Customers</a><input name="one" value="on">'
    )
    assert inline_code(html) == []


# --- the header --------------------------------------------------------------------------


def test_the_policy_is_sent_with_the_login_page_with_nothing_unsafe(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert policy_of(response) == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("status", [403, 404])
def test_the_policy_is_sent_with_error_pages_too(client, world, as_role, status):
    as_role(Role.SALES_EXECUTIVE)
    path = {403: reverse("audit:trail"), 404: reverse("dealers:customer-detail", args=[0])}

    response = client.get(path[status])

    assert response.status_code == status
    assert policy_of(response) == POLICY


# --- every page of the project ------------------------------------------------------------


def project_names(patterns=None, namespace: str = "") -> list[str]:
    names: list[str] = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # below, page by page of each model
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names += project_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            names.append(f"{namespace}{p.name}")
    return names


def should_open(name: str, role: str) -> bool:
    """Whether the page is one `role` opens with a GET: the pages the crawl must reach."""
    route = ROUTES[name]
    if isinstance(route, Record):
        wanted = route.shows is not None and route.download is None
        return wanted and (not route.head_office_only or role == Role.HEAD_OFFICE)
    if isinstance(route, Page):
        html = name != "health"  # JSON, for load balancers
        return html and route.method == "get" and route.status == 200 and role in route.roles
    return name == "api:docs"


def crawl(client, records) -> dict[str, tuple[int, str]]:
    """GET every page of the project (and the point of sale's price, an htmx fragment):
    {name: (status, HTML, response)} of those answering HTML."""
    pages = {}
    for name in project_names():
        route = ROUTES[name]
        path = route.url(records) if isinstance(route, Record) else route.url
        pages[name] = client.get(path)
    price = RECORDS["policies:deal-price"]
    pages["policies:deal-price (POST)"] = client.post(price.url(records), price.post(records))
    return {
        name: (response.status_code, html, response)
        for name, response in pages.items()
        if (html := html_of(response)) is not None
    }


@pytest.mark.parametrize(
    "role", [Role.HEAD_OFFICE, Role.SALES_MANAGER, Role.SALES_EXECUTIVE, Role.GROUP_MANAGER]
)
def test_no_page_has_inline_code_and_every_page_carries_the_policy(client, world, as_role,
                                                                   role):  # fmt: skip
    as_role(role)

    pages = crawl(client, world.records["own"])

    opened = {name for name, (status, _, _) in pages.items() if status == 200}
    expected = {name for name in ROUTES if should_open(name, role)}
    assert sorted(expected - opened) == [], "these pages did not open"
    assert "policies:deal-price (POST)" in opened
    assert {name: inline_code(html) for name, (_, html, _) in pages.items()} == {
        name: [] for name in pages
    }
    assert {name: policy_of(r) for name, (_, _, r) in pages.items()} == {
        name: POLICY for name in pages
    }


def test_the_login_page_has_no_inline_code(client):
    response = client.get(reverse("login"))

    assert inline_code(response.content.decode()) == []


# --- the admin ---------------------------------------------------------------------------


def admin_pages(model, model_admin) -> list[str]:
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    paths = [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    first = model._default_manager.order_by("pk").first()
    if first is not None:
        for view in ("change", "history"):
            paths.append(reverse(f"{prefix}_{view}", args=[first.pk]))
        try:  # simple_history's page of one past version
            record = first.history.order_by("pk").first()
            paths.append(reverse(f"{prefix}_simple_history", args=[first.pk, record.pk]))
        except (AttributeError, NoReverseMatch):
            pass
    return paths


def test_no_admin_page_has_inline_code_and_every_one_carries_the_policy(client, world):
    administrator = world.staff[Role.HEAD_OFFICE]
    User.objects.filter(pk=administrator.pk).update(is_superuser=True)
    client.force_login(User.objects.get(pk=administrator.pk))
    paths = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        paths += admin_pages(model, model_admin)

    found, statuses = {}, {}
    for path in paths:
        response = client.get(path)
        statuses[path] = response.status_code
        html = html_of(response)
        if html is not None:
            found[path] = inline_code(html)
            assert policy_of(response) == POLICY, path

    assert len(paths) > 60
    assert {p: s for p, s in statuses.items() if s not in (200, 403)} == {}
    assert sum(s == 200 for s in statuses.values()) > 50
    assert {p: f for p, f in found.items() if f} == {}


# --- templates no crawl reaches (the lockout page, partials) --------------------------------


def test_no_template_of_a_page_has_inline_code():
    templates = [
        t for t in TEMPLATES.rglob("*.html") if t.relative_to(TEMPLATES).parts[0] not in NOT_SERVED
    ]

    assert len(templates) > 30
    assert {str(t.relative_to(TEMPLATES)): inline_code(t.read_text()) for t in templates} == {
        str(t.relative_to(TEMPLATES)): [] for t in templates
    }
