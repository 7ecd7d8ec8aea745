from django import forms
from django.utils.translation import gettext_lazy as _


class AlertFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("Open alerts")),
            ("unacknowledged", _("Open, not acknowledged")),
            ("all", _("All alerts")),
        ],
    )
