"""A newcomer's first steps (issue 17): the Python versions pyproject.toml admits are the
ones the pinned packages support, and the README says how to serve on another port."""

import re
import subprocess
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
README = (ROOT / "README.md").read_text()


def test_current_pythons_are_admitted_and_untested_ones_are_not():
    admitted = SpecifierSet(PROJECT["requires-python"])
    assert all(v in admitted for v in ["3.11", "3.11.7", "3.12", "3.12.1", "3.13", "3.13.0"])
    assert "3.10" not in admitted  # django-filter, hypothesis, schemathesis need 3.11
    assert "3.14" not in admitted  # gunicorn, django-localflavor, django-csp stop at 3.13


def test_the_readme_says_how_to_serve_on_another_port_and_make_honours_it():
    assert re.search(r"make run PORT=(\d+)", README)
    dry = subprocess.run(["make", "-n", "-W", "demo", "run", "PORT=8765"], cwd=ROOT,
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert "runserver 127.0.0.1:8765" in dry.stdout
