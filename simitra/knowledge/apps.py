from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "simitra.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge and sustainability")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_nav, register_panel

        for key, title, url_name, order in [
            ("sustainability", _("Sustainability and exit plan"), "knowledge:sustainability", 10),
            ("lessons", _("Lessons learned"), "knowledge:lessons", 20),
            ("practices", _("Replicable practices"), "knowledge:practices", 30),
            ("closing", _("Ending the partnership"), "knowledge:closing", 40),
        ]:
            register_panel(
                phase=Phase.SUSTAINING, key=key, title=title, url_name=url_name, order=order
            )
        register_nav(
            key="knowledge",
            title=_("Knowledge portal"),
            url_name="knowledge:portal",
            order=60,
            public=True,
        )
