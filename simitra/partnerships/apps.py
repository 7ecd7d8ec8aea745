from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "simitra.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from simitra.organisations.sections import register_section

        from . import checks  # noqa: F401  (registers the gate checks)
        from .panels import register_nav

        register_nav(key="home", title=_("Home"), url_name="home", order=10)
        register_nav(
            key="partnerships", title=_("Partnerships"), url_name="partnerships:list", order=20
        )
        register_nav(
            key="organisations", title=_("Organisations"), url_name="organisations:list", order=30
        )
        register_section(
            key="partnerships",
            template_name="partnerships/_organisation_partnerships.html",
            context=_organisation_partnerships,
            order=10,
        )


def _organisation_partnerships(request, organisation) -> dict:
    """The organisation page's section: its places in the partnerships this user may see."""
    from .models import Partner

    partners = (
        Partner.objects.filter(organisation=organisation)
        .visible_to(request.user)
        .select_related("partnership")
        .order_by("partnership__title")
    )
    return {"partners": partners}
