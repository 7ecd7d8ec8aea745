from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simitra.lib import uploads
from simitra.lib.forms import DateInput, ModelForm, SeenVersionMixin
from simitra.partnerships.models import Partner

from .models import Agreement, AgreementKind, AgreementSection


class PartiesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.organisation.name


class AgreementForm(SeenVersionMixin, ModelForm):
    parties = PartiesField(
        label=_("Parties"),
        queryset=Partner.objects.none(),
        help_text=_("An MoU binds every confirmed partner; a PKS binds the partners it concerns."),
    )

    class Meta:
        model = Agreement
        fields = ["kind", "title", "number", "language", "place"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.confirmed = partnership.confirmed_partners()
        self.fields["parties"].queryset = self.confirmed
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Left empty, it is written from the partnership.")
        if self.instance.pk:
            self.fields.pop("kind")
            self.initial["parties"] = [p.partner_id for p in self.instance.parties.all()]
        else:
            self.initial.setdefault("kind", AgreementKind.MOU)
            self.initial.setdefault("parties", list(self.confirmed))

    def clean(self):
        data = super().clean()
        parties = data.get("parties")
        kind = data.get("kind") or getattr(self.instance, "kind", None)
        if parties is not None:
            if len(parties) < 2:
                self.add_error("parties", _("An agreement needs at least two parties."))
            elif kind == AgreementKind.MOU and set(parties) != set(self.confirmed):
                self.add_error("parties", _("The MoU is between every confirmed partner."))
        return data


class SectionForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = AgreementSection
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        labels = {"body": _("Text")}
        help_texts = {
            "body": _("One paragraph per line. Text in […] is a placeholder still to fill in.")
        }


class SignForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signatory's name"), max_length=200)
    signatory_title = forms.CharField(
        label=_("Signatory's title"), max_length=200, help_text=_("e.g. Kepala Dinas, Direktur")
    )
    signed_on = forms.DateField(label=_("Date signed"), widget=DateInput())
    scan = forms.FileField(
        label=_("Signed scan (optional)"),
        required=False,
        help_text=_("PDF or image (PNG, JPEG)."),
    )

    def clean_signed_on(self):
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A signature cannot be dated in the future."))
        return day

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            uploads.validate_upload(scan, {uploads.PDF, *uploads.IMAGES})
        return scan


class InForceForm(forms.Form):
    effective_date = forms.DateField(label=_("In force from"), widget=DateInput())


class TerminateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label=_("Terminated on"), widget=DateInput())


class RelationshipForm(forms.Form):
    relationship = forms.ChoiceField(label=_("Relationship"), choices=Partner.Relationship.choices)
