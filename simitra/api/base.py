"""Serializer building blocks.

`FormSerializer` validates and saves through the page's own ModelForm, so the API accepts
and refuses exactly what the page does, with the same (translated) messages. The serializer's
declared fields describe the JSON (and the OpenAPI schema); the form has the last word.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from simitra.lib.forms import version_of
from simitra.partnerships.models import Partnership
from simitra.reference.fields import CodeListField


class RelatedCodesField(serializers.ListField):
    """A many-to-many relation as a list of codes (primary keys, or `attribute` of each)."""

    def __init__(self, *, attribute: str = "pk", **kwargs):
        self.attribute = attribute
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, value):
        items = value.all() if hasattr(value, "all") else value
        return [self.child.to_representation(getattr(item, self.attribute)) for item in items]


class SlugField(serializers.SlugRelatedField):
    """A related record named by a code; text no database can hold (NUL) is refused as
    unknown rather than sent to the database."""

    # REST framework's own words name the model field ("Object with slug=x does not exist.").
    default_error_messages = {"does_not_exist": _("Unknown code: {value}.")}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.STR)
class VisiblePartnershipField(SlugField):
    """A partnership named by its code, among those the requesting user may see: an unknown
    code and a hidden one get the same answer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def get_queryset(self):
        return Partnership.objects.visible_to(self.context["request"].user)


# The name of the version an edit is based on, in every representation that has one. Not
# `version`: an agreement has a field of that name already (its numbered version, which the
# signatures refer to), and one name serves every record.
RECORD_VERSION = "record_version"


@extend_schema_field(OpenApiTypes.STR)
class RecordVersionField(serializers.CharField):
    """The record's version (`record_version`), as the edit pages carry it: it changes with
    every save. A client sends it back with a change (PUT or PATCH), or as the `If-Match`
    header; a change based on an older version is refused with 409 (`viewsets.RulesMixin`).
    It is never saved: the record keeps the version its save gives it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault(
            "help_text",
            "The version of the record (it changes with every save). Send back the one you "
            "read with a change, here or as the If-Match header: a change based on an older "
            "version is refused with 409 and both versions. Without it, the change is made.",
        )
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return version_of(instance)

    def to_internal_value(self, data):
        super().to_internal_value(data)
        return {}  # checked by the viewset before validation, never written


def _form_value(field: forms.Field, value):
    """A value from validated JSON, as the form's field expects to receive it."""
    if value is None:
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [getattr(v, "pk", v) for v in value]
    if isinstance(field, forms.ModelChoiceField):
        if isinstance(value, models.Model):
            return getattr(value, field.to_field_name or "pk")
        return value
    if isinstance(field, CodeListField):
        if isinstance(value, str):
            return value
        return ", ".join(str(getattr(v, field.key, v)) for v in value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


class RecordField(serializers.PrimaryKeyRelatedField):
    """A related record named by its id."""

    # REST framework's own words speak of a "pk" and of Python's types.
    default_error_messages = {
        "does_not_exist": _("Unknown id: {pk_value}."),
        "incorrect_type": _("Give the id, a whole number."),
    }


class FormSerializer(serializers.ModelSerializer):
    """Set `form_class`; `form_names` maps an API field to a differently named form field;
    override `form_kwargs()` and `save_form(form)` (which calls the same services as the
    page's view)."""

    form_class: type[forms.ModelForm]
    form_names: dict[str, str] = {}
    serializer_related_field = RecordField

    def form_kwargs(self) -> dict:
        return {}

    def get_validators(self):
        # The form checks uniqueness in the page's words; REST framework's own check of the
        # model's unique constraints would answer first, naming the fields
        # ("The fields partnership, organisation must make a unique set.").
        return []

    def _current_form_data(self) -> dict:
        """What the record holds now (or the model's defaults for a new one), in form-data
        shape, so fields the request does not mention keep their value."""
        instance = self.instance if self.instance is not None else self.Meta.model()
        form = self.form_class(instance=instance, **self.form_kwargs())
        data = {}
        for name, field in form.fields.items():
            value = form[name].initial
            if isinstance(field, CodeListField):
                data[name] = field.prepare_value(value) or ""
            elif isinstance(field, forms.ModelMultipleChoiceField):
                data[name] = [getattr(v, "pk", v) for v in (value or [])]
            else:
                data[name] = "" if value is None else value
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        data = self._current_form_data()
        probe = self.form_class(**self.form_kwargs())
        for key, value in attrs.items():
            name = self.form_names.get(key, key)
            if name in probe.fields:
                data[name] = _form_value(probe.fields[name], value)
        form = self.form_class(data=data, instance=self.instance, **self.form_kwargs())
        if not form.is_valid():
            api_names = {v: k for k, v in self.form_names.items()}
            errors = {}
            for name, messages in form.errors.items():
                key = "non_field_errors" if name == "__all__" else api_names.get(name, name)
                errors.setdefault(key, []).extend(messages)
            raise serializers.ValidationError(errors)
        self._form = form
        return attrs

    def save_form(self, form):
        raise NotImplementedError

    def create(self, validated_data):
        return self.save_form(self._form)

    def update(self, instance, validated_data):
        return self.save_form(self._form)


class VisibleRecordField(RecordField):
    """A record named by its id, among the records of partnerships the requesting user may
    see (`partnership_path` leads from the record to its partnership): an unknown id and a
    hidden one get the same answer."""

    def __init__(self, *, model, partnership_path: str = "partnership", **kwargs):
        self.model = model
        self.partnership_path = partnership_path
        kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        visible = Partnership.objects.visible_to(self.context["request"].user).values("pk")
        return self.model.objects.filter(**{f"{self.partnership_path}__in": visible})


class PartnershipFormSerializer(FormSerializer):
    """A record of one partnership, validated by a form that takes the partnership: the
    partnership is given on create (`partnership`, a visible code) and fixed afterwards."""

    partnership = VisiblePartnershipField(help_text="The partnership's code.")
    fixed_on_update: tuple[str, ...] = ("partnership",)

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in self.fixed_on_update:
                fields[name].read_only = True
        return fields

    @property
    def target_partnership(self):
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            return self.instance.partnership
        return getattr(self, "initial_partnership", None)

    @property
    def user(self):
        return self.context["request"].user

    def validate(self, attrs):
        if self.instance is None:
            self.initial_partnership = attrs.get("partnership")
            require_before_form(self, self.initial_partnership)
        return super().validate(attrs)


def require_before_form(serializer, obj) -> None:
    """A client that may not add such records here is refused (403) before the form is
    asked, as the page refuses its form: `add_perm_before_form` on the serializer's view."""
    view = serializer.context.get("view")
    perm = getattr(view, "add_perm_before_form", None)
    if perm and obj is not None and not serializer.context["request"].user.has_perm(perm, obj):
        raise exceptions.PermissionDenied()


def record_id(**kwargs) -> serializers.IntegerField:
    """A record's id inside a list: a whole number any database can hold."""
    return serializers.IntegerField(min_value=1, max_value=2**31 - 1, **kwargs)
