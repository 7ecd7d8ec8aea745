"""manage.py backup and restore on PostgreSQL (pg_dump and pg_restore): the demo backed up while
a writer commits, the database emptied and the files removed, restored and compared table by
table and file by file. Runs in the PostgreSQL suite when the client tools are on PATH."""

import hashlib
import io
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone, translation

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not on PATH"),
]


def all_rows() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        rows = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
        return rows


def folders() -> list[Path]:
    return [Path(settings.SIMITRA_PRIVATE_ROOT), Path(settings.MEDIA_ROOT)]


def checksums() -> dict[str, str]:
    return {
        str(file): hashlib.sha256(file.read_bytes()).hexdigest()
        for folder in folders()
        for file in folder.rglob("*")
        if file.is_file()
    }


class Writer(threading.Thread):
    """Two sessions per transaction through the ORM, on its own connection."""

    def __init__(self):
        super().__init__(daemon=True)
        self.commits, self.error = 0, None
        self.started_writing, self.stop = threading.Event(), threading.Event()

    def run(self):
        try:
            while not self.stop.is_set():
                with transaction.atomic():
                    for half in "ab":
                        Session.objects.create(
                            session_key=f"writer-{self.commits}-{half}",
                            session_data="writer",
                            expire_date=timezone.now(),
                        )
                self.commits += 1
                self.started_writing.set()
        except Exception as error:  # noqa: BLE001 (reported by the test)
            self.error = error
            self.started_writing.set()
        finally:
            connection.close()


@pytest.fixture
def backed_up(transactional_db, tmp_path, settings):
    settings.SIMITRA_JOB_FILES_DIR = tmp_path / "job-files"
    call_command("load_demo", stdout=io.StringIO())
    (Path(settings.MEDIA_ROOT) / "logo.png").parent.mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    writer = Writer()
    writer.start()
    writer.started_writing.wait(10)
    before = writer.commits
    archive = tmp_path / "simitra.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    during = writer.commits - before
    writer.stop.set()
    writer.join(10)
    assert writer.error is None
    return archive, during


def test_it_restores_the_demo_into_an_emptied_database(backed_up, figures):
    archive, during = backed_up
    source, files = all_rows(), checksums()
    assert len(files) >= 2
    call_command("flush", interactive=False)
    for folder in folders():
        shutil.rmtree(folder)

    out = io.StringIO()
    with translation.override("en"):
        call_command("restore", str(archive), stdout=out)

    assert "match the manifest" in out.getvalue()
    restored = all_rows()
    assert set(restored) == set(source)
    for table in source:
        if table != "django_session":
            assert restored[table] == source[table], table
    written = [row for row in restored["django_session"] if row[1] == "writer"]
    assert set(restored["django_session"]) <= set(source["django_session"])
    assert len(written) % 2 == 0
    assert checksums() == files
    figures(
        f"PostgreSQL backup round trip: {len(source)} tables, "
        f"{sum(map(len, restored.values()))} rows, {len(files)} files, {during} writer commits "
        "during the backup"
    )


def test_it_refuses_to_restore_over_the_data(backed_up):
    archive, _ = backed_up
    before = {table: len(rows) for table, rows in all_rows().items()}
    with translation.override("en"), pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(archive))
    assert {table: len(rows) for table, rows in all_rows().items()} == before
