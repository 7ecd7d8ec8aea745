"""With DEBUG off, templates are read and compiled once per process (the cached loader), and
the production static storage collects every file (a missing source map would stop it)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.database_independent


def _run(code: str, tmp_path, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 60 + "production-like-secret-key",
        ALLOWED_HOSTS="simitra.example.id",
        SIMITRA_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="simitra.settings",
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_cached_template_loader_is_on_when_debug_is_off(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.template import engines\n"
        "engine = engines['django'].engine\n"
        "def modules(loader):\n"
        "    return [type(loader).__module__, *[m for inner in getattr(loader, 'loaders', [])"
        " for m in modules(inner)]]\n"
        "print(engine.debug, [m for loader in engine.template_loaders for m in modules(loader)])\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    # The partials' loader wraps the cached one, which wraps the file and app loaders.
    debug, loaders = result.stdout.strip().split(" ", 1)
    assert debug == "False"
    assert "'django.template.loaders.cached'" in loaders, loaders


def test_collectstatic_passes_with_the_production_storage(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('collectstatic', '--no-input', verbosity=0)\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()
