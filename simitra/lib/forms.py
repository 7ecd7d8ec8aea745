from django.forms.renderers import TemplatesSetting


class SimitraFormRenderer(TemplatesSetting):
    """Forms render with Bootstrap markup (templates/forms/), keeping what the user typed."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
