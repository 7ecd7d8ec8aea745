from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make the scheduled reports' drafts whose period has ended and remind the coordinators "
        "before the narrative is due, now, or queue the task for the background worker with "
        "--enqueue (for cron). Running it twice makes and reminds nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the task for `manage.py db_worker` instead of running it here",
        )

    def handle(self, *args, enqueue=False, **options):
        from simitra.reports import schedules
        from simitra.reports.tasks import scheduled_reports

        if enqueue:
            result = scheduled_reports.enqueue()
            self.stdout.write(self.style.SUCCESS(f"Queued the scheduled reports task {result.id}."))
            return
        summary = schedules.run_schedules()
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{key}: {value}" for key, value in summary.items()))
        )
