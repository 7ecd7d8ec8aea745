from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "simitra.risks"
    label = "risks"
    verbose_name = _("Risks")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        register_panel(
            phase=Phase.MANAGING,
            key="risks",
            title=_("Shared risks"),
            url_name="risks:register",
            order=40,
        )
