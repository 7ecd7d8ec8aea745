import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simitra.lib import uploads
from simitra.lib.dates import add_months
from simitra.lib.forms import Form, ModelForm

from .documents import TemplateRefused, check_template
from .models import ReportSchedule, ReportTemplate, TemplateSection


def last_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last calendar quarter that has ended by `today` (what a quarterly report covers)."""
    first_of_this = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    start = add_months(first_of_this, -3)
    return start, first_of_this - dt.timedelta(days=1)


class ReportForm(Form):
    template = forms.ModelChoiceField(queryset=ReportTemplate.objects.none(), label=_("Template"))
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    period_start = forms.DateField(label=_("Period start"))
    period_end = forms.DateField(label=_("Period end"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReportTemplate.objects.usable_by(user)
        start, end = last_quarter(timezone.localdate())
        self.fields["period_start"].initial = start
        self.fields["period_end"].initial = end

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its start."))
        return data


class NarrativeForm(Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))


class ReturnForm(Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AssignForm(Form):
    partner = forms.ModelChoiceField(queryset=None, label=_("Written by"), required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partnership.confirmed_partners()


class TemplateCopyForm(Form):
    title = forms.CharField(label=_("Title of the copy"), max_length=200)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from simitra.organisations.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=user.organisation_ids()
        )


class TemplateForm(ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["title", "audience", "language", "period_kind"]
        labels = {
            "title": _("Title"),
            "audience": _("Audience"),
            "language": _("Language"),
            "period_kind": _("Period"),
        }


class TemplateSectionForm(ModelForm):
    class Meta:
        model = TemplateSection
        fields = ["kind", "title", "order"]
        labels = {"kind": _("Kind"), "title": _("Title"), "order": _("Order")}
        # A row of the sections' table: small controls, labelled by the table's head.
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "title": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "order": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
        }


SectionFormSet = forms.inlineformset_factory(
    ReportTemplate,
    TemplateSection,
    form=TemplateSectionForm,
    extra=1,
    can_delete=True,
)


class TemplateUploadForm(Form):
    file = forms.FileField(label=_("Word template (.docx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.validate_upload(upload, frozenset({uploads.DOCX}))
        upload.seek(0)
        data = upload.read()
        try:
            check_template(data)
        except TemplateRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        upload.seek(0)
        return upload


class ScheduleForm(ModelForm):
    class Meta:
        model = ReportSchedule
        fields = ["template", "cadence", "writer", "due_days", "remind_days"]

    def __init__(self, *args, user, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReportTemplate.objects.usable_by(user)
        self.fields["writer"].queryset = partnership.confirmed_partners()
        self.fields["writer"].help_text = _(
            "Writes the narrative sections of the first report; later reports keep the writers "
            "of the one before."
        )

    def clean(self):
        data = super().clean()
        due, remind = data.get("due_days"), data.get("remind_days")
        if due is not None and remind is not None and remind > due:
            self.add_error(
                "remind_days",
                _("The reminder must come on or after the period's end, before the due date."),
            )
        return data
