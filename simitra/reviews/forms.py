from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from simitra.agreements.models import Agreement, AgreementKind
from simitra.lib.forms import ModelForm
from simitra.organisations.models import Sector
from simitra.partnerships.models import Partner, PartnerStatus, Phase
from simitra.planning.models import PlanVersion
from simitra.reference.models import Region, SdgGoal

from .models import ActionStatus, Evaluation, HealthCheckRound, RevisionAction
from .models.warnings import Level
from .questionnaire import GROUPS, SCALE

DATE = {"type": "date"}


class RoundForm(ModelForm):
    class Meta:
        model = HealthCheckRound
        fields = ["title", "due_date", "anonymous", "introduction"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = _("For example: Health check, mid-2025.")


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your own question"),
        max_length=500,
        help_text=_("A statement partners rate from 1 (strongly disagree) to 5 (strongly agree)."),
        widget=forms.TextInput(),
    )


class AnswerForm(forms.Form):
    """One score (1–5) and an optional comment per question of the round, grouped as the
    questionnaire groups them; a partner picker when the person represents several partners."""

    def __init__(self, *args, questions, partners, response=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        if len(partners) > 1:
            self.fields["partner"] = forms.ModelChoiceField(
                label=_("You answer for"),
                queryset=Partner.objects.filter(pk__in=[p.pk for p in partners]).select_related(
                    "organisation"
                ),
                empty_label=None,
            )
            self.fields["partner"].label_from_instance = lambda p: p.organisation.name
        self.single_partner = partners[0] if len(partners) == 1 else None
        given = {}
        if response is not None:
            given = {a.question_id: a for a in response.answers.all()}
        for question in self.questions:
            previous = given.get(question.pk)
            self.fields[f"score_{question.pk}"] = forms.TypedChoiceField(
                label=question.statement,
                choices=[(n, format_lazy("{} · {}", n, label)) for n, label in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                initial=previous.score if previous else None,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=2000,
                initial=previous.comment if previous else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def groups(self):
        """[(group title, [(question, score field, comment field), …]), …] for the template."""
        by_dimension = {q.dimension: q for q in self.questions if q.dimension}
        own = [q for q in self.questions if not q.dimension]
        grouped = []
        for title, dimensions in GROUPS:
            items = [by_dimension[d] for d in dimensions if d in by_dimension]
            if items:
                grouped.append((title, [self._item(q) for q in items]))
        if own:
            grouped.append((_("Questions of this round"), [self._item(q) for q in own]))
        return grouped

    def _item(self, question):
        return (question, self[f"score_{question.pk}"], self[f"comment_{question.pk}"])

    def chosen_partner(self):
        return self.cleaned_data.get("partner") or self.single_partner

    def answers(self) -> dict[int, tuple[int, str]]:
        return {
            q.pk: (self.cleaned_data[f"score_{q.pk}"], self.cleaned_data[f"comment_{q.pk}"])
            for q in self.questions
        }


def _plan_versions(partnership):
    return PlanVersion.objects.filter(partnership=partnership).order_by("-number")


def _version_label(version) -> str:
    return _("Version %(number)d of %(date)s") % {
        "number": version.number,
        "date": date_format(timezone.localtime(version.created_at), "j M Y"),
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
            "evaluated_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
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
            "due_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "done_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
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


class PortfolioFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Region.objects.filter(level=1).order_by("name"),
        required=False,
        empty_label=_("All provinces"),
    )
    sdg = forms.ModelChoiceField(
        label=_("SDG"), queryset=SdgGoal.objects.all(), required=False, empty_label=_("All SDGs")
    )
    sector = forms.ChoiceField(
        label=_("Partner sector"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        required=False,
        coerce=int,
        choices=[("", _("All phases")), *Phase.choices],
    )
    level = forms.ChoiceField(
        label=_("Warning"),
        required=False,
        choices=[("", _("All levels")), *Level.choices, ("closed", _("Ended"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].label_from_instance = lambda region: region.name
        self.fields["sdg"].label_from_instance = lambda goal: f"{goal.number}. {goal.name}"


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
