from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "simitra.resources"
    label = "resources"
    verbose_name = _("Contributions")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the gate check)

        register_panel(
            phase=Phase.BUILDING,
            key="contributions",
            title=_("Contributions and their balance"),
            url_name="resources:contributions",
            order=10,
        )
        register_panel(
            phase=Phase.MANAGING,
            key="contributions_delivered",
            title=_("Contributions delivered"),
            url_name="resources:contributions",
            order=30,
        )
