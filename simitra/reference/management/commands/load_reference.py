from django.core.management.base import BaseCommand

from simitra.reference.loading import load_all


class Command(BaseCommand):
    help = "Load regions, SDG goals and targets and IATI codelists (safe to run again)."

    def handle(self, *args, **options):
        counts = load_all()
        self.stdout.write(
            self.style.SUCCESS(
                "Reference data loaded: {regions} regions, {sdgs} SDG goals and targets, "
                "{codelists} codelist items.".format(**counts)
            )
        )
