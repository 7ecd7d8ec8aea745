import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from simitra.accounts.forms import UserLookupField
from simitra.lib.forms import SEARCH_MAX, ModelForm, SeenVersionMixin
from simitra.lib.uploads import IMAGES, accept, validate_upload
from simitra.reference.fields import RegionCodesField
from simitra.reference.models import CodelistItem, Region, SdgGoal

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


class FormReference:
    """What `OrganisationForm` looks up in the database, loaded once for many forms (the rows of
    an import): the regions and IATI identifiers the rows name, every SDG goal and IATI
    organisation type. A form given it asks the same questions of these sets instead of one
    query each per row; what the sets were not loaded for is still asked of the database."""

    def __init__(self, *, region_codes=(), identifiers=()):
        self.regions = {r.code: r for r in Region.objects.filter(code__in=set(region_codes))}
        self.sdg_goals = {str(goal.pk): goal for goal in SdgGoal.objects.all()}
        self.iati_types = set(
            CodelistItem.objects.filter(codelist="OrganisationType").values_list("code", flat=True)
        )
        wanted = {i for i in identifiers if i}
        self.identifiers_checked = wanted
        self.identifier_owners: dict[str, list[int]] = {}
        for identifier, pk in Organisation.objects.filter(iati_identifier__in=wanted).values_list(
            "iati_identifier", "pk"
        ):
            self.identifier_owners.setdefault(identifier, []).append(pk)


class SdgGoalsField(forms.ModelMultipleChoiceField):
    """The SDG goals' check boxes; with `known` goals (by pk) loaded beforehand, the chosen
    ones are checked against those, with the same messages, instead of a query."""

    known: dict[str, SdgGoal] | None = None

    def _check_values(self, value):
        if self.known is None:
            return super()._check_values(value)
        try:
            value = frozenset(value)
        except TypeError:
            raise forms.ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        chosen = []
        for pk in value:
            self.validate_no_null_characters(pk)
            try:
                self.queryset.model._meta.pk.get_prep_value(pk)
            except (ValueError, TypeError):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        for pk in value:
            if str(pk) not in self.known:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
            chosen.append(self.known[str(pk)])
        return sorted(chosen, key=lambda goal: goal.pk)


class _SharedFields(dict):
    """A form class's fields that its forms share instead of deep-copying them each."""

    def __deepcopy__(self, memo):
        return _SharedFields(self)


class OrganisationForm(SeenVersionMixin, ModelForm):
    regions = RegionCodesField(
        label=_("Regions of work"),
        required=False,
        help_text=_(
            "One region per box: type a name (Nusa Tenggara Timur, Kota Kupang) or a "
            "Kemendagri code (53, 53.71) and pick from the suggestions."
        ),
    )
    sdg_goals = SdgGoalsField(
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

    def __init__(self, *args, reference: FormReference | None = None, **kwargs):
        instance = kwargs.get("instance")
        if isinstance(self.base_fields, _SharedFields) and instance and instance.pk:
            raise ValueError("for_new_organisations forms are for new organisations only")
        super().__init__(*args, **kwargs)
        self.reference = reference
        if reference is not None:
            self.fields["regions"].known = reference.regions
            self.fields["sdg_goals"].known = reference.sdg_goals
        if self.instance.pk:
            self.initial.setdefault("regions", self.instance.regions.all())
            self.initial.setdefault(
                "capability_names", ", ".join(c.name for c in self.instance.capabilities.all())
            )

    @classmethod
    def for_new_organisations(cls, reference: FormReference) -> type["OrganisationForm"]:
        """The form for many new organisations checked against `reference` (the rows of an
        import): the same form, whose forms share one set of fields set up once instead of a
        deep copy each (a third of a form's time). Nothing changes a field per form when the
        organisation is new; an existing one needs the form itself."""
        fields = copy.deepcopy(cls.base_fields)
        fields["regions"].known = reference.regions
        fields["sdg_goals"].known = reference.sdg_goals
        shared = type(cls.__name__, (cls,), {"__module__": cls.__module__})
        shared.base_fields = _SharedFields(fields)
        return shared

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
        code = self.cleaned_data["iati_type"].strip()
        if code and not self._type_known(code):
            raise forms.ValidationError(
                _("Unknown IATI organisation type: %(code)s."), params={"code": code}
            )
        return code

    def _type_known(self, code: str) -> bool:
        if self.reference is not None:
            return code in self.reference.iati_types
        return CodelistItem.objects.filter(codelist="OrganisationType", code=code).exists()

    def clean_iati_identifier(self):
        identifier = self.cleaned_data["iati_identifier"].strip()
        if identifier and self._identifier_taken(identifier):
            raise forms.ValidationError(
                _("Another organisation already uses this IATI identifier.")
            )
        return identifier

    def _identifier_taken(self, identifier: str) -> bool:
        reference = self.reference
        if reference is not None and identifier in reference.identifiers_checked:
            owners = reference.identifier_owners.get(identifier, [])
            return any(pk != self.instance.pk for pk in owners)
        return (
            Organisation.objects.filter(iati_identifier=identifier)
            .exclude(pk=self.instance.pk)
            .exists()
        )

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.reference is not None:
            # The identifier's uniqueness (the model's `unique_iati_identifier`) is the rule
            # `clean_iati_identifier` has just checked against the reference: not asked of
            # the database a second time, with two queries a row.
            exclude.add("iati_identifier")
        return exclude

    def save_relations(self, organisation: Organisation) -> None:
        organisation.regions.set(self.cleaned_data["regions"])
        organisation.sdg_goals.set(self.cleaned_data["sdg_goals"])
        names = [n.strip() for n in self.cleaned_data["capability_names"].split(",") if n.strip()]
        organisation.capabilities.set(Capability.from_names(names))


class NewOrganisationRows:
    """`OrganisationForm`'s checks for many new organisations (the rows of an import), a field
    — a column of the sheet — at a time instead of a form a row: the form's own fields clean
    each distinct value of a column once, its `clean_<field>` methods check what they return,
    then each row is checked as the form's `_post_clean` checks it (its exclusions, the
    model's fields, `clean`, constraints and uniqueness). `check` says which rows the form
    would take, with what it would save; a row it would refuse is checked by the form itself,
    so its messages are the form's (`refused`). Only for a form whose other steps are Django's
    own (`covers`); otherwise every row goes through the form. A `clean_<field>` method checks
    its own field's value, as Django gives it (a check of several fields belongs in the form's
    `clean`, which the import then runs row by row)."""

    def __init__(self, reference: FormReference, form_class: type | None = None):
        form_class = form_class or OrganisationForm
        if not self.covers(form_class):
            raise ValueError(f"{form_class.__name__} has checks of its own beyond its fields")
        self.form_class = form_class.for_new_organisations(reference)
        self.reference = reference
        # One form, unbound: its fields, its clean_<field> methods and its exclusions are
        # asked with each value in turn.
        self.form = self.form_class(reference=reference)
        self.model = self.form._meta.model
        self._cleaned: dict[str, dict] = {name: {} for name in self.form.fields}

    @staticmethod
    def covers(form_class) -> bool:
        """Whether the form checks nothing beyond its fields, `clean_<field>` methods and the
        model (no `clean` of the form, no step of its own in the form's validation): what this
        class repeats. A test asserts it of `OrganisationForm`."""
        base = forms.ModelForm
        return (
            form_class.clean is base.clean
            and form_class.full_clean is base.full_clean
            and form_class._clean_fields is base._clean_fields
            and form_class._clean_form is base._clean_form
            and form_class._post_clean is ModelForm._post_clean
            and form_class.validate_unique is base.validate_unique
            and form_class._meta.model.full_clean is models.Model.full_clean
            and form_class._meta.model.clean_fields is models.Model.clean_fields
            and not any(field.disabled for field in form_class.base_fields.values())
        )

    def _clean(self, name: str, value):
        """The field's value as the form cleans it (field, then `clean_<name>`), or None when
        the form would refuse it; each distinct value once."""
        key = tuple(value) if isinstance(value, list) else value
        cache = self._cleaned[name]
        if key not in cache:
            form, field = self.form, self.form.fields[name]
            try:
                if isinstance(field, forms.FileField):
                    cleaned = field.clean(value, form.get_initial_for_field(field, name))
                else:
                    cleaned = field.clean(value)
                method = getattr(form, f"clean_{name}", None)
                if method is not None:
                    form.cleaned_data = {name: cleaned}
                    cleaned = method()
                cache[key] = (cleaned,)
            except ValidationError:
                cache[key] = None
        return cache[key]

    def check(self, rows: list[dict]) -> list[tuple[dict, Organisation] | None]:
        """For each row (the form's data): its cleaned data and the unsaved organisation the
        form would save, or None where the form would refuse the row."""
        form = self.form
        results: list[tuple[dict, Organisation] | None] = []
        for data in rows:
            cleaned_data = {}
            for name, field in form.fields.items():
                value = field.widget.value_from_datadict(data, {}, form.add_prefix(name))
                cleaned = self._clean(name, value)
                if cleaned is None:
                    break
                cleaned_data[name] = cleaned[0]
            else:
                results.append(self._post_clean(data, cleaned_data))
                continue
            results.append(None)
        return results

    def _post_clean(self, data: dict, cleaned_data: dict):
        """What the form's `_post_clean` (and Django's model validation) checks of a row whose
        fields were all clean."""
        form = self.form
        form.data, form._errors, form.cleaned_data = data, {}, cleaned_data
        opts = form._meta
        exclude = form._get_validation_exclusions()
        try:
            instance = construct_instance(form, self.model(), opts.fields, opts.exclude)
            for field in instance._meta.fields:  # Model.clean_fields
                if field.name in exclude:
                    continue
                raw = getattr(instance, field.attname)
                if field.blank and raw in field.empty_values:
                    continue
                setattr(instance, field.attname, self._model_clean(field, raw, instance))
            instance.clean()
            instance.validate_constraints(exclude=exclude)
            # The form's `validate_unique`: the same exclusions, the row having no errors.
            instance.validate_unique(exclude=exclude)
        except ValidationError:
            return None
        return cleaned_data, instance

    def _model_clean(self, field, raw, instance):
        if field.is_relation:
            return field.clean(raw, instance)
        cache = self._cleaned.setdefault(f"model:{field.name}", {})
        if raw not in cache:
            try:
                cache[raw] = (field.clean(raw, instance),)
            except ValidationError:
                cache[raw] = None
        if cache[raw] is None:
            raise ValidationError("refused")  # the form says how, for this row
        return cache[raw][0]

    def refused(self, data: dict):
        """The form itself for a row `check` found it would refuse: its errors are the
        page's."""
        form = self.form_class(data=data, reference=self.reference)
        form.is_valid()
        return form


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
