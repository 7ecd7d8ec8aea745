from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "simitra.planning"
    label = "planning"
    verbose_name = _("Action plan")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel
        from simitra.resources.participation import register_participation

        from . import checks  # noqa: F401  (registers the gate check)
        from .selectors import activities_led

        register_panel(
            phase=Phase.BUILDING,
            key="action_plan",
            title=_("Action plan"),
            url_name="planning:plan",
            order=20,
        )
        register_panel(
            phase=Phase.MANAGING,
            key="activities_progress",
            title=_("Activities and their progress"),
            url_name="planning:plan",
            order=20,
        )
        register_participation(
            key="activities_led", title=_("Activities led"), function=activities_led, order=10
        )
