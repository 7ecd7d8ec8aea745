from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScopingConfig(AppConfig):
    name = "simitra.scoping"
    label = "scoping"
    verbose_name = _("Scoping and partner selection")

    def ready(self):
        from simitra.partnerships.models import Phase
        from simitra.partnerships.panels import register_panel

        from . import checks  # noqa: F401  (registers the gate checks)

        panels = [
            (Phase.SCOPING, "problem", _("Problem and its tree"), "scoping:problem", 10),
            (Phase.SCOPING, "needs", _("Needs and wishes"), "scoping:needs", 20),
            (Phase.SCOPING, "evidence", _("Evidence"), "scoping:evidence", 25),
            (Phase.SCOPING, "options", _("Solution options"), "scoping:options", 30),
            (Phase.SCOPING, "suitability", _("Suitability check"), "scoping:suitability", 40),
            (Phase.SCOPING, "cocreation", _("Co-creation"), "scoping:cocreation", 50),
            (
                Phase.IDENTIFYING,
                "candidates",
                _("Candidates and assessment"),
                "scoping:candidates",
                10,
            ),
            (Phase.IDENTIFYING, "stakeholders", _("Stakeholder map"), "scoping:stakeholders", 20),
            (Phase.IDENTIFYING, "roles", _("People's roles"), "scoping:roles", 30),
        ]
        for phase, key, title, url_name, order in panels:
            register_panel(phase=phase, key=key, title=title, url_name=url_name, order=order)
