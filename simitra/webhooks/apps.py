from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "simitra.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from simitra.partnerships.events import Event, partnership_event
        from simitra.partnerships.panels import register_overview

        from . import receivers

        partnership_event.connect(receivers.queue_deliveries, sender=Event)
        register_overview(key="webhooks", url_name="webhooks:list", order=90)
