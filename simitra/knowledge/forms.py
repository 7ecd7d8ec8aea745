from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import ModelForm, SeenVersionMixin
from simitra.organisations.models import Sector
from simitra.partnerships.models import Partnership
from simitra.reference.models import CodelistItem, Region, SdgGoal

from .models import Lesson, Practice, SustainabilityPlan, Tag

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class SustainabilityPlanForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = SustainabilityPlan
        fields = [
            "what_continues",
            "carried_by",
            "funding_after_end",
            "dependency_avoidance",
            "exit_criteria",
        ]
        widgets = dict.fromkeys(fields, TEXTAREA)


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Tags"),
            required=False,
            max_length=500,
            help_text=_("Separated by commas, e.g. UMKM, digital marketing, peer training."),
            **kwargs,
        )

    def clean(self, value):
        return Tag.split(super().clean(value))


class KnowledgeItemForm(SeenVersionMixin, ModelForm):
    tags = TagsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Always a string: left to the ModelForm, a new item's tags are the list `[]`,
        # which the text input shows as "[]" for the user to type after.
        self.initial["tags"] = (
            ", ".join(t.name for t in self.instance.tags.all()) if self.instance.pk else ""
        )
        self.fields["visibility"].help_text = _(
            "Published items appear in the public knowledge portal once the partnership itself "
            "is published."
        )


class LessonForm(KnowledgeItemForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "phase",
            "what_happened",
            "what_was_learned",
            "recommendation",
            "tags",
            "visibility",
        ]
        widgets = {
            "what_happened": TEXTAREA,
            "what_was_learned": TEXTAREA,
            "recommendation": TEXTAREA,
        }


class PracticeForm(KnowledgeItemForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "context",
            "approach",
            "results",
            "replication_conditions",
            "contacts",
            "tags",
            "visibility",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "context": TEXTAREA,
            "approach": forms.Textarea(attrs={"rows": 6}),
            "results": TEXTAREA,
            "replication_conditions": TEXTAREA,
            "contacts": forms.Textarea(attrs={"rows": 2}),
        }


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How the partnership ends"),
        choices=[
            (Partnership.Status.COMPLETED, _("Completed — it reached its end as planned")),
            (Partnership.Status.TERMINATED, _("Terminated — it stops before its planned end")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or closing note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the partnership is terminated."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Partnership.Status.TERMINATED
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Say why the partnership is terminated."))
        return data


class PortalFilterForm(forms.Form):
    KINDS = [
        ("practices", _("Practices")),
        ("lessons", _("Lessons")),
        ("partnerships", _("Partnerships")),
    ]
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int, empty_value=None)
    province = forms.ChoiceField(label=_("Province"), required=False)
    # Set by clicking a regency in the map's list (a hidden field: 500 regencies make no select).
    regency = forms.CharField(required=False, widget=forms.HiddenInput, max_length=13)
    sector = forms.ChoiceField(
        label=_("Partner sector"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    theme = forms.ChoiceField(label=_("Theme (DAC sector)"), required=False)
    kind = forms.ChoiceField(required=False, choices=KINDS)

    def __init__(self, *args, themes: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].choices = [("", _("All SDGs"))] + [
            (goal.number, f"{goal.number}. {goal.name}") for goal in SdgGoal.objects.all()
        ]
        self.fields["province"].choices = [("", _("All provinces"))] + list(
            Region.objects.filter(level=Region.Level.PROVINCE)
            .order_by("name")
            .values_list("code", "name")
        )
        labels = CodelistItem.objects.dac_sector_labels(themes)
        self.fields["theme"].choices = [("", _("All themes"))] + sorted(
            ((code, labels.get(code, code)) for code in themes),
            key=lambda choice: choice[1],
        )

    def clean_regency(self):
        code = self.cleaned_data["regency"]
        if code and not Region.objects.filter(level=Region.Level.REGENCY, code=code).exists():
            raise forms.ValidationError(_("No such regency."))
        return code

    def clean(self):
        data = super().clean()
        # A province chosen after a regency of another one: the province wins.
        province, regency = data.get("province"), data.get("regency")
        if province and regency and not regency.startswith(f"{province}."):
            data["regency"] = ""
        return data
