from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "simitra.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from simitra.partnerships.panels import register_nav

        register_nav(
            key="portfolio", title=_("Portfolio"), url_name="portfolio:portfolio", order=40
        )
