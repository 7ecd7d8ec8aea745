from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simitra.lib import uploads
from simitra.lib.forms import DateInput, ModelForm, SeenVersionMixin
from simitra.partnerships.models import Partner, PartnerStatus
from simitra.reference.models import CodelistItem

from .models import Category, Delivery, Pledge, PledgeStatus, ValuationMethod


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class PledgeForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Pledge
        fields = [
            "partner",
            "category",
            "description",
            "unit",
            "quantity",
            "estimated_value",
            "currency",
            "exchange_rate",
            "valuation_method",
            "valuation_note",
            "due_date",
            "paid_to",
        ]
        field_classes = {"partner": PartnerChoiceField, "paid_to": PartnerChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "category": forms.RadioSelect,
        }

    def __init__(self, *args, partnership, partners, **kwargs):
        """`partners`: the partners this user may pledge for (all confirmed partners for the
        coordinator, their own organisation's for a representative)."""
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["partner"].queryset = partners
        self.fields["partner"].empty_label = None if partners.count() == 1 else "—"
        self.fields["paid_to"].queryset = partnership.confirmed_partners()
        self.fields["category"].choices = Category.choices
        if not self.instance.pk:
            self.initial.setdefault("currency", partnership.currency)

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if not CodelistItem.objects.filter(codelist="Currency", code=code).exists():
            raise forms.ValidationError(_("Unknown currency: %(code)s."), params={"code": code})
        return code

    def clean(self):
        data = super().clean()
        currency, rate = data.get("currency"), data.get("exchange_rate")
        if currency and rate is not None:
            if currency == self.partnership.currency and rate != 1:
                self.add_error(
                    "exchange_rate",
                    _("The contribution is in the partnership's currency: the rate must be 1."),
                )
            if currency != self.partnership.currency and rate == 1:
                self.add_error(
                    "exchange_rate",
                    _("Give the rate to %(currency)s, so the value can be compared.")
                    % {"currency": self.partnership.currency},
                )
        method, value = data.get("valuation_method"), data.get("estimated_value")
        if method == ValuationMethod.NOT_VALUED and value:
            self.add_error(
                "estimated_value", _("A contribution not valued in money has no value: use 0.")
            )
        if method and method != ValuationMethod.NOT_VALUED and value is not None and value <= 0:
            self.add_error(
                "estimated_value",
                _("Give the estimated value, or choose “not valued in money” as the method."),
            )
        if data.get("paid_to") and data.get("paid_to") == data.get("partner"):
            self.add_error("paid_to", _("A partner cannot pay itself."))
        if data.get("paid_to") and data.get("category") != Category.SUPPORT:
            self.add_error(
                "paid_to", _("Only financial support can pay for another partner's services.")
            )
        return data


class DeliveryForm(ModelForm):
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, image or office document."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Delivery
        fields = ["delivered_on", "amount", "quantity", "note", "evidence_url"]
        widgets = {
            "delivered_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, pledge: Pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        self.fields["amount"].label = _("Value delivered (%(currency)s)") % {
            "currency": pledge.currency
        }
        self.initial.setdefault("delivered_on", timezone.localdate())
        if not pledge.unit:
            self.fields["quantity"].help_text = ""
        else:
            self.fields["quantity"].help_text = pledge.unit

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            uploads.validate_upload(upload, {uploads.PDF, *uploads.IMAGES, *uploads.OOXML})
        return upload

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A delivery cannot be dated in the future."))
        return day

    def clean(self):
        data = super().clean()
        if not data.get("evidence_file") and not data.get("evidence_url"):
            raise forms.ValidationError(_("Attach an evidence file or give a link to it."))
        if self.pledge.estimated_value > 0 and not data.get("amount"):
            self.add_error("amount", _("Give the value delivered."))
        return data

    def save(self, commit=True):
        delivery = super().save(commit=False)
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            delivery.evidence_name = upload.name[:200]
            delivery.evidence_file = upload
        if commit:
            delivery.save()
        return delivery


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PledgeFilterForm(forms.Form):
    partner = PartnerChoiceField(
        label=_("Partner"), queryset=Partner.objects.none(), required=False, empty_label=_("All")
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *PledgeStatus.choices]
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partnership.partners.exclude(
            status=PartnerStatus.REJECTED
        ).select_related("organisation")
