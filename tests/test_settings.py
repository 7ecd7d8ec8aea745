"""Production settings: the deploy check passes, and a missing SECRET_KEY stops start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_shows_no_errors(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
        DEBUG="0",
        SECRET_KEY="x" * 60 + "production-like-secret-key",
        ALLOWED_HOSTS="simitra.example.id",
        SIMITRA_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "ERRORS" not in result.stderr


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = _manage(
        "check",
        DEBUG="0",
        ALLOWED_HOSTS="simitra.example.id",
        SIMITRA_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
