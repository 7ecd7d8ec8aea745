import shutil
import sys
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from simitra.interop.iati.export import ExportInvalid, export_to_file
from simitra.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Export partnerships as one IATI 2.03 activities file, validated against the schema "
        "before it is written. Without codes: every partnership (or only the published ones)."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Partnership codes (default: all).")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--published", action="store_true", help="Only published partnerships.")
        parser.add_argument(
            "--user", help="Only the partnerships this user may see (as on the pages)."
        )

    def handle(self, *args, codes, output, published, user, **options):
        partnerships = Partnership.objects.all()
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"No active user named {user!r}.")
            partnerships = Partnership.objects.visible_to(account)
        if published:
            partnerships = partnerships.filter(visibility=Partnership.Visibility.PUBLIC)
        if codes:
            wanted = {code.upper() for code in codes}
            partnerships = partnerships.filter(code__in=wanted)
            missing = wanted - set(partnerships.values_list("code", flat=True))
            if missing:
                raise CommandError(f"Unknown partnership codes: {', '.join(sorted(missing))}.")
        try:
            if output:
                result = export_to_file(partnerships, Path(output))
            else:
                with tempfile.TemporaryDirectory() as folder:
                    path = Path(folder) / "iati.xml"
                    result = export_to_file(partnerships, path)
                    with path.open("rb") as handle:
                        shutil.copyfileobj(handle, sys.stdout.buffer)
        except ExportInvalid as invalid:
            lines = "\n".join(f"  - {problem}" for problem in invalid.problems)
            raise CommandError(
                f"The export is not valid IATI; nothing was written:\n{lines}"
            ) from None
        noun = "activity" if result.activities == 1 else "activities"
        self.stderr.write(f"{result.activities} {noun} written and validated.")
