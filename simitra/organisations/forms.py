from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.accounts.forms import UserLookupField
from simitra.lib.forms import SEARCH_MAX, ModelForm
from simitra.reference.fields import RegionCodesField
from simitra.reference.models import SdgGoal

from .models import Capability, Organisation, Sector


class OrganisationForm(ModelForm):
    regions = RegionCodesField(
        label=_("Regions of work"),
        required=False,
        help_text=_(
            "One region per box: type a name (Nusa Tenggara Timur, Kota Kupang) or a "
            "Kemendagri code (53, 53.71) and pick from the suggestions."
        ),
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDG focus"),
        queryset=SdgGoal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    capability_names = forms.CharField(
        label=_("Capabilities"),
        required=False,
        help_text=_("Short tags separated by commas, e.g. nutrition, clean water, training."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "sector",
            "iati_type",
            "iati_identifier",
            "description",
            "expertise",
            "website",
            "email",
            "phone",
            "address",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "expertise": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("regions", self.instance.regions.all())
            self.initial.setdefault(
                "capability_names", ", ".join(c.name for c in self.instance.capabilities.all())
            )

    def clean_iati_type(self):
        from simitra.reference.models import CodelistItem

        code = self.cleaned_data["iati_type"].strip()
        if (
            code
            and not CodelistItem.objects.filter(codelist="OrganisationType", code=code).exists()
        ):
            raise forms.ValidationError(
                _("Unknown IATI organisation type: %(code)s."), params={"code": code}
            )
        return code

    def clean_iati_identifier(self):
        identifier = self.cleaned_data["iati_identifier"].strip()
        if (
            identifier
            and Organisation.objects.filter(iati_identifier=identifier)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("Another organisation already uses this IATI identifier.")
            )
        return identifier

    def save_relations(self, organisation: Organisation) -> None:
        organisation.regions.set(self.cleaned_data["regions"])
        organisation.sdg_goals.set(self.cleaned_data["sdg_goals"])
        names = [n.strip() for n in self.cleaned_data["capability_names"].split(",") if n.strip()]
        organisation.capabilities.set(Capability.from_names(names))


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    region = forms.CharField(label=_("Region code"), required=False)
    sdg = forms.ModelChoiceField(
        label=_("SDG"), queryset=SdgGoal.objects.all(), required=False, empty_label=_("All SDGs")
    )


class AddMemberForm(forms.Form):
    username = UserLookupField(label=_("Username or e-mail"))
    position = forms.CharField(label=_("Position"), required=False)
    is_admin = forms.BooleanField(label=_("Organisation admin"), required=False)
