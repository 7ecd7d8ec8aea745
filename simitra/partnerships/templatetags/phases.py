"""`{% phase_tab_url partnership "MANAGING" %}`: the partnership page opened on a phase's tab,
named by its `Phase` member, so no template writes a tab number."""

from django import template

from simitra.partnerships.models import Phase

register = template.Library()


@register.simple_tag
def phase_tab_url(partnership, phase_name: str) -> str:
    return partnership.tab_url(Phase[phase_name])


@register.simple_tag
def phase_tab_query(phase_name: str) -> str:
    """Only the query (`?tab=N`), for a link that already holds the partnership's address."""
    return Phase[phase_name].tab_query
