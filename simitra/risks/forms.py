from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import DateInput, ModelForm, SeenVersionMixin
from simitra.partnerships.models import Partner, PartnerStatus

from .models import LossEvent, Risk, RiskCategory
from .services import check_shares


def confirmed_partners(partnership):
    return (
        Partner.objects.filter(partnership=partnership, status=PartnerStatus.CONFIRMED)
        .select_related("organisation")
        .order_by("organisation__name")
    )


class RiskForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Risk
        fields = [
            "category",
            "title",
            "description",
            "cause",
            "likelihood",
            "impact",
            "owner",
            "mitigation",
            "contingency",
            "review_date",
            "status",
        ]
        labels = {
            "category": _("Category"),
            "title": _("Risk"),
            "description": _("Description"),
            "cause": _("Cause"),
            "likelihood": _("Likelihood (1–5)"),
            "impact": _("Impact (1–5)"),
            "owner": _("Owner partner"),
            "mitigation": _("Mitigation"),
            "contingency": _("Contingency"),
            "review_date": _("Review date"),
            "status": _("Status"),
        }
        help_texts = {
            "likelihood": _("1 rare · 2 unlikely · 3 possible · 4 likely · 5 almost certain"),
            "impact": _("1 negligible · 2 minor · 3 moderate · 4 major · 5 severe"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "contingency": forms.Textarea(attrs={"rows": 2}),
            "review_date": DateInput(),
            "likelihood": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "impact": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        RiskCategory.ensure_builtins()
        self.fields["category"].queryset = RiskCategory.objects.filter(
            Q(partnership__isnull=True) | Q(partnership=partnership)
        )
        self.fields["owner"].queryset = confirmed_partners(partnership)
        self.fields["owner"].label_from_instance = lambda p: p.organisation.name


class CategoryForm(ModelForm):
    class Meta:
        model = RiskCategory
        fields = ["name"]
        labels = {"name": _("Name of the category")}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        # Only a built-in category goes without a name (it is named by its code).
        self.fields["name"].required = True

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if RiskCategory.objects.filter(partnership=self.partnership, name__iexact=name).exists():
            raise forms.ValidationError(_("This partnership already has this category."))
        return name


class SharesForm(forms.Form):
    """One percentage per confirmed partner; together exactly 100 %."""

    def __init__(self, *args, partners, initial_shares=None, with_notes=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(partners)
        initial_shares = initial_shares or {}
        self.with_notes = with_notes
        for partner in self.partners:
            self.fields[f"share_{partner.pk}"] = forms.DecimalField(
                label=partner.organisation.name,
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                initial=initial_shares.get(partner.pk),
                widget=forms.NumberInput(attrs={"step": "0.01"}),
            )
            if with_notes:
                self.fields[f"note_{partner.pk}"] = forms.CharField(
                    label=_("What %(partner)s carried") % {"partner": partner.organisation.name},
                    required=False,
                    max_length=250,
                )

    def shares(self) -> dict:
        return {p: self.cleaned_data.get(f"share_{p.pk}") for p in self.partners}

    def notes(self) -> dict:
        return {p: self.cleaned_data.get(f"note_{p.pk}", "") for p in self.partners}

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                check_shares(self.shares())
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return data


class LossForm(ModelForm):
    class Meta:
        model = LossEvent
        fields = [
            "occurred_on",
            "description",
            "moral_loss",
            "material_value",
            "material_description",
        ]
        labels = {
            "occurred_on": _("Occurred on"),
            "description": _("What happened"),
            "moral_loss": _("Moral loss"),
            "material_value": _("Material loss (value)"),
            "material_description": _("Material loss"),
        }
        help_texts = {"moral_loss": _("Reputation, trust, relationships.")}
        widgets = {
            "occurred_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "moral_loss": forms.Textarea(attrs={"rows": 2}),
            "material_description": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if not data.get("moral_loss") and data.get("material_value") is None:
            raise forms.ValidationError(
                _("Describe the moral loss, give the material value, or both.")
            )
        return data
