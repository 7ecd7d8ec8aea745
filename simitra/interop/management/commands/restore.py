from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simitra.interop.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database and empty files folders. The whole "
        "archive is checked first: a damaged one is refused and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data and files folders that are not empty.",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, archive, force, database, **options):
        try:
            manifest = restore_backup(Path(archive), force=force, database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Restored the backup made %(created)s; the rows of all %(tables)d tables match "
                "the manifest (rows: %(rows)d); files: %(files)d."
            )
            % {
                "created": manifest.data["created_at"],
                "tables": len(manifest.rows),
                "rows": sum(manifest.rows.values()),
                "files": manifest.uploaded_files,
            }
        )
