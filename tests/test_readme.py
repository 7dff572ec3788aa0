"""The README's demo logins are the ones load_demo creates."""

import re
from pathlib import Path

from demo.data import DEMO_PASSWORD
from demo.loader import demo_logins

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_the_readme_lists_every_demo_login_and_the_password():
    listed = set(re.findall(r"`([a-z0-9]+\.[a-z0-9]+)` \(", README))
    assert listed == {login.username for login in demo_logins()}
    assert f"**`{DEMO_PASSWORD}`**" in README


def test_the_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
