from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "simitra.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel
        from simitra.resources.participation import register_participation

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
            url_name="governance:panel",
            order=10,
        )
