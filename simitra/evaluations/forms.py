from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from simitra.agreements.models import Agreement, AgreementKind
from simitra.lib.forms import DateInput, ModelForm
from simitra.partnerships.models import Partner, PartnerStatus
from simitra.planning.models import PlanVersion

from .models import ActionStatus, Evaluation, RevisionAction


def _plan_versions(partnership):
    return PlanVersion.objects.filter(partnership=partnership).order_by("-number")


def _version_label(version) -> str:
    return _("Version %(number)d of %(date)s") % {
        "number": version.number,
        "date": date_format(timezone.localtime(version.created_at)),
    }


class EvaluationForm(ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "title",
            "evaluator",
            "evaluated_on",
            "plan_version",
            "impact_narrative",
            "findings",
        ]
        widgets = {
            "evaluated_on": DateInput(),
            "impact_narrative": forms.Textarea(attrs={"rows": 6}),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = _("For example: Mid-term evaluation 2026.")
        versions = _plan_versions(partnership)
        self.fields["plan_version"].queryset = versions
        self.fields["plan_version"].label_from_instance = _version_label
        self.fields["plan_version"].empty_label = _("— none: judge by the current dates —")
        if not self.instance.pk and not self.is_bound and not self.initial.get("plan_version"):
            self.initial["plan_version"] = _agreed_version(partnership, versions)


def _agreed_version(partnership, versions):
    """The plan version the MoU was agreed with, else the first version."""
    agreed = (
        Agreement.objects.filter(
            partnership=partnership, kind=AgreementKind.MOU, plan_version__isnull=False
        )
        .order_by("version", "pk")
        .values_list("plan_version_id", flat=True)
        .first()
    )
    if agreed:
        return agreed
    first = versions.order_by("number").first()
    return first.pk if first else None


class RevisionActionForm(ModelForm):
    class Meta:
        model = RevisionAction
        fields = [
            "recommendation",
            "owner",
            "due_date",
            "status",
            "done_on",
            "plan_version",
            "amendment",
            "note",
        ]
        widgets = {
            "recommendation": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "done_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partnership, recommendation_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        owners = Partner.objects.filter(
            partnership=partnership, status=PartnerStatus.CONFIRMED
        ).select_related("organisation")
        if self.instance.pk:  # keep the current owner even if it has since withdrawn
            owners = owners | Partner.objects.filter(pk=self.instance.owner_id)
        self.fields["owner"].queryset = owners.order_by("organisation__name")
        self.fields["owner"].label_from_instance = lambda p: p.organisation.name
        self.fields["plan_version"].queryset = _plan_versions(partnership)
        self.fields["plan_version"].label_from_instance = _version_label
        self.fields["plan_version"].help_text = _(
            "When the recommendation changed the action plan: the version it made."
        )
        self.fields["amendment"].queryset = Agreement.objects.filter(
            partnership=partnership, amends__isnull=False
        ).order_by("-version", "-pk")
        self.fields["amendment"].help_text = _(
            "When it changed an agreement: the amendment (start one on the agreement's page)."
        )
        self.fields["done_on"].help_text = _("Filled in with today when left empty.")
        if recommendation_fixed:
            self.fields["recommendation"].disabled = True
            self.fields["recommendation"].help_text = _(
                "The evaluation is completed: its recommendations are fixed."
            )

    def clean(self):
        data = super().clean()
        # A done action has a date (today unless given); an action not done has none.
        if data.get("status") == ActionStatus.DONE:
            data["done_on"] = data.get("done_on") or timezone.localdate()
        else:
            data["done_on"] = None
        return data


class ActionFollowUpForm(forms.Form):
    """What the owner of an action may change: how it stands, with a note."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
