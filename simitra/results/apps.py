from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "simitra.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the gate check)

        register_panel(
            phase=Phase.MANAGING,
            key="results",
            title=_("Results and indicators"),
            url_name="results:page",
            order=20,
        )
        register_panel(
            phase=Phase.MANAGING,
            key="beneficiaries",
            title=_("Beneficiaries"),
            url_name="results:beneficiaries",
            order=30,
        )
