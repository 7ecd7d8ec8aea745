"""manage.py backup, backup_check and restore on SQLite files: the demo backed up while a writer
keeps writing, restored into an empty database and empty folders, compared table by table and
file by file; damaged archives and occupied targets refused with nothing changed.

The three commands share one archive (loading the demo is the slow part), so they are tested
together here. Each command runs against a SQLite file in a temporary folder: the default
connection is pointed at it for the test, the way a deployment's settings would name it."""

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import override_settings
from django.utils import translation

from simitra.interop import backup
from simitra.interop.backup import MANIFEST, SQLITE_COPY

pytestmark = pytest.mark.skipif(
    connections["default"].vendor != "sqlite",
    reason="the SQLite round trip (PostgreSQL: test_backup_postgres.py)",
)

WRITER_TABLE = "django_session"


@contextmanager
def default_database(path: Path):
    """The default connection points at the SQLite file `path` (WAL, as settings make it)."""
    original = connections["default"]
    wrapper = DatabaseWrapper({**original.settings_dict, "NAME": str(path)}, alias="default")
    connections["default"] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        connections["default"] = original


def folders_under(root: Path) -> dict[str, Path]:
    return {"private": root / "private", "job-files": root / "job-files", "media": root / "media"}


@contextmanager
def files_folders(root: Path):
    folders = folders_under(root)
    with override_settings(
        SIMITRA_PRIVATE_ROOT=folders["private"],
        SIMITRA_JOB_FILES_DIR=folders["job-files"],
        MEDIA_ROOT=folders["media"],
    ):
        yield folders


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, in a stable order."""
    database = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(database.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)  # noqa: S608
            for table in tables
        }
    finally:
        database.close()


def checksums(folders: dict[str, Path]) -> dict[str, str]:
    return {
        f"{key}/{file.relative_to(folder).as_posix()}": hashlib.sha256(
            file.read_bytes()
        ).hexdigest()
        for key, folder in folders.items()
        for file in folder.rglob("*")
        if file.is_file()
    }


class Writer(threading.Thread):
    """Commits two session rows per transaction as fast as it can: a copy that caught half a
    transaction would hold an odd number of them."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.commits, self.error = path, 0, None
        self.started_writing, self.stop = threading.Event(), threading.Event()

    def run(self):
        database = sqlite3.connect(self.path, timeout=20, isolation_level=None)
        try:
            while not self.stop.is_set():
                database.execute("BEGIN IMMEDIATE")
                for half in "ab":
                    database.execute(
                        f"INSERT INTO {WRITER_TABLE} (session_key, session_data, expire_date) "  # noqa: S608
                        "VALUES (?, 'writer', '2030-01-01 00:00:00')",
                        (f"writer-{self.commits}-{half}",),
                    )
                database.execute("COMMIT")
                self.commits += 1
                self.started_writing.set()
        except Exception as error:  # noqa: BLE001 (reported by the test)
            self.error = error
            self.started_writing.set()
        finally:
            database.close()


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory, django_db_setup, django_db_blocker):
    """The demo in a SQLite file, with a file in each files folder, backed up while a writer
    writes; the writer stopped afterwards, so the source is what the archive must be compared
    with (apart from the writer's rows)."""
    root = tmp_path_factory.mktemp("backup-source")
    source = root / "simitra.sqlite3"
    with django_db_blocker.unblock():
        # The test database, migrated and with its reference data, is the empty site.
        connections["default"].ensure_connection()
        empty = sqlite3.connect(source)
        connections["default"].connection.backup(empty)
        empty.close()
        with default_database(source), files_folders(root) as folders:
            call_command("load_demo", stdout=io.StringIO())
            for key, folder in folders.items():
                (folder / "nested").mkdir(parents=True, exist_ok=True)
                (folder / "nested" / f"{key}.bin").write_bytes(os.urandom(4096))
            writer = Writer(source)
            writer.start()
            writer.started_writing.wait(10)
            before = writer.commits
            out = io.StringIO()
            with translation.override("en"):
                call_command("backup", str(root), stdout=out)
            during = writer.commits - before
            writer.stop.set()
            writer.join(10)
    assert writer.error is None
    archives = list(root.glob("simitra-backup-*.tar.gz"))
    assert len(archives) == 1
    return {
        "source": source,
        "folders": folders,
        "archive": archives[0],
        "output": out.getvalue(),
        "writes_during_backup": during,
    }


@pytest.fixture
def empty_site(tmp_path, db):
    """An empty database file and empty files folders, the commands pointed at them."""
    database = tmp_path / "restored" / "simitra.sqlite3"
    with default_database(database), files_folders(tmp_path / "restored") as folders:
        yield database, folders


def test_it_restores_the_demo_backed_up_while_a_writer_writes(backed_up, empty_site, figures):
    database, folders = empty_site
    assert backed_up["writes_during_backup"] > 0

    out = io.StringIO()
    with translation.override("en"):
        call_command("restore", str(backed_up["archive"]), stdout=out)

    assert "match the manifest" in out.getvalue()
    source, restored = table_rows(backed_up["source"]), table_rows(database)
    assert set(restored) == set(source)
    for table in source:
        if table != WRITER_TABLE:
            assert restored[table] == source[table], table
    # The writer kept writing after the copy: the copy holds a prefix of its transactions, each
    # whole.
    written = [row for row in restored[WRITER_TABLE] if row[1] == "writer"]
    assert set(restored[WRITER_TABLE]) <= set(source[WRITER_TABLE])
    assert len(written) % 2 == 0
    assert len(written) < sum(1 for row in source[WRITER_TABLE] if row[1] == "writer")
    assert sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sum(len(rows) for rows in source.values()) > 5000  # the demo is there

    original_files = checksums(backed_up["folders"])
    assert checksums(folders) == original_files
    assert {name.split("/")[0] for name in original_files} == {"private", "job-files", "media"}
    figures(
        f"backup round trip: {len(source)} tables, {sum(map(len, restored.values()))} rows, "
        f"{len(original_files)} files, {backed_up['writes_during_backup']} writer commits "
        "during the backup"
    )


def test_its_manifest_describes_the_copy(backed_up):
    with tarfile.open(backed_up["archive"], "r:gz") as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
        copy = tar.extractfile(SQLITE_COPY).read()
    assert manifest["files"][SQLITE_COPY] == hashlib.sha256(copy).hexdigest()
    for name, digest in checksums(backed_up["folders"]).items():
        assert manifest["files"][f"files/{name}"] == digest
    assert manifest["migrations"]["partnerships"].startswith("0")
    assert manifest["rows"]["partnerships_partnership"] == len(
        table_rows(backed_up["source"])["partnerships_partnership"]
    )
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["simitra_version"]
    assert f"rows: {sum(manifest['rows'].values())}" in backed_up["output"]


def test_backup_check_passes_a_sound_archive(backed_up):
    out = io.StringIO()
    with translation.override("en"):
        call_command("backup_check", str(backed_up["archive"]), stdout=out)
    assert "The backup is sound" in out.getvalue()


def one_byte_changed_in_the_stream(archive: Path, target: Path) -> Path:
    body = bytearray(archive.read_bytes())
    body[len(body) // 2] ^= 0xFF
    target.write_bytes(bytes(body))
    return target


def one_byte_changed_in_a_file(archive: Path, target: Path) -> Path:
    """A well-formed archive whose uploaded file differs by one byte from its checksum."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source:
            content = source.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("files/private/"):
                content = bytes([content[0] ^ 0x01]) + content[1:]
            copy.addfile(member, io.BytesIO(content) if content is not None else None)
    return target


@pytest.mark.parametrize("damage", [one_byte_changed_in_the_stream, one_byte_changed_in_a_file])
@pytest.mark.parametrize("command", ["restore", "backup_check"])
def test_it_refuses_a_damaged_archive_and_changes_nothing(backed_up, tmp_path, db, damage, command):
    damaged = damage(backed_up["archive"], tmp_path / "damaged.tar.gz")
    site = tmp_path / "site"
    shutil.copytree(backed_up["source"].parent, site)
    before_rows, before_files = table_rows(site / "simitra.sqlite3"), checksums(folders_under(site))
    options = {"force": True} if command == "restore" else {}

    with (
        default_database(site / "simitra.sqlite3"),
        files_folders(site),
        translation.override("en"),
        pytest.raises(CommandError, match="damaged"),
    ):
        call_command(command, str(damaged), **options)

    assert table_rows(site / "simitra.sqlite3") == before_rows
    assert checksums(folders_under(site)) == before_files


def test_it_refuses_to_restore_over_a_database_with_data(backed_up, tmp_path, db):
    site = tmp_path / "site"
    shutil.copytree(backed_up["source"].parent, site)
    database = site / "simitra.sqlite3"
    with sqlite3.connect(database) as writing:
        writing.execute("DELETE FROM partnerships_historicalpartnership")  # one change to notice
    before_rows, before_files = table_rows(database), checksums(folders_under(site))

    with (
        default_database(database),
        files_folders(site),
        translation.override("en"),
        pytest.raises(CommandError, match="already holds Simitra data"),
    ):
        call_command("restore", str(backed_up["archive"]))

    assert table_rows(database) == before_rows
    assert checksums(folders_under(site)) == before_files


def test_it_refuses_to_restore_into_a_folder_with_files(backed_up, empty_site):
    database, folders = empty_site
    folders["private"].mkdir(parents=True)
    (folders["private"] / "left-over.pdf").write_bytes(b"%PDF-1.4")

    with translation.override("en"), pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backed_up["archive"]))

    assert not database.exists() or table_rows(database) == {}
    assert checksums(folders) == {"private/left-over.pdf": hashlib.sha256(b"%PDF-1.4").hexdigest()}


def test_force_replaces_a_site_that_holds_data(backed_up, tmp_path, db):
    site = tmp_path / "site"
    shutil.copytree(backed_up["source"].parent, site)
    database = site / "simitra.sqlite3"
    with sqlite3.connect(database) as writing:
        writing.execute("DELETE FROM partnerships_historicalpartnership")
    (site / "private" / "left-over.pdf").write_bytes(b"%PDF-1.4")

    with default_database(database), files_folders(site):
        call_command("restore", str(backed_up["archive"]), force=True, stdout=io.StringIO())

    restored, source = table_rows(database), table_rows(backed_up["source"])
    assert (
        restored["partnerships_historicalpartnership"]
        == source["partnerships_historicalpartnership"]
    )
    assert checksums(folders_under(site)) == checksums(backed_up["folders"])


def test_messages_are_translated(backed_up, empty_site):
    with translation.override("id"), pytest.raises(CommandError) as refused:
        call_command("restore", str(backed_up["archive"].with_suffix(".missing")))
    assert "Tidak ada arsip" in str(refused.value)


def test_gzip_damage_is_found_beyond_the_last_member(backed_up, tmp_path, db):
    """The end of the compressed stream counts too: its checksum covers the padding."""
    body = gzip.decompress(backed_up["archive"].read_bytes())
    damaged = tmp_path / "tail.tar.gz"
    recompressed = bytearray(gzip.compress(body))
    recompressed[-8] ^= 0x01  # the stored CRC32
    damaged.write_bytes(bytes(recompressed))
    with translation.override("en"), pytest.raises(CommandError, match="damaged"):
        call_command("backup_check", str(damaged))


def test_postgres_tools_missing_from_path_are_named(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda program: None)
    with (
        translation.override("en"),
        pytest.raises(backup.BackupError, match="pg_dump was not found"),
    ):
        backup._postgres_command("pg_dump", connections["default"])
