from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "simitra.reviews"
    label = "reviews"
    verbose_name = _("Reviews and early warning")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_nav, register_panel

        from . import checks  # noqa: F401  (registers the Reviewing gate's checks)

        for phase in (Phase.MANAGING, Phase.REVIEWING):
            register_panel(
                phase=phase,
                key=f"early_warning_{int(phase)}",
                title=_("Early warning"),
                url_name="reviews:warning",
                order=5,
            )
        register_panel(
            phase=Phase.REVIEWING,
            key="evaluations",
            title=_("Evaluation against the plan"),
            url_name="reviews:evaluations",
            order=10,
        )
        register_panel(
            phase=Phase.REVIEWING,
            key="health_checks",
            title=_("Partnership health check"),
            url_name="reviews:panel",
            order=20,
        )
        register_nav(key="portfolio", title=_("Portfolio"), url_name="reviews:portfolio", order=40)
        register_nav(key="alerts", title=_("Alerts"), url_name="reviews:alerts", order=45)
