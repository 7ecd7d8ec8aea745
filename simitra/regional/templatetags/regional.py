from django import template

from simitra.organisations.models import Sector

register = template.Library()


@register.filter
def sector_label(value) -> str:
    """The sector's name in the user's language (`government` → Pemerintah)."""
    try:
        return Sector(value).label
    except ValueError:
        return value or "—"
