from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "simitra.interop"
    label = "interop"
    verbose_name = _("Interoperability")

    def ready(self):
        from simitra.partnerships.panels import register_nav

        from . import excel  # noqa: F401  (registers the spreadsheet sheets)

        register_nav(key="data", title=_("Data exchange"), url_name="interop:hub", order=40)
