from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import DateInput, ModelForm, SeenVersionMixin
from simitra.lib.money import format_money
from simitra.resources.models import Pledge

from .models import Activity, ActivityStatus, Milestone


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class PartnersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.organisation.name


class PledgesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        name = obj.partner.organisation.acronym or obj.partner.organisation.name
        return (
            f"{name} — {obj.description[:70]} ({format_money(obj.estimated_value, obj.currency)})"
        )


class ActivitiesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


class ActivityForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "responsible",
            "supporting",
            "start_date",
            "end_date",
            "deliverable",
            "budget",
            "funded_by",
            "depends_on",
            "status",
            "progress",
            "position",
        ]
        field_classes = {
            "responsible": PartnerChoiceField,
            "supporting": PartnersField,
            "funded_by": PledgesField,
            "depends_on": ActivitiesField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        partners = partnership.confirmed_partners()
        self.fields["responsible"].queryset = partners
        self.fields["supporting"].queryset = partners
        self.fields["funded_by"].queryset = (
            Pledge.objects.active()
            .filter(partnership=partnership)
            .select_related("partner__organisation")
        )
        others = Activity.objects.filter(partnership=partnership).current()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["depends_on"].queryset = others
        self.fields["budget"].label = _("Budget (%(currency)s)") % {
            "currency": partnership.currency
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        responsible = data.get("responsible")
        if responsible and responsible in (data.get("supporting") or []):
            self.add_error(
                "supporting", _("The responsible partner is not also a supporting partner.")
            )
        if data.get("status") == ActivityStatus.DONE and data.get("progress") not in (None, 100):
            self.add_error("progress", _("A finished activity is at 100%."))
        return data


class MilestoneForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "activity", "done_on"]
        widgets = {
            "due_date": DateInput(),
            "done_on": DateInput(),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(
            partnership=partnership
        ).current()
        self.fields["activity"].required = False


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("From version"), min_value=1)
    new = forms.IntegerField(label=_("To version"), min_value=1)
