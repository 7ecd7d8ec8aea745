from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "simitra.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the Reviewing gate's evaluation check)

        register_panel(
            phase=Phase.REVIEWING,
            key="evaluations",
            title=_("Evaluation against the plan"),
            url_name="evaluations:evaluations",
            order=10,
        )
