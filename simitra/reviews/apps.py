from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "simitra.reviews"
    label = "reviews"
    verbose_name = _("Reviews and early warning")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the Reviewing gate's health-check check)

        register_panel(
            phase=Phase.REVIEWING,
            key="health_checks",
            title=_("Partnership health check"),
            url_name="reviews:panel",
            order=20,
        )
