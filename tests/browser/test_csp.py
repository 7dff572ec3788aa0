"""The main pages work in a real browser under our Content Security Policy: nothing is
refused (no inline script, handler or style), the dashboards' chart is drawn and Swagger UI
renders. tests/security/test_csp.py checks the header and the markup of every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from claims.models import Claim
from dashboards.refresh import dashboards_refresh
from policies.models import JobRun
from tests.claims.helpers import notify, sold
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY, deal_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]

# Kept by the page itself, so that a violation is seen even if no console message is.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} refused ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


@pytest.fixture
def refusals(page):
    """What the browser refused, or failed at, on each page visited: call after a visit."""
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    page.add_init_script(RECORD_VIOLATIONS)

    def read() -> list[str]:
        found = [*messages, *page.evaluate("window.cspViolations")]
        messages.clear()
        return found

    return read


@pytest.fixture
def book(uk_dealer):
    """A policy with a claim, a deal still to sell, and the dashboards' figures."""
    policy = sold(uk_dealer, "motor-uk")
    notify(policy, "accidental_damage", at_fault="True", cost="800")
    menu_deal = deal_for(uk_dealer)
    dashboards_refresh()
    return policy, menu_deal


def test_the_main_pages_run_under_the_policy_with_nothing_refused(
    page, live_server, log_in, shoot, uk_dealer, book, password, refusals
):
    policy, menu_deal = book
    manager = UserFactory(dealer=uk_dealer, role="sales_manager")
    log_in(manager.username, password)
    expect(page.get_by_role("link", name="Customers")).to_be_visible()
    assert refusals() == []
    # templates/base.html: htmx neither evals nor adds its own style element
    config = page.evaluate("[htmx.config.allowEval, htmx.config.includeIndicatorStyles]")
    assert config == [False, False]

    pages = {
        "customers": "/customers/",
        "menu": f"/policies/menu/{menu_deal.pk}/",
        "policy": f"/policies/{policy.pk}/",
        "claims": "/claims/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert refusals() == [], name
    claim = Claim.objects.get(policy=policy)
    expect(page.get_by_role("link", name=claim.number)).to_be_visible()


def test_the_sales_dashboard_draws_its_chart_under_the_policy(
    page, live_server, log_in, shoot, uk_dealer, book, password, refusals
):
    manager = UserFactory(dealer=uk_dealer, role="sales_manager")
    log_in(manager.username, password)
    page.get_by_role("link", name="Dashboards").click()
    chart = page.get_by_role("img", name="Gross written premium by month")
    expect(chart).to_be_visible()
    # The canvas is laid out before Chart.js (a deferred script) has run on a loaded
    # machine: wait for it to take the canvas (a CSP refusal would time out here).
    page.wait_for_function(
        """(canvas) => typeof Chart !== "undefined" && Chart.getChart(canvas) !== undefined
             && canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height)
                  .data.some((value, i) => i % 4 === 3 && value > 0)""",
        arg=chart.element_handle(),
    )
    # Chart.js has drawn: the canvas has a chart and pixels that are not blank.
    drawn = chart.evaluate(
        """(canvas) => {
          const pixels = canvas.getContext("2d")
            .getImageData(0, 0, canvas.width, canvas.height).data;
          return {chart: Chart.getChart(canvas) !== undefined, width: canvas.width,
                  inked: pixels.some((value, i) => i % 4 === 3 && value > 0)};
        }"""
    )
    assert drawn["chart"] and drawn["inked"] and drawn["width"] > 100, drawn
    shoot("csp-dashboard")
    assert refusals() == []


def test_a_running_job_draws_its_progress_bar_and_keeps_it_drawn_as_htmx_refreshes_it(
    page, live_server, log_in, uk_dealer, password, refusals
):
    JobRun.objects.create(job="renewals", run_date=TODAY, started_at=timezone.now(),
                          total=200, done=80)  # fmt: skip
    manager = UserFactory(dealer=uk_dealer, role="sales_manager")
    log_in(manager.username, password)
    page.get_by_role("link", name="Daily jobs").click()
    expect(page.get_by_role("progressbar", name="Progress")).to_be_visible()
    # Bootstrap animates the width: wait (up to 5 s) for the bar to reach 40%, or fail.
    drawn = """() => { const p = document.querySelector('[role=progressbar]');
        return Math.abs(p.firstElementChild.offsetWidth / p.offsetWidth - 0.4) < 0.02; }"""
    page.wait_for_function(drawn, timeout=5000)
    # htmx swaps the table every two seconds: the new bar is drawn too
    with page.expect_response(lambda r: "/policies/jobs/" in r.url):
        pass
    page.wait_for_timeout(200)
    page.wait_for_function(drawn, timeout=5000)
    assert refusals() == []


def test_the_api_docs_render_swagger_ui_under_the_policy(page, live_server, shoot, refusals):
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_role("heading", name="Dealer insurance calculation API")).to_be_visible()
    page.get_by_text("/api/v1/calculations/gap-benefit", exact=True).click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    shoot("csp-api-docs")
    assert refusals() == []


def test_the_admin_runs_under_the_policy(page, live_server, log_in, shoot, head_office,
                                         book, password, refusals):  # fmt: skip
    policy, _ = book
    claim = Claim.objects.get(policy=policy)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(head_office.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert refusals() == []
    for path in (
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        f"/admin/claims/claim/{claim.pk}/history/",
        f"/admin/dealers/deal/{policy.deal.pk}/change/",
        "/admin/dealers/user/add/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#content")).to_be_visible()
        assert refusals() == [], path
    page.goto(f"{live_server.url}/admin/dealers/deal/{policy.deal.pk}/change/")
    page.get_by_title("Choose a Date").first.click()  # the admin's calendar, drawn by script
    expect(page.get_by_role("link", name="Today").last).to_be_visible()
    shoot("csp-admin")
    assert refusals() == []
