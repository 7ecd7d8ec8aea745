import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from simitra.partnerships import demo
from simitra.reference.loading import load_all, reference_is_loaded


class Command(BaseCommand):
    help = "Load the demo organisations, users and partnerships (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not reference_is_loaded():
            load_all()
        world = demo.load()
        # Each cycle app adds its own demo records to the same partnerships.
        for config in apps.get_app_configs():
            if not config.name.startswith("simitra.") or config.name == "simitra.partnerships":
                continue
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is not None:
                importlib.import_module(module_name).load(world)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, _first, _last, role in demo.DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role}")
