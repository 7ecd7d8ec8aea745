"""Template helpers used across Simitra (loaded as a builtin, no {% load %} needed)."""

from django import forms, template
from django.utils.translation import get_language

from simitra.lib.money import amount_in_words, format_money
from simitra.lib.numbers import format_number, format_percent

register = template.Library()


@register.filter
def money(amount, currency="IDR"):
    """`{{ value|money }}` → Rp1.250.000.000; `{{ value|money:"USD" }}` for other currencies."""
    return format_money(amount, currency or "IDR", (get_language() or "id")[:2])


@register.filter
def in_words(amount, currency="IDR"):
    if amount is None:
        return ""
    return amount_in_words(amount, currency or "IDR", (get_language() or "id")[:2])


@register.filter
def number(value, decimals=None):
    """`{{ value|number }}` → 1.250.000,5 (id) / 1,250,000.5 (en), at most two decimals;
    `{{ value|number:1 }}` → exactly one decimal. For reading only: never in form inputs or
    attributes read by code."""
    if value is None or value == "":
        return "—"
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, digits=0):
    """`{{ 0.625|percent:1 }}` → 62,5% (id) / 62.5% (en): a fraction as a percentage."""
    return format_percent(value, int(digits))


@register.filter
def bs(bound_field):
    """Render a form field's widget with the Bootstrap class its kind needs."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        css = ""
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": css.strip()} if css.strip() else {}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if bound_field.help_text:
        attrs["aria-describedby"] = f"{bound_field.auto_id}_help"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(bound_field):
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and tabs)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
