from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "simitra.health"
    label = "health"
    verbose_name = _("Partnership health check")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the Reviewing gate's health-check check)

        register_panel(
            phase=Phase.REVIEWING,
            key="health_checks",
            title=_("Partnership health check"),
            url_name="health:panel",
            order=20,
        )
