"""The layers of docs/architecture.md hold (import-linter, as `make lint` runs it), and a
new upward import breaks them: the contract is not a list that passes whatever is added."""

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
# The packages the contracts cover, as pyproject.toml lists them.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-logo", "--no-cache"],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_code_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    """The apps and the contract, copied: the module added there is not in the checkout."""
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        (
            "dealers/upward.py",
            "from policies.models import Policy\n",
            ["dealers is not allowed to import policies:", "dealers.upward -> policies.models"],
        ),
        (
            "policies/hidden.py",
            "def documents_of(policy):\n    from documents.services import latest_documents\n"
            "\n    return latest_documents(policy)\n",
            ["policies is not allowed to import documents:",
             "policies.hidden -> documents.services (l.2)"],
        ),
        (
            "policies/rules/leak.py",
            "from policies.selectors import settings_of\n",
            ["The product rules and money helpers are pure Python BROKEN",
             "policies.rules.leak -> policies.selectors"],
        ),
    ],
    ids=["an-upward-import", "an-upward-import-hidden-in-a-function", "rules-reaching-django"],
)  # fmt: skip
def test_a_new_upward_import_breaks_the_contract(copy_of_the_code, module, source, broken):
    (copy_of_the_code / module).write_text(source)
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 1, result.stdout + result.stderr
    for line in broken:
        assert line in result.stdout, result.stdout


def test_no_import_hides_inside_a_function():
    """A module's imports are at its top, where import-linter and a reader see them: an
    import inside a function is how a cycle hides (AppConfig.ready excepted: Django's way
    of connecting receivers once the apps are loaded)."""
    hidden = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if path.name == "apps.py" and function.name == "ready":
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.ImportFrom):
                        ours = node.level > 0 or (node.module or "").split(".")[0] in APPS
                    elif isinstance(node, ast.Import):
                        ours = any(a.name.split(".")[0] in APPS for a in node.names)
                    else:
                        continue
                    if ours:
                        hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []
