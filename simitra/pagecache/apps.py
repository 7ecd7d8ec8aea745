from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PagecacheConfig(AppConfig):
    name = "simitra.pagecache"
    label = "pagecache"
    verbose_name = _("Kept pages")

    def ready(self):
        from . import generation

        connection_created.connect(generation.watch_connection)
        for connection in connections.all(initialized_only=True):
            generation.watch_connection(connection=connection)
