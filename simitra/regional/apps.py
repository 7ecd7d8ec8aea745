from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    name = "simitra.regional"
    label = "regional"
    verbose_name = _("Regional plan")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_nav, register_overview, register_panel

        from . import checks, reminders, rules  # noqa: F401  (the gate check, the permissions)

        # In the portfolio's menu (the bar has no room for another entry of its own).
        register_nav(
            key="regional_plans",
            title=_("Regional plans"),
            url_name="regional:plans",
            order=41,
            perm="regional.view_plans",
            under="portfolio",
        )
        register_nav(
            key="csr",
            title=_("CSR commitments and realisation"),
            url_name="regional:csr",
            order=42,
            perm="regional.report_csr",
            under="portfolio",
        )
        reminders.register()  # the CSR reports due, chased by the notifications' ladder

        register_overview(key="regional_alignment", url_name="regional:alignment", order=50)
        register_panel(
            phase=Phase.BUILDING,
            key="regional_alignment",
            title=_("Regional plan alignment"),
            url_name="regional:alignment",
            order=90,
        )
