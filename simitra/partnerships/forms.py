from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.accounts.forms import UserLookupField
from simitra.lib.forms import SEARCH_MAX, DateInput, ModelForm, SeenVersionMixin
from simitra.organisations.forms import OrganisationField
from simitra.reference.fields import DacSectorField, RegionCodesField, SdgTargetCodesField
from simitra.reference.models import CodelistItem, SdgGoal

from .models import Partner, Partnership, PartnerStatus, Phase


class PartnershipForm(SeenVersionMixin, ModelForm):
    regions = RegionCodesField(
        label=_("Regions"),
        required=False,
        help_text=_(
            "One region per box: type a name (Kota Kupang) or a Kemendagri code (53.71) and "
            "pick from the suggestions. Save to get more boxes."
        ),
    )
    sdg_targets = SdgTargetCodesField(
        label=_("SDG targets"),
        required=False,
        help_text=_(
            "One target per box: type a code (2.2) or words of the target (stunting, clean "
            "water) and pick from the suggestions."
        ),
    )

    dac_sector = DacSectorField(
        label=_("Sector (DAC)"),
        required=False,
        help_text=_(
            "Type words of the sector's name (air minum, gizi, waste) or its 5-digit DAC code "
            "(14030) and pick from the suggestions."
        ),
    )

    class Meta:
        model = Partnership
        fields = [
            "title",
            "code",
            "summary",
            "start_date",
            "end_date",
            "dac_sector",
            "currency",
            "visibility",
            "separate_value_approval",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, lead_organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("regions", self.instance.regions.all())
            self.initial.setdefault("sdg_targets", self.instance.sdg_targets.all())
        if lead_organisations is not None:
            self.fields["lead_organisation"] = forms.ModelChoiceField(
                label=_("Your organisation joins as coordinating partner"),
                queryset=lead_organisations,
                required=False,
                empty_label=_("(none)"),
            )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        # Codes are unique per deployment; the message is the same whether the partnership
        # that has the code is one the user may see or a private one, and tells nothing of it.
        if Partnership.objects.code_taken(code, exclude_pk=self.instance.pk):
            raise forms.ValidationError(
                _("This code cannot be used; try %(code)s."),
                params={"code": Partnership.objects.free_code(code)},
            )
        return code

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if not CodelistItem.objects.filter(codelist="Currency", code=code).exists():
            raise forms.ValidationError(_("Unknown currency: %(code)s."), params={"code": code})
        return code

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data

    def save_relations(self, partnership: Partnership) -> None:
        partnership.regions.set(self.cleaned_data["regions"])
        partnership.sdg_targets.set(self.cleaned_data["sdg_targets"])


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX)
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        required=False,
        coerce=int,
        choices=[("", _("All phases")), *Phase.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Partnership.Status.choices],
    )
    region = forms.CharField(label=_("Region code"), required=False)
    sdg = forms.ModelChoiceField(
        label=_("SDG"), queryset=SdgGoal.objects.all(), required=False, empty_label=_("All SDGs")
    )
    mine = forms.BooleanField(label=_("Only mine"), required=False)


class PartnerForm(ModelForm):
    organisation = OrganisationField(label=_("Organisation"))

    class Meta:
        model = Partner
        fields = [
            "organisation",
            "status",
            "iati_role",
            "local_role",
            "relationship",
            "joined_on",
            "left_on",
            "notes",
        ]
        widgets = {
            "joined_on": DateInput(),
            "left_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial["organisation"] = self.instance.organisation

    # Reached only through the invitation: the coordinator invites, the organisation answers.
    _ANSWERED = (PartnerStatus.INVITED, PartnerStatus.CONFIRMED, PartnerStatus.DECLINED)

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == PartnerStatus.INVITED and not self.instance.pk:
            return status  # added and invited at once (`services.save_new_partner`)
        if status in self._ANSWERED and status != self.instance.status:
            raise forms.ValidationError(
                _(
                    "An organisation is invited with the Invite button, and becomes a confirmed "
                    "partner when one of its members accepts: choose candidate or withdrawn "
                    "here."
                )
            )
        return status

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if (
            not self.instance.pk
            and Partner.objects.filter(
                partnership=self.partnership, organisation=organisation
            ).exists()
        ):
            raise forms.ValidationError(_("This organisation is already in the partnership."))
        return organisation

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("The leaving date cannot be before the joining date."))
        return data


class _LeavesPhase(forms.Form):
    """The phase the page showed when the user moved the partnership: a second click, or a
    page left open while someone else moved it, is then refused instead of moving it again."""

    from_phase = forms.TypedChoiceField(coerce=int, choices=Phase.choices, widget=forms.HiddenInput)


class AdvanceForm(_LeavesPhase):
    """Moving on; its fields' ids differ from the revert form's, which shares the page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_advance_%s")
        super().__init__(*args, **kwargs)

    override_reason = forms.CharField(
        label=_("Reason for overriding the failed gate"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RevertForm(_LeavesPhase):
    to_phase = forms.TypedChoiceField(label=_("Go back to"), coerce=int, choices=Phase.choices)
    reason = forms.CharField(
        label=_("What needs revising"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, current_phase: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [c for c in Phase.choices if c[0] < current_phase]


class CoordinatorForm(forms.Form):
    username = UserLookupField(
        label=_("Username or e-mail"),
        active_only=True,
        not_found=_("No active user with this username or e-mail."),
    )


ADDRESSES_MAX = 20


class InviteForm(forms.Form):
    # What the page offered (invite, or send a pending invitation again): a second "invite"
    # sent from a page opened before the first one went through is refused, not resent.
    intent = forms.ChoiceField(
        choices=[("invite", "invite"), ("resend", "resend")],
        required=False,
        widget=forms.HiddenInput,
    )
    addresses = forms.CharField(
        label=_("E-mail addresses of people without an account (optional)"),
        required=False,
        max_length=ADDRESSES_MAX * 260,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line. The organisation's members with an account are told anyway, on "
            "their home page and by e-mail; each address here gets a link to join the "
            "organisation and answer."
        ),
    )

    def clean_addresses(self) -> list[str]:
        text = self.cleaned_data["addresses"]
        addresses = [line.strip().lower() for line in text.replace(",", "\n").splitlines()]
        addresses = list(dict.fromkeys(a for a in addresses if a))
        if len(addresses) > ADDRESSES_MAX:
            raise forms.ValidationError(
                _("At most %(max)d addresses at a time."), params={"max": ADDRESSES_MAX}
            )
        field = forms.EmailField()
        wrong = []
        for address in addresses:
            try:
                field.clean(address)
            except forms.ValidationError:
                wrong.append(address)
        if wrong:
            raise forms.ValidationError(
                _("Not an e-mail address: %(addresses)s."),
                params={"addresses": ", ".join(wrong)},
            )
        return addresses


class InvitationAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your organisation's answer"),
        choices=[("accept", _("Accept: we take part in this role")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or remarks"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining; the coordinator reads it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why your organisation declines."))
        return data
