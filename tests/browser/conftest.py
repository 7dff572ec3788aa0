import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def label(text: str) -> re.Pattern:
    """A form label as crispy-forms renders it: the text, then an asterisk if required."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


@pytest.fixture
def products(transactional_db):
    """The demo products, for a live server (its thread sees committed data only)."""
    from policies.demo import load_policy_demo

    load_policy_demo()


@pytest.fixture
def shoot(page):
    """Save a full-page screenshot under var/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def log_in(page, live_server):
    def do(username: str, password: str) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(label("Username")).fill(username)
        page.get_by_label(label("Password")).fill(password)
        page.get_by_role("button", name="Log in").click()

    return do


AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"  # axe-core 4.14.1, MPL-2.0


@pytest.fixture
def serious_a11y_problems(page):
    """Run axe-core on the page as it is now; the violations of serious or critical impact,
    as readable lines (empty: none)."""

    def check() -> list[str]:
        # Evaluated through the DevTools protocol: an added <script> tag of it would be
        # inline, which our Content Security Policy refuses.
        page.evaluate(AXE.read_text())
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        return [
            f"{v['impact']}: {v['id']} ({v['help']}) at "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    return check


def open_sold_policy(page, number: str) -> None:
    """After a sale: back on the deal's menu, the product marked sold with its policy
    (issue 19); open that policy from there."""
    sold = page.get_by_role("status").filter(has_text=re.compile(rf"(policy|polizza) {number}\."))
    expect(sold.last).to_be_visible()
    sold.last.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
