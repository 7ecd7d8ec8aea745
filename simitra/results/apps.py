from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "simitra.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel
        from simitra.resources.participation import register_participation

        from . import checks  # noqa: F401  (registers the gate check)
        from .selectors import meetings_attended

        register_participation(
            key="meetings_attended",
            title=_("Meetings attended"),
            function=meetings_attended,
            order=20,
        )

        register_panel(
            phase=Phase.MANAGING,
            key="governance",
            title=_("Governance and meetings"),
            url_name="results:governance:panel",
            order=10,
        )
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
