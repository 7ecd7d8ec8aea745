from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import ModelForm
from simitra.partnerships.events import EventType

from .models import Subscription
from .targets import TargetRefused, check_resolved


class SubscriptionForm(ModelForm):
    event_types = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Subscription
        fields = ["url", "description", "event_types"]
        labels = {"url": _("Target URL"), "description": _("Description")}
        help_texts = {
            "url": _("An https:// address of the receiving system (http:// only for testing)."),
            "description": _("What receives it, for whoever reads this later."),
        }
        # Django's URLField would accept ftp:// and name its own reasons; the target's rules
        # say theirs in clean_url.
        field_classes = {"url": forms.CharField}

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        try:
            check_resolved(url)
        except TargetRefused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return url

    def clean_event_types(self):
        chosen = set(self.cleaned_data["event_types"])
        return [code for code in EventType.values if code in chosen]
