from django import template

from simitra.field.reference import logout_warning

register = template.Library()


@register.simple_tag
def outbox_logout_warning() -> str:
    """The question asked before logging out while entries still wait (`%(count)s` is filled
    in on the device, which alone knows the count)."""
    return logout_warning()
