"""A throw-away database for a benchmark: SQLite in a temporary folder (or DATABASE_URL when
set, which must then point at a database you do not mind filling)."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_with_scratch_database() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="simitra-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("SIMITRA_DATA_DIR", str(folder))
    # Production settings: no query log kept in memory.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simitra.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return folder
