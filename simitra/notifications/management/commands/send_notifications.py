from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Send tonight's reminders (the reminder ladder) and digests now, or queue the nightly "
        "task for the background worker with --enqueue (for cron). Running it twice the same "
        "day sends nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the task for `manage.py db_worker` instead of running it here",
        )

    def handle(self, *args, enqueue=False, **options):
        from simitra.notifications import ladder
        from simitra.notifications.tasks import nightly

        if enqueue:
            result = nightly.enqueue()
            self.stdout.write(self.style.SUCCESS(f"Queued the notifications task {result.id}."))
            return
        summary = ladder.nightly()
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{key}: {value}" for key, value in summary.items()))
        )
