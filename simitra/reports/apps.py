from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "simitra.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from simitra.partnerships.panels import register_overview, register_public_documents

        from .views import public_reports

        # The partnership's overview lists its finalised reports (a small card of its own).
        register_overview(key="reports", url_name="reports:list", order=40)
        # A published partnership's page in the knowledge portal links its final reports' PDF.
        register_public_documents(key="reports", documents=public_reports)
