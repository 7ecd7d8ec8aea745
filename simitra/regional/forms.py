from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import Form, ModelForm
from simitra.lib.uploads import XLSX, accept, validate_upload
from simitra.organisations.models import Sector
from simitra.reference.models import Region, SdgGoal

from .models import Alignment, CsrCommitment, CsrRealisation, Plan, PlanItem


class RegionFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(
        label=_("Partner sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    sdg = forms.ModelChoiceField(
        label=_("SDG"), queryset=SdgGoal.objects.all(), required=False, empty_label=_("All SDGs")
    )

    # Set by clicking an area of the map: a province or regency code (kept by the filter form).
    province = forms.RegexField(regex=r"^\d{2}$", required=False, widget=forms.HiddenInput)
    regency = forms.RegexField(regex=r"^\d{2}\.\d{2}$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in plan.years]
        self.fields["sdg"].label_from_instance = lambda goal: f"{goal.number}. {goal.name}"


class PlanImportForm(Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.filter(level__lte=2).order_by("code")
    )
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=Plan.Kind.choices)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=250)
    source = forms.CharField(
        label=_("Source"),
        max_length=400,
        required=False,
        help_text=_("The regulation or document the plan is taken from."),
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": accept({XLSX})}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, {XLSX})
        return upload

    def clean(self):
        data = super().clean()
        region, kind = data.get("region"), data.get("kind")
        start, end = data.get("start_year"), data.get("end_year")
        if region and not self.user.has_perm("regional.import_plan", region):
            self.add_error("region", _("You may not import a plan for this region."))
        if start and end:
            if end < start:
                self.add_error("end_year", _("The last year comes before the first."))
            elif kind == Plan.Kind.RKPD and end != start:
                self.add_error("end_year", _("An RKPD covers one year."))
            elif kind == Plan.Kind.RPJMD and end - start != 4:
                self.add_error("end_year", _("An RPJMD covers five years."))
        if (
            region
            and kind
            and start
            and Plan.objects.filter(region=region, kind=kind, start_year=start).exists()
        ):
            raise ValidationError(_("This region already has this plan for these years."))
        return data


class AlignmentForm(ModelForm):
    class Meta:
        model = Alignment
        fields = ["item", "activity", "indicator", "district", "year", "amount"]

    def __init__(self, *args, partnership, plans, **kwargs):
        super().__init__(*args, **kwargs)
        from simitra.planning.models import Activity
        from simitra.results.models import Indicator

        self.partnership = partnership
        self.plans = plans
        self.fields["item"].queryset = (
            PlanItem.objects.filter(plan__in=plans).select_related("plan").order_by("plan", "code")
        )
        self.fields["item"].label_from_instance = lambda i: f"{i.code} {i.name}"
        self.fields["activity"].queryset = Activity.objects.filter(partnership=partnership)
        self.fields["indicator"].queryset = Indicator.objects.filter(partnership=partnership)
        regions = [r.code for r in partnership.regions.all()]
        district_q = Region.objects.none()
        for code in regions:
            district_q = district_q | Region.objects.within(code).filter(level=3)
        self.fields["district"].queryset = district_q.order_by("code")
        self.fields["district"].label_from_instance = lambda r: f"{r.code} {r.name}"
        self.fields["district"].help_text = _(
            "Where the partnership works on this item; needed to find overlaps."
        )

    def clean(self):
        data = super().clean()
        item, district, year = data.get("item"), data.get("district"), data.get("year")
        if item and district:
            region = item.plan.region_id
            if not (district.code == region or district.code.startswith(f"{region}.")):
                self.add_error("district", _("The district is not in the plan's region."))
        if item and year and year not in item.plan.years:
            self.add_error("year", _("The year is not in the plan's period."))
        return data


class CsrCommitmentForm(ModelForm):
    class Meta:
        model = CsrCommitment
        fields = ["organisation", "region", "year", "amount", "partnership", "item", "report_due"]

    def __init__(self, *args, user, companies, **kwargs):
        super().__init__(*args, **kwargs)
        from simitra.partnerships.models import Partnership

        self.fields["organisation"].queryset = companies
        self.fields["region"].queryset = Region.objects.filter(level__lte=2).order_by("code")
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"
        self.fields["partnership"].queryset = Partnership.objects.visible_to(user).order_by("code")
        self.fields["item"].queryset = PlanItem.objects.filter(level__gte=3).order_by(
            "plan", "code"
        )
        self.fields["item"].label_from_instance = lambda i: f"{i.code} {i.name}"

    def clean(self):
        data = super().clean()
        region, item = data.get("region"), data.get("item")
        if region and item and not _within(item.plan.region_id, region.code):
            self.add_error("item", _("The programme is not of a plan of this region."))
        return data


def _within(a: str, b: str) -> bool:
    return a == b or a.startswith(f"{b}.") or b.startswith(f"{a}.")


class CsrRealisationForm(ModelForm):
    class Meta:
        model = CsrRealisation
        fields = ["amount", "programme", "district", "beneficiaries", "reported_on"]

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.fields["district"].queryset = Region.objects.within(commitment.region_id).filter(
            level=3
        )
        self.fields["district"].label_from_instance = lambda r: f"{r.code} {r.name}"
