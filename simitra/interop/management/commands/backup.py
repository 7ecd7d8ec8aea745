from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simitra.interop.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database and every uploaded file into one .tar.gz archive with a manifest "
        "(SHA-256 of every file, rows per table, migrations). SQLite is copied with the online "
        "backup API while the site keeps serving; PostgreSQL is dumped with pg_dump."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target", help="A folder (a dated archive is made in it) or the archive's file name."
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, target, database, **options):
        try:
            path, manifest = make_backup(Path(target), database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backup written to %(path)s: tables: %(tables)d, rows: %(rows)d, files: %(files)d.")
            % {
                "path": path,
                "tables": len(manifest.rows),
                "rows": sum(manifest.rows.values()),
                "files": manifest.uploaded_files,
            }
        )
