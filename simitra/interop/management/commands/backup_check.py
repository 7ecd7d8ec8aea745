from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simitra.interop.backup import BackupError, check_backup


class Command(BaseCommand):
    help = (
        "Check a backup archive without restoring it: every checksum of its manifest, and its "
        "database read back (integrity and rows per table)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = check_backup(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "The backup is sound: made %(created)s by Simitra %(version)s, tables: %(tables)d, "
                "rows: %(rows)d, files: %(files)d."
            )
            % {
                "created": manifest.data["created_at"],
                "version": manifest.data["simitra_version"],
                "tables": len(manifest.rows),
                "rows": sum(manifest.rows.values()),
                "files": manifest.uploaded_files,
            }
        )
