import datetime as dt
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from simitra.interop.models import Job, job_files_dir


class Command(BaseCommand):
    help = "Delete finished background jobs older than --days (default 30) and their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - dt.timedelta(days=days)
        old = Job.objects.filter(
            status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED], created_at__lt=cutoff
        )
        count = 0
        for job in old.iterator():
            folder = Path(job_files_dir()) / str(job.pk)
            if folder.is_dir():
                shutil.rmtree(folder)
            job.delete()
            count += 1
        self.stdout.write(f"{count} jobs deleted.")
