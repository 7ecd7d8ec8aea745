from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "simitra.early_warning"
    label = "early_warning"
    verbose_name = _("Early warning")

    def ready(self):
        from simitra.health.closing import register_after_close
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_nav, register_overview, register_panel

        from .alerting import recompute_warnings

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
        # The health signals read closed rounds.
        register_after_close(key="early_warning", function=recompute_warnings)
