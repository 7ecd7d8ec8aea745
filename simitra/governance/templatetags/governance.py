from django import template

register = template.Library()


@register.filter
def overdue_on(decision, today):
    """`{% if decision|overdue_on:today %}`: open and past its due date."""
    return decision.is_overdue(today)
