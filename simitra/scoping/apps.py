from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScopingConfig(AppConfig):
    name = "simitra.scoping"
    label = "scoping"
    verbose_name = _("Scoping and partner selection")
