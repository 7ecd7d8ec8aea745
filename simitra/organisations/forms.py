from django import forms
from django.utils.translation import gettext_lazy as _

from simitra.accounts.forms import UserLookupField
from simitra.lib.forms import SEARCH_MAX, ModelForm, SeenVersionMixin
from simitra.lib.uploads import IMAGES, accept, validate_upload
from simitra.reference.fields import RegionCodesField
from simitra.reference.models import SdgGoal

from .models import Capability, Organisation, Sector

LOGO_MAX_BYTES = 1024 * 1024


class _StoredLogo(str):
    url = ""  # private files have no URL; the widget names the file only


class LogoInput(forms.ClearableFileInput):
    """The logo's file input with its clear box; a stored logo is named, not linked (it lives in
    the private storage)."""

    def is_initial(self, value):
        return bool(value)

    def format_value(self, value):
        return _StoredLogo(value.name.rsplit("/", 1)[-1]) if self.is_initial(value) else None


class OrganisationForm(SeenVersionMixin, ModelForm):
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
            "logo",
        ]
        widgets = {
            "logo": LogoInput(attrs={"accept": accept(IMAGES)}),
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

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):  # unchanged or cleared
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is too large; the limit is 1 MB."), code="too_large"
            )
        validate_upload(logo, IMAGES)
        try:
            from PIL import Image

            with Image.open(logo) as image:
                image.verify()
        except Exception as broken:
            raise forms.ValidationError(
                _("The logo is not a readable PNG or JPEG image."), code="broken"
            ) from broken
        finally:
            logo.seek(0)
        return logo

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


def picker_value(organisation: Organisation, *, named_alike: bool = False) -> str:
    """What the organisation picker writes in its field: the organisation's name, with its code
    in brackets only when another organisation bears the same name."""
    return f"{organisation.name} ({organisation.slug})" if named_alike else organisation.name


LONGEST_PICKED = 400  # a name (at most 300) with its code in brackets


class OrganisationField(forms.ModelChoiceField):
    """An organisation picked by typing part of its name (a `<datalist>` of matches, filled by
    `partnerships:organisation_options`; works without JavaScript as a plain text field).

    The field shows and takes the organisation's name; where two bear the same name, the name
    with the code in brackets, as the list offers it. Its code (slug) is taken too, which is
    what the API sends."""

    default_error_messages = {
        "invalid_choice": _("No organisation with this name. Pick one from the list."),
        "ambiguous": _(
            "Several organisations bear this name. Pick one from the list: each has its code "
            "in brackets."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organisation.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "organisation-options", "autocomplete": "off"})
        )
        kwargs.setdefault(
            "help_text", _("Type part of the name and pick the organisation from the list.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Organisation):
            named_alike = (
                self.queryset.filter(name__iexact=value.name).exclude(pk=value.pk).exists()
            )
            return picker_value(value, named_alike=named_alike)
        if isinstance(value, str) and value:
            found = self.queryset.filter(slug=value).first()
            return self.prepare_value(found) if found else value
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, Organisation):
            return value
        text = str(value or "").strip()
        if text in self.empty_values:
            return None
        if len(text) > LONGEST_PICKED:  # no name is so long (and no search may take it)
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        by_code = self.queryset.filter(slug=text).first()
        if by_code:
            return by_code
        if text.endswith(")") and " (" in text:
            name, code = text[:-1].rsplit(" (", 1)
            found = self.queryset.filter(slug=code.strip(), name__iexact=name.strip()).first()
            if found:
                return found
        named = list(self.queryset.filter(name__iexact=text)[:2])
        if len(named) == 1:
            return named[0]
        if named:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
