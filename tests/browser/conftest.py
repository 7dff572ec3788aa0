import re
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def label(text: str) -> re.Pattern:
    """A form label as crispy-forms renders it: the text, then an asterisk if required."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


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
