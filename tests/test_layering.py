"""The import-linter contracts of pyproject.toml hold, and they would catch a module that
imports upward (`make test` runs `lint-imports` on the tree itself)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the package's Python modules, to break on purpose."""
    shutil.copytree(
        ROOT / "simitra",
        tmp_path / "simitra",
        ignore=shutil.ignore_patterns("locale", "static", "templates", "data", "docx", "pdf"),
    )
    return tmp_path


def test_the_contracts_hold_on_the_tree(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        ("lib/_scratch.py", "import simitra.results.models\n", "lib imports no app"),
        (
            "partnerships/_scratch.py",
            "from simitra.health import questionnaire\n",
            "partnerships import no cycle app",
        ),
        (
            "organisations/_scratch.py",
            "def later():\n    from simitra.scoping import matching\n",
            "partnerships import no cycle app",
        ),
        (
            "results/_scratch.py",
            "from simitra.early_warning import warning\n",
            "Apps import downward only",
        ),
        ("risks/models.py", "from simitra.api import serializers\n", "No model module imports"),
    ],
)
def test_an_upward_import_breaks_a_contract(tree, module, source, contract):
    path = tree / "simitra" / module
    path.write_text(path.read_text() + "\n" + source if path.exists() else source)
    result = _lint(tree)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert any(contract in line for line in broken), result.stdout
