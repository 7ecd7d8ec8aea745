from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "simitra.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from simitra.health.signals import round_opened
        from simitra.partnerships.events import Event, partnership_event

        from . import receivers

        partnership_event.connect(receivers.on_partnership_event, sender=Event)
        round_opened.connect(receivers.on_round_opened)
