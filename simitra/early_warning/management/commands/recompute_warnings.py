from django.core.management.base import BaseCommand, CommandError

from simitra.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Recompute the early warning now (all active partnerships, or one with --code), or "
        "queue the nightly task for the background worker with --enqueue (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", help="only this partnership (its code)")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the task for `manage.py db_worker` instead of running it here",
        )

    def handle(self, *args, code=None, enqueue=False, **options):
        from simitra.early_warning.alerting import recompute_all_warnings, recompute_warnings
        from simitra.early_warning.tasks import recompute_all_warnings as nightly

        if enqueue:
            if code:
                raise CommandError("--enqueue recomputes every partnership; leave out --code.")
            result = nightly.enqueue()
            self.stdout.write(self.style.SUCCESS(f"Queued the early-warning task {result.id}."))
            return
        if code:
            partnerships = Partnership.objects.filter(code=code)
            if not partnerships.exists():
                raise CommandError(f"No partnership with the code {code!r}.")
            summary = recompute_warnings(partnerships).as_dict()
        else:
            summary = recompute_all_warnings()
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{key}: {value}" for key, value in summary.items()))
        )
