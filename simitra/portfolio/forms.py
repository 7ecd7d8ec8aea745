from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.early_warning.models import Level
from simitra.organisations.models import Sector
from simitra.partnerships.models import Phase
from simitra.reference.models import Region, SdgGoal


class PortfolioFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Region.objects.filter(level=1).order_by("name"),
        required=False,
        empty_label=_("All provinces"),
    )
    # Set by clicking a regency in the map's list (a hidden field: 500 regencies make no select).
    regency = forms.CharField(required=False, widget=forms.HiddenInput, max_length=13)
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

    def clean_regency(self):
        code = self.cleaned_data["regency"]
        if not code:
            return None
        regency = Region.objects.filter(level=Region.Level.REGENCY, code=code).first()
        if regency is None:
            raise forms.ValidationError(_("No such regency."))
        return regency

    def clean(self):
        data = super().clean()
        # A province chosen after a regency of another one: the province wins.
        province, regency = data.get("province"), data.get("regency")
        if province and regency and not regency.code.startswith(f"{province.code}."):
            data["regency"] = None
        return data
