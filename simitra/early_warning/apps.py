from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "simitra.early_warning"
    label = "early_warning"
    verbose_name = _("Early warning")

    def ready(self):
        from simitra.partnerships import recompute
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_nav, register_overview, register_panel

        from .tasks import request_recompute

        for phase in (Phase.MANAGING, Phase.REVIEWING):
            register_panel(
                phase=phase,
                key=f"early_warning_{int(phase)}",
                title=_("Early warning"),
                url_name="early_warning:warning",
                order=5,
            )
        register_overview(key="early_warning", url_name="early_warning:warning", order=10)
        register_nav(key="alerts", title=_("Alerts"), url_name="early_warning:alerts", order=45)
        # The writers of what the signals read ask for a recompute (queued, coalesced per
        # partnership) once they commit; the records named here are those the API saves
        # generically (the services ask by themselves).
        recompute.register(key="early_warning", function=request_recompute, models=WATCHED)


# Each record the signals read, with its path to the partnership (see `selectors`).
WATCHED = {
    "partnerships.Partnership": "pk",
    "partnerships.Partner": "partnership_id",
    "planning.Activity": "partnership_id",
    "resources.Pledge": "partnership_id",
    "resources.Delivery": "pledge.partnership_id",
    "results.Indicator": "partnership_id",
    "results.Period": "indicator.partnership_id",
    "results.IndicatorValue": "period.indicator.partnership_id",
    "health.HealthCheckRound": "partnership_id",
    "health.HealthResponse": "round.partnership_id",
    "risks.Risk": "partnership_id",
    "governance.Meeting": "partnership_id",
    "governance.Attendance": "meeting.partnership_id",
    "governance.Decision": "partnership_id",
}
