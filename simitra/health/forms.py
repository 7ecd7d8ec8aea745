from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import DateInput, ModelForm
from simitra.partnerships.models import Partner

from .models import HealthCheckRound
from .questionnaire import GROUPS, SCALE


class RoundForm(ModelForm):
    class Meta:
        model = HealthCheckRound
        fields = ["title", "due_date", "anonymous", "introduction"]
        widgets = {
            "due_date": DateInput(),
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
