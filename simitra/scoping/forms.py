from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.accounts.forms import UserLookupField
from simitra.lib.forms import DateInput, ModelForm, SeenVersionMixin
from simitra.lib.uploads import accept, validate_upload
from simitra.organisations.forms import OrganisationField
from simitra.organisations.models import Organisation, Sector
from simitra.partnerships.models import Partner, PartnerStatus, PersonRole, RoleLevel
from simitra.reference.models import Region, SdgGoal

from .assessment import CRITERIA, CRITERION_LABELS, GUIDANCE
from .models import (
    Answer,
    Evidence,
    Need,
    ProblemNode,
    ProblemStatement,
    Relationship,
    SolutionOption,
    Stakeholder,
)


def partner_organisations(partnership):
    """The organisations that may be recorded as proposing an idea: the partnership's
    partners, whatever their stage, except those withdrawn."""
    return Organisation.objects.filter(
        pk__in=Partner.objects.filter(partnership=partnership)
        .exclude(status__in=PartnerStatus.not_taking_part())
        .values("organisation_id")
    ).order_by("name")


class RecordForm(ModelForm):
    """A ModelForm for a record of one partnership: the proposer is chosen among its partners."""

    def __init__(self, *args, partnership, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        if "proposed_by" in self.fields:
            organisations = partner_organisations(partnership)
            self.fields["proposed_by"].queryset = organisations
            self.fields["proposed_by"].empty_label = _("(not recorded)")
            self.fields["proposed_by"].help_text = _(
                "The partner whose idea this is: co-creation is measured from it."
            )
            if not self.instance.pk and user is not None:
                own = [o.pk for o in organisations if o.pk in user.organisation_ids()]
                if own:
                    self.initial.setdefault("proposed_by", own[0])

    def save(self, commit=True):
        record = super().save(commit=False)
        record.partnership = self.partnership
        if commit:
            record.save()
            self.save_m2m()
        return record


class ProblemStatementForm(SeenVersionMixin, RecordForm):
    class Meta:
        model = ProblemStatement
        fields = ["core_problem", "statement", "proposed_by"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 5})}


class ProblemNodeForm(SeenVersionMixin, RecordForm):
    class Meta:
        model = ProblemNode
        fields = ["kind", "text", "parent", "position", "proposed_by", "evidence"]
        widgets = {"evidence": forms.CheckboxSelectMultiple, "kind": forms.RadioSelect}
        help_texts = {
            "parent": _(
                "Leave empty for a direct cause or effect of the core problem; pick a cause to "
                "add a deeper cause under it, or an effect to add a further effect."
            ),
            "position": _("Order within its row, from left to right."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = ProblemNode.objects.filter(partnership=self.partnership)
        if self.instance.pk:
            nodes = nodes.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = nodes.order_by("kind", "position", "pk")
        self.fields["parent"].label_from_instance = lambda node: (
            f"{node.get_kind_display()}: {node.text}"
        )
        self.fields["evidence"].queryset = Evidence.objects.filter(partnership=self.partnership)

    def clean(self):
        data = super().clean()
        parent, kind = data.get("parent"), data.get("kind")
        if parent and kind and parent.kind != kind:
            self.add_error(
                "parent",
                _("A cause hangs on a cause, an effect on an effect (or leave it empty)."),
            )
        if parent and self.instance.pk:
            node, seen = parent, set()
            while node is not None and node.pk not in seen:
                if node.pk == self.instance.pk:
                    self.add_error("parent", _("An element cannot hang on its own branch."))
                    break
                seen.add(node.pk)
                node = node.parent
        return data


class EvidenceForm(RecordForm):
    """A link or a file is required: the fields' help says so beforehand, and the model's
    constraint answers in words (`LINK_OR_FILE`) when both are missing."""

    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Evidence._meta.get_field("url").help_text,
    )
    problem_nodes = forms.ModelMultipleChoiceField(
        label=_("Supports these causes and effects"),
        queryset=ProblemNode.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Supports these needs"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Evidence
        fields = ["title", "publisher", "year", "figure", "url", "file", "supports_problem"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": accept()})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_nodes"].queryset = ProblemNode.objects.filter(
            partnership=self.partnership
        )
        self.fields["needs"].queryset = Need.objects.filter(partnership=self.partnership)
        self.fields["needs"].label_from_instance = lambda need: need.description[:120]
        if self.instance.pk:
            self.initial.setdefault("problem_nodes", self.instance.problem_nodes.all())
            self.initial.setdefault("needs", self.instance.needs.all())
        self.content_type = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.content_type = validate_upload(upload).content_type
        return upload

    def save(self, commit=True):
        evidence = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if self.content_type:
            evidence.file_name = upload.name[:200]
            evidence.file_type = self.content_type
        elif not upload:
            evidence.file_name = evidence.file_type = ""
        evidence.save()
        evidence.problem_nodes.set(self.cleaned_data["problem_nodes"])
        evidence.needs.set(self.cleaned_data["needs"])
        return evidence


class NeedForm(SeenVersionMixin, RecordForm):
    declaration = forms.BooleanField(
        label=_(
            "I have declared above whether personal ambition, institutional interest or outside "
            "pressure drives this need."
        ),
        error_messages={"required": _("Declare what drives this need before saving it.")},
    )

    class Meta:
        model = Need
        fields = [
            "description",
            "affected_group",
            "affected_size",
            "priority",
            "evidence",
            "proposed_by",
            "driven_by_ambition",
            "driven_by_institution",
            "driven_by_pressure",
            "driver_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "driver_note": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.CheckboxSelectMultiple,
        }
        labels = {
            "driven_by_ambition": _("Driven by personal ambition"),
            "driven_by_institution": _("Driven by institutional interest"),
            "driven_by_pressure": _("Driven by pressure from outside parties"),
        }
        help_texts = {
            "evidence": _(
                "A need without evidence is flagged unverified. Add sources on the evidence page."
            ),
            "driver_note": _(
                "Explain any driver you ticked; it flags the need as a possible wish."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Evidence.objects.filter(partnership=self.partnership)

    def clean(self):
        data = super().clean()
        ticked = any(
            data.get(f)
            for f in ("driven_by_ambition", "driven_by_institution", "driven_by_pressure")
        )
        if ticked and not (data.get("driver_note") or "").strip():
            self.add_error("driver_note", _("Explain the driver you declared."))
        return data


class SolutionOptionForm(SeenVersionMixin, RecordForm):
    class Meta:
        model = SolutionOption
        fields = ["title", "description", "causes", "proposed_by", "chosen", "choice_reason"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "choice_reason": forms.Textarea(attrs={"rows": 2}),
            "causes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["causes"].queryset = ProblemNode.objects.filter(
            partnership=self.partnership, kind=ProblemNode.Kind.CAUSE
        )

    def clean(self):
        data = super().clean()
        if data.get("chosen") and not (data.get("choice_reason") or "").strip():
            self.add_error("choice_reason", _("Say why this option is chosen."))
        if not data.get("chosen"):
            data["choice_reason"] = (data.get("choice_reason") or "").strip()
        return data


class SuitabilityForm(forms.Form):
    single_actor = forms.ChoiceField(
        label=_("Can one actor solve the problem alone?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    shared_interest = forms.ChoiceField(
        label=_("Do the parties share an interest in solving it?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    complementary = forms.ChoiceField(
        label=_("Does each party bring something the others lack?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    contract_enough = forms.ChoiceField(
        label=_("Would a contract (buying a service) be enough?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        help_text=_("Leave empty to match the problem statement, its causes and the needs."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    capability = forms.CharField(label=_("Capability"), required=False)
    region = forms.CharField(
        label=_("Region code"),
        required=False,
        help_text=_("A province also finds organisations in its regencies and districts."),
    )
    sdg = forms.ModelChoiceField(
        label=_("SDG"), queryset=SdgGoal.objects.all(), required=False, empty_label=_("All SDGs")
    )

    def clean_region(self):
        code = self.cleaned_data["region"].strip()
        if code and not Region.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("Unknown region code: %(code)s. Use Kemendagri codes such as 53.02."),
                params={"code": code},
            )
        return code


class CandidateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), widget=forms.HiddenInput
    )
    rationale = forms.CharField(
        label=_("Why this candidate"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why this organisation is a candidate.")},
    )


class DeclarationForm(forms.Form):
    conflicted = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this candidate?"),
        choices=[("no", _("No, I have none")), ("yes", _("Yes, I have one"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "For example: you work or worked for it, a relative does, you sit on its board, or "
            "you or your organisation gain from its selection."
        ),
    )
    note = forms.CharField(
        label=_("Describe the conflict"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("conflicted") and not (data.get("note") or "").strip():
            self.add_error("note", _("Describe the conflict of interest."))
        return data


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ScoresForm(forms.Form):
    """Four criteria, each a score 1–5 and its evidence. A draft may be partial; submitting
    needs all four."""

    def __init__(self, *args, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        for criterion in CRITERIA:
            self.fields[f"{criterion}_score"] = forms.TypedChoiceField(
                label=CRITERION_LABELS[criterion],
                choices=SCORE_CHOICES,
                coerce=int,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "score-choice"}),
            )
            self.fields[f"{criterion}_evidence"] = forms.CharField(
                label=_("Evidence for this score"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if criterion in scores:
                self.initial[f"{criterion}_score"] = scores[criterion].score
                self.initial[f"{criterion}_evidence"] = scores[criterion].evidence

    def groups(self):
        return [
            {
                "criterion": criterion,
                "label": CRITERION_LABELS[criterion],
                "guidance": GUIDANCE[criterion],
                "score": self[f"{criterion}_score"],
                "evidence": self[f"{criterion}_evidence"],
            }
            for criterion in CRITERIA
        ]

    def clean(self):
        data = super().clean()
        submit = "submit" in self.data
        self.scores = {}
        for criterion in CRITERIA:
            score = data.get(f"{criterion}_score")
            evidence = (data.get(f"{criterion}_evidence") or "").strip()
            if score and not evidence:
                self.add_error(f"{criterion}_evidence", _("Give the evidence for this score."))
            elif evidence and not score:
                self.add_error(f"{criterion}_score", _("Choose a score from 1 to 5."))
            elif score and evidence:
                self.scores[criterion] = (score, evidence)
            elif submit:
                self.add_error(f"{criterion}_score", _("Score this criterion to submit."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm as partner")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for the decision.")},
    )


class RelationshipForm(SeenVersionMixin, RecordForm):
    person = UserLookupField(
        label=_("Person (username or e-mail)"),
        help_text=_("The person whose tie this is, e.g. an assessor."),
        active_only=True,
        not_found=_("No active user with this username or e-mail."),
    )
    organisation = OrganisationField(label=_("Organisation"))

    class Meta:
        model = Relationship
        fields = ["person", "organisation", "kind", "description", "started_on", "ended_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "started_on": DateInput(),
            "ended_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["person"] = self.instance.person.username

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end cannot come before the start."))
        if (
            data.get("kind") == Relationship.Kind.OTHER
            and not (data.get("description") or "").strip()
        ):
            self.add_error("description", _("Describe the tie."))
        return data


class StakeholderForm(SeenVersionMixin, RecordForm):
    organisation = OrganisationField(
        label=_("Organisation"),
        required=False,
        help_text=_(
            "Type part of the name and pick it from the list; or leave it empty and name a group below."
        ),
    )

    class Meta:
        model = Stakeholder
        fields = ["organisation", "group_name", "interest", "influence", "approach"]
        widgets = {
            "interest": forms.Select(choices=SCORE_CHOICES),
            "influence": forms.Select(choices=SCORE_CHOICES),
            "approach": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "group_name": _("e.g. “Fishers of Bima Bay”, “Village heads of Mollo”."),
            "interest": _("How much the problem and its solution matter to them."),
            "influence": _("How much they can advance or block the partnership."),
        }

    def clean(self):
        data = super().clean()
        organisation, group = data.get("organisation"), (data.get("group_name") or "").strip()
        if organisation and group:
            self.add_error("group_name", _("Choose an organisation or name a group, not both."))
        elif not organisation and not group and "organisation" not in self.errors:
            self.add_error("group_name", _("Choose an organisation or name a group."))
        data["group_name"] = group
        return data


class PersonRoleForm(ModelForm):
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Partner.objects.none()
    )

    class Meta:
        model = PersonRole
        fields = ["partner", "person_name", "level", "title", "responsibilities", "started_on"]
        labels = {
            "person_name": _("Person"),
            "level": _("Level"),
            "title": _("Role title"),
            "responsibilities": _("Responsibilities"),
            "started_on": _("From"),
        }
        widgets = {"started_on": DateInput(), "responsibilities": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = (
            Partner.objects.filter(partnership=partnership)
            .exclude(status__in=PartnerStatus.not_taking_part())
            .select_related("organisation")
            .order_by("organisation__name")
        )
        self.fields["partner"].label_from_instance = lambda partner: partner.organisation.name
        self.fields["level"].choices = RoleLevel.choices


class RoleChangeForm(forms.Form):
    level = forms.ChoiceField(label=_("New level"), choices=RoleLevel.choices)
    title = forms.CharField(label=_("New role title"), max_length=200)
    responsibilities = forms.CharField(
        label=_("Responsibilities"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    changed_on = forms.DateField(label=_("From"), widget=DateInput())


class RoleEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day in the role"), widget=DateInput())
