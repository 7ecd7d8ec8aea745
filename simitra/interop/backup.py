"""Backups of a whole site: the database and every uploaded file in one `.tar.gz` archive with
a manifest, checked before anything is restored from it.

The archive holds `manifest.json`, the database (`database.sqlite3`, a copy made with SQLite's
online backup API, or `database.dump`, a `pg_dump` custom-format dump) and the files folders
under `files/<folder>/` (the private uploads, the background jobs' files and MEDIA_ROOT). The
manifest lists the SHA-256 of every other member, the rows of every table as they are in the
copied database, the last applied migration of every app, the Simitra version and the time.

The database is copied first and the files after it, so every file the copy names is in the
archive (a file uploaded meanwhile is there too, unnamed, which is harmless).
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.interop.models import job_files_dir
from simitra.lib.uploads import private_root

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_COPY = "database.sqlite3"
POSTGRES_DUMP = "database.dump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made, checked or restored; the message is for the operator."""


@dataclass(frozen=True)
class Manifest:
    data: dict

    @property
    def vendor(self) -> str:
        return self.data["database"]["vendor"]

    @property
    def rows(self) -> dict[str, int]:
        return self.data["rows"]

    @property
    def files(self) -> dict[str, str]:
        return self.data["files"]

    @property
    def uploaded_files(self) -> int:
        return sum(1 for name in self.files if name.startswith("files/"))


def file_folders() -> dict[str, Path]:
    """The folders of uploaded and produced files, by the name they have in an archive."""
    return {
        "private": Path(private_root()),
        "job-files": Path(job_files_dir()),
        "media": Path(settings.MEDIA_ROOT),
    }


def simitra_version() -> str:
    try:
        return metadata.version("simitra")
    except metadata.PackageNotFoundError:
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


class _HashingReader:
    """Reads a file into the archive and hashes exactly the bytes that went in."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        block = self.handle.read(size)
        self.digest.update(block)
        return block


def _connection(database: str):
    connection = connections[database]
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise BackupError(
            _("Backups are made of SQLite and PostgreSQL databases only, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection


def _sqlite_path(connection) -> Path:
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        raise BackupError(_("An in-memory SQLite database cannot be backed up or restored."))
    return Path(name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (names from the schema)
        counts[table] = cursor.fetchone()[0]
    return counts


def last_migrations(cursor) -> dict[str, str]:
    """The last migration applied to each app, in the order they were applied."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(cursor.fetchall())


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in cursor.fetchall()]


def _postgres_command(program: str, connection) -> tuple[list[str], dict[str, str]]:
    if shutil.which(program) is None:
        raise BackupError(
            _(
                "%(program)s was not found on PATH: install the PostgreSQL client tools (of the "
                "server's major version or newer) to back up or restore a PostgreSQL database."
            )
            % {"program": program}
        )
    params = connection.settings_dict
    command = [program, "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command += [option, str(params[key])]
    environment = dict(os.environ)
    if params.get("PASSWORD"):
        environment["PGPASSWORD"] = str(params["PASSWORD"])
    return command, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if finished.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": finished.stderr.strip()}
        )


def _copy_sqlite(connection, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """One step of the online backup API: the copy is the database as one read transaction saw
    it, while other connections go on writing (in WAL mode they are not even held up)."""
    source = sqlite3.connect(_sqlite_path(connection), timeout=20)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy, pages=-1)
        cursor = copy.cursor()
        return count_rows(cursor, _sqlite_tables(cursor)), last_migrations(cursor)
    finally:
        copy.close()
        source.close()


def _dump_postgres(connection, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump reads the snapshot the counts were taken in, so they describe the dump."""
    command, environment = _postgres_command("pg_dump", connection)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        rows = count_rows(cursor, connection.introspection.table_names(cursor))
        migrations = last_migrations(cursor)
        _run(
            [
                *command,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                str(connection.settings_dict["NAME"]),
            ],
            environment,
        )
    return rows, migrations


def archive_path(target: Path, now: dt.datetime) -> Path:
    """An existing folder gets a new, dated archive; anything else is the archive's name."""
    if target.is_dir():
        return target / f"simitra-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"
    return target


def make_backup(target: Path, *, database: str = "default") -> tuple[Path, Manifest]:
    connection = _connection(database)
    now = timezone.now()
    path = archive_path(Path(target), now)
    if path.exists():
        raise BackupError(_("%(path)s exists already.") % {"path": path})
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".simitra-backup-") as work:
        if connection.vendor == "sqlite":
            copy_name = SQLITE_COPY
            rows, migrations = _copy_sqlite(connection, Path(work) / copy_name)
        else:
            copy_name = POSTGRES_DUMP
            rows, migrations = _dump_postgres(connection, Path(work) / copy_name)
        partial = Path(work) / "archive.tar.gz"
        files = {}
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            files[copy_name] = _add(archive, Path(work) / copy_name, copy_name)
            for key, folder in file_folders().items():
                for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                    name = f"files/{key}/{file.relative_to(folder).as_posix()}"
                    files[name] = _add(archive, file, name)
            manifest = Manifest(
                {
                    "format": FORMAT,
                    "simitra_version": simitra_version(),
                    "created_at": now.isoformat(),
                    "database": {"vendor": connection.vendor, "file": copy_name},
                    "migrations": migrations,
                    "rows": rows,
                    "files": files,
                }
            )
            body = json.dumps(manifest.data, indent=1, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(now.timestamp()), 0o600
            archive.addfile(info, _BytesReader(body))
        # A reader never finds a half-written archive under the final name.
        os.replace(partial, path)
    return path, manifest


class _BytesReader:
    def __init__(self, body: bytes):
        self.body, self.offset = body, 0

    def read(self, size=-1):
        end = len(self.body) if size < 0 else self.offset + size
        block, self.offset = self.body[self.offset : end], min(end, len(self.body))
        return block


def _add(archive: tarfile.TarFile, file: Path, name: str) -> str:
    with file.open("rb") as handle:
        info = archive.gettarinfo(fileobj=handle, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return reader.digest.hexdigest()


def _damaged(archive: Path, reason: str) -> BackupError:
    return BackupError(
        _(
            "The archive %(archive)s is damaged or not a Simitra backup (%(reason)s); nothing was changed."
        )
        % {"archive": archive, "reason": reason}
    )


def unpack(archive: Path, staging: Path) -> Manifest:
    """Every member of the archive written under `staging`, each checksum compared with the
    manifest; a BackupError unless all of them agree. Nothing outside `staging` is written."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("There is no archive at %(path)s.") % {"path": archive})
    digests = {}
    manifest_body = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = PurePosixPath(member.name)
                if member.isdir():
                    continue
                if not member.isfile() or name.is_absolute() or ".." in name.parts:
                    raise _damaged(archive, _("unexpected member %(name)s") % {"name": member.name})
                source = tar.extractfile(member)
                if str(name) == MANIFEST:
                    manifest_body = source.read()
                    continue
                destination = staging.joinpath(*name.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with destination.open("wb") as out:
                    while block := source.read(CHUNK):
                        digest.update(block)
                        out.write(block)
                digests[str(name)] = digest.hexdigest()
            # Read to the end, so the compressed stream's own checksum covers every byte.
            while tar.fileobj.read(CHUNK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _damaged(archive, str(error) or type(error).__name__) from error
    if manifest_body is None:
        raise _damaged(archive, _("no manifest"))
    try:
        manifest = Manifest(json.loads(manifest_body))
        listed = manifest.files
        manifest.rows, manifest.vendor  # noqa: B018 (the fields every archive has)
    except (ValueError, KeyError, TypeError) as error:
        raise _damaged(archive, _("unreadable manifest")) from error
    expected_copy = {"sqlite": SQLITE_COPY, "postgresql": POSTGRES_DUMP}.get(manifest.vendor)
    if (
        manifest.data.get("format") != FORMAT
        or manifest.data["database"].get("file") != expected_copy
        or expected_copy not in listed
    ):
        raise _damaged(archive, _("unknown format"))
    missing = sorted(set(listed) - set(digests))
    unlisted = sorted(set(digests) - set(listed))
    wrong = sorted(name for name in set(listed) & set(digests) if listed[name] != digests[name])
    for problem, names in (
        (_("missing files"), missing),
        (_("files not in the manifest"), unlisted),
        (_("checksums that do not match"), wrong),
    ):
        if names:
            raise _damaged(archive, f"{problem}: {', '.join(names[:5])}")
    return manifest


def _check_copy(staging: Path, manifest: Manifest) -> None:
    """The copied database read back: SQLite's own integrity check and the rows of every table;
    a PostgreSQL dump listed by pg_restore when it is on PATH."""
    copy = staging / manifest.data["database"]["file"]
    if manifest.vendor == "sqlite":
        database = sqlite3.connect(copy)
        try:
            cursor = database.cursor()
            cursor.execute("PRAGMA integrity_check")
            verdict = cursor.fetchone()[0]
            if verdict != "ok":
                raise BackupError(
                    _("The database copy fails its integrity check: %(verdict)s")
                    % {"verdict": verdict}
                )
            counted = count_rows(cursor, _sqlite_tables(cursor))
        except sqlite3.DatabaseError as error:
            raise BackupError(
                _("The database copy cannot be read: %(error)s") % {"error": error}
            ) from error
        finally:
            database.close()
        _compare_rows(manifest.rows, counted)
    elif shutil.which("pg_restore"):
        _run(["pg_restore", "--list", str(copy)], dict(os.environ))


def _compare_rows(expected: dict[str, int], counted: dict[str, int]) -> None:
    differ = sorted(
        table for table in set(expected) | set(counted) if expected.get(table) != counted.get(table)
    )
    if differ:
        raise BackupError(
            _("The rows of %(count)d tables differ from the manifest: %(tables)s")
            % {"count": len(differ), "tables": ", ".join(differ[:5])}
        )


def check_backup(archive: Path) -> Manifest:
    """The archive checked as a restore would check it, and its database read back, without
    writing anything outside a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="simitra-check-") as staging:
        manifest = unpack(archive, Path(staging))
        _check_copy(Path(staging), manifest)
    return manifest


def holds_data(database: str = "default") -> bool:
    """Whether the database has rows in any table of a Simitra app. Reference data does not
    count (`load_reference` writes the same on every site), nor the tables `migrate` fills, nor
    the data generation of the kept pages (`pagecache`: moved on by any write, an emptying
    flush's too)."""
    connection = connections[database]
    if connection.vendor == "sqlite" and not _sqlite_path(connection).exists():
        return False
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for config in apps.get_app_configs():
            if not config.name.startswith("simitra.") or config.label in ("reference", "pagecache"):
                continue
            for model in config.get_models(include_auto_created=True):
                table = model._meta.db_table
                if table in existing:
                    cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608
                    if cursor.fetchone():
                        return True
    return False


def _unknown_migrations(manifest: Manifest) -> list[str]:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return sorted(
        f"{app}.{name}"
        for app, name in manifest.data.get("migrations", {}).items()
        if (app, name) not in known
    )


def _occupied_folders() -> list[Path]:
    return [
        folder for folder in file_folders().values() if folder.is_dir() and any(folder.iterdir())
    ]


def restore_backup(archive: Path, *, force: bool = False, database: str = "default") -> Manifest:
    """The archive checked in full, then the database and the files put back and the rows of
    every table counted against the manifest. Refused, with nothing changed, when the archive is
    damaged or was made by a newer Simitra, or — unless `force` — when the database already
    holds Simitra data or a files folder is not empty."""
    connection = _connection(database)
    with tempfile.TemporaryDirectory(prefix="simitra-restore-") as work:
        staging = Path(work)
        manifest = unpack(archive, staging)
        _check_copy(staging, manifest)
        if manifest.vendor != connection.vendor:
            raise BackupError(
                _(
                    "This is a backup of a %(archived)s database; the configured one is %(configured)s."
                )
                % {"archived": manifest.vendor, "configured": connection.vendor}
            )
        unknown = _unknown_migrations(manifest)
        if unknown:
            raise BackupError(
                _(
                    "The backup was made by a newer Simitra (%(version)s): this one does not know "
                    "the migrations %(migrations)s. Install that version first; nothing was changed."
                )
                % {
                    "version": manifest.data.get("simitra_version"),
                    "migrations": ", ".join(unknown),
                }
            )
        if not force:
            if holds_data(database):
                raise BackupError(
                    _(
                        "The database already holds Simitra data: restore into an empty database, "
                        "or give --force to replace it. Nothing was changed."
                    )
                )
            occupied = _occupied_folders()
            if occupied:
                raise BackupError(
                    _(
                        "The files folder %(folder)s is not empty: restore into empty folders, or "
                        "give --force to replace their files. Nothing was changed."
                    )
                    % {"folder": occupied[0]}
                )
        copy = staging / manifest.data["database"]["file"]
        connection.close()
        if connection.vendor == "sqlite":
            _restore_sqlite(connection, copy)
        else:
            _restore_postgres(connection, copy)
        _restore_files(staging)
        with connection.cursor() as cursor:
            counted = count_rows(cursor, connection.introspection.table_names(cursor))
        _compare_rows(manifest.rows, counted)
    return manifest


def _restore_sqlite(connection, copy: Path) -> None:
    path = _sqlite_path(connection)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(copy)
    target = sqlite3.connect(path, timeout=20)
    try:
        source.backup(target, pages=-1)
    finally:
        target.close()
        source.close()


def _restore_postgres(connection, copy: Path) -> None:
    command, environment = _postgres_command("pg_restore", connection)
    _run(
        [
            *command,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(copy),
        ],
        environment,
    )


def _restore_files(staging: Path) -> None:
    """Each folder's files replaced by the archive's (the folder itself is kept: it may be a
    mount point)."""
    for key, folder in file_folders().items():
        folder.mkdir(parents=True, exist_ok=True)
        for entry in list(folder.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        source = staging / "files" / key
        if source.is_dir():
            for entry in source.iterdir():
                shutil.move(entry, folder / entry.name)
