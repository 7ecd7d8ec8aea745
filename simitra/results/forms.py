from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import DateInput, ModelForm, SeenVersionMixin
from simitra.lib.uploads import validate_upload
from simitra.partnerships.models import Partner, PartnerStatus

from .models import (
    BeneficiaryGroup,
    Dimension,
    DimensionCategory,
    Indicator,
    IndicatorValue,
    Period,
    Result,
)


def period_label(period) -> str:
    return f"{date_format(period.start)} – {date_format(period.end)}"


class ResultForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Result
        fields = ["title", "description", "order"]
        labels = {"title": _("Result"), "description": _("Description"), "order": _("Order")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class IndicatorForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "result",
            "type",
            "title",
            "definition",
            "unit",
            "measure",
            "direction",
            "accumulation",
            "frequency",
            "baseline_value",
            "baseline_date",
            "code",
            "means_of_verification",
            "responsible_partner",
            "dimensions",
        ]
        labels = {
            "result": _("Result"),
            "type": _("Type"),
            "title": _("Title"),
            "definition": _("Definition"),
            "unit": _("Unit"),
            "measure": _("Measure"),
            "direction": _("Direction"),
            "accumulation": _("Values over time"),
            "frequency": _("Reporting frequency"),
            "baseline_value": _("Baseline value"),
            "baseline_date": _("Baseline date"),
            "code": _("SDG or national indicator code"),
            "means_of_verification": _("Means of verification"),
            "responsible_partner": _("Responsible partner"),
            "dimensions": _("Disaggregations"),
        }
        help_texts = {
            "code": _("Free text, e.g. 2.2.1 or 10.1.1.(f)."),
            "responsible_partner": _("Its representatives enter and submit the values."),
            "accumulation": _(
                "How a report adds the periods up: the latest level, or the sum of what each "
                "period added (percentages are never added)."
            ),
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "means_of_verification": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DateInput(),
            "dimensions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = Result.objects.filter(partnership=partnership)
        self.fields["responsible_partner"].queryset = Partner.objects.filter(
            partnership=partnership, status=PartnerStatus.CONFIRMED
        ).select_related("organisation")
        self.fields["responsible_partner"].label_from_instance = lambda p: p.organisation.name
        self.fields["dimensions"].queryset = Dimension.objects.filter(partnership=partnership)
        # Not asked of clients that predate it (the API, saved forms): the default then stays.
        self.fields["accumulation"].required = False

    def clean_accumulation(self):
        return (
            self.cleaned_data.get("accumulation")
            or (self.instance.accumulation if self.instance.pk else "")
            or Indicator.Accumulation.CUMULATIVE
        )

    def clean(self):
        data = super().clean()
        if data.get("measure") == Indicator.Measure.PERCENTAGE:
            baseline = data.get("baseline_value")
            if baseline is not None and not 0 <= baseline <= 100:
                self.add_error("baseline_value", _("A percentage lies between 0 and 100."))
        return data


class PeriodsForm(forms.Form):
    first_start = forms.DateField(label=_("First period starts on"), widget=DateInput())
    count = forms.IntegerField(label=_("Number of periods"), min_value=1, max_value=60)


class TargetsForm(forms.Form):
    """One target field per period of the indicator."""

    def __init__(self, *args, indicator, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = periods
        for period in periods:
            label = period_label(period)
            if indicator.is_qualitative:
                self.fields[f"target_{period.pk}"] = forms.CharField(
                    label=label, required=False, max_length=300, initial=period.target_text
                )
            else:
                self.fields[f"target_{period.pk}"] = forms.DecimalField(
                    label=label,
                    required=False,
                    max_digits=16,
                    decimal_places=2,
                    initial=period.target,
                    min_value=0 if indicator.measure == Indicator.Measure.PERCENTAGE else None,
                    max_value=100 if indicator.measure == Indicator.Measure.PERCENTAGE else None,
                )

    def targets(self):
        return [(period, self.cleaned_data[f"target_{period.pk}"]) for period in self.periods]


class ValueForm(ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["period", "category", "value", "text", "comment", "evidence"]
        labels = {
            "period": _("Period"),
            "category": _("Disaggregation category"),
            "value": _("Value"),
            "text": _("Qualitative value"),
            "comment": _("Comment"),
            "evidence": _("Evidence"),
        }
        help_texts = {
            "category": _("Leave empty for the value of the whole population."),
            "evidence": _("A document, photo or table that backs the value."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.ClearableFileInput,
        }

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period"].queryset = indicator.periods.order_by("start")
        self.fields["period"].error_messages["invalid_choice"] = _(
            "Choose one of this indicator's periods."
        )
        self.fields["period"].label_from_instance = period_label
        categories = DimensionCategory.objects.filter(
            dimension__in=indicator.dimensions.all()
        ).select_related("dimension")
        self.fields["category"].queryset = categories
        self.fields["category"].required = False
        self.fields["category"].empty_label = _("(whole population)")
        if not categories.exists():
            del self.fields["category"]
        if indicator.is_qualitative:
            del self.fields["value"]
            self.fields["text"].required = True
        else:
            del self.fields["text"]
            self.fields["value"].required = True
            if indicator.measure == Indicator.Measure.PERCENTAGE:
                self.fields["value"].min_value = Decimal(0)
                self.fields["value"].max_value = Decimal(100)
                self.fields["value"].validators += [
                    MinValueValidator(0),
                    MaxValueValidator(100),
                ]

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and hasattr(evidence, "content_type"):
            self.instance.evidence_content_type = validate_upload(evidence).content_type
        return evidence

    def clean(self):
        data = super().clean()
        period, category = data.get("period"), data.get("category")
        if period is not None and period.start > timezone.localdate():
            # Nothing can have been measured in a period that has not begun.
            self.add_error(
                "period",
                _("This period starts on %(day)s: a value can be entered once it has begun.")
                % {"day": date_format(period.start)},
            )
        elif period is not None and period.is_closed:
            self.add_error("period", Period.CLOSED_MESSAGE)
        elif period is not None:
            clash = IndicatorValue.objects.filter(period=period, category=category)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(
                    _("This period already has a value for this category; edit that one.")
                )
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the value returned?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class DimensionForm(forms.Form):
    name = forms.CharField(label=_("Disaggregation"), max_length=100, help_text=_("e.g. Sex"))
    categories = forms.CharField(
        label=_("Categories"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. Female and Male."),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Dimension.objects.filter(partnership=self.partnership, name__iexact=name).exists():
            raise forms.ValidationError(_("This partnership already has this disaggregation."))
        return name

    def clean_categories(self):
        names = []
        for line in self.cleaned_data["categories"].splitlines():
            line = line.strip()[:100]
            if line and line.lower() not in {n.lower() for n in names}:
                names.append(line)
        if len(names) < 2:
            raise forms.ValidationError(_("Give at least two categories, one per line."))
        return names


class BeneficiaryGroupForm(ModelForm):
    """The group's totals plus planned and reached counts for each disaggregation category."""

    class Meta:
        model = BeneficiaryGroup
        fields = ["name", "description", "planned", "reached"]
        labels = {
            "name": _("Target group"),
            "description": _("Description"),
            "planned": _("Planned (total)"),
            "reached": _("Reached (total)"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        existing = {}
        if self.instance.pk:
            existing = {c.category_id: c for c in self.instance.counts.all()}
        for category in self.categories:
            count = existing.get(category.pk)
            for kind, label in (("planned", _("planned")), ("reached", _("reached"))):
                self.fields[f"{kind}_{category.pk}"] = forms.IntegerField(
                    label=f"{category.dimension.name}: {category.name} — {label}",
                    required=False,
                    min_value=0,
                    initial=getattr(count, kind, None),
                )

    def clean(self):
        data = super().clean()
        by_dimension: dict[str, dict[str, int]] = {}
        for category in self.categories:
            sums = by_dimension.setdefault(category.dimension.name, {"planned": 0, "reached": 0})
            for kind in ("planned", "reached"):
                sums[kind] += data.get(f"{kind}_{category.pk}") or 0
        for dimension, sums in by_dimension.items():
            for kind, label in (("planned", _("planned")), ("reached", _("reached"))):
                total = data.get(kind)
                if total is not None and sums[kind] > total:
                    raise forms.ValidationError(
                        _(
                            "The %(kind)s counts by %(dimension)s add up to %(sum)d, more than "
                            "the total of %(total)d."
                        )
                        % {"kind": label, "dimension": dimension, "sum": sums[kind], "total": total}
                    )
        return data

    def category_counts(self):
        return [
            (
                category,
                self.cleaned_data.get(f"planned_{category.pk}"),
                self.cleaned_data.get(f"reached_{category.pk}"),
            )
            for category in self.categories
        ]
