from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "simitra.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the gate check)

        register_panel(
            phase=Phase.AGREEING,
            key="agreements",
            title=_("MoU and cooperation agreements"),
            url_name="agreements:list",
            order=10,
        )
