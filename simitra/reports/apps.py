from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "simitra.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from simitra.partnerships.panels import register_overview

        # The partnership's overview lists its finalised reports (a small card of its own).
        register_overview(key="reports", url_name="reports:list", order=40)
