import logging

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The longest search a form or filter takes: longer finds nothing anyway, and SQLite answers a
# LIKE pattern (icontains) past 50,000 characters with an error instead of rows.
SEARCH_MAX = 200

# Said instead of Django's "Constraint “…” is violated." when nothing better is known.
UNFIT_ENTRIES = _("Some of these entries do not fit together. Check them and try again.")


class DateInput(forms.DateInput):
    """The date field of every form: the browser's date picker, its value always ISO
    (`2026-12-03`), whatever the language shows dates as elsewhere (simitra/formats/)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The date-and-time field of every form: the browser's picker, its value ISO
    (`2026-12-03T14:30`)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def iso_date_widgets(fields) -> None:
    """Give every date (and date-and-time) field the ISO picker, unless it has a widget of its
    own that is not a plain text or date input (a hidden field, a select)."""
    for field in fields.values():
        widget = field.widget
        plain = type(widget) in (forms.DateTimeInput, forms.DateInput, forms.TextInput)
        if plain and isinstance(field, forms.DateTimeField):
            field.widget = DateTimeInput(attrs=widget.attrs)
        elif plain and isinstance(field, forms.DateField):
            field.widget = DateInput(attrs=widget.attrs)


class PrivateFileInput(forms.ClearableFileInput):
    """The file field of every form: the stored file is named, not linked. Uploaded files
    are private (served by access-checked views only, see `lib.uploads`), so they have no URL,
    and Django's own widget, asking for one to link, failed the whole page."""

    template_name = "forms/widgets/private_file.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            # The name it was uploaded under, where the record keeps it (stored files have
            # random names).
            instance, field = getattr(value, "instance", None), getattr(value, "field", None)
            original = getattr(instance, f"{field.name}_name", "") if field else ""
            context["widget"]["file_name"] = original or value.name.rsplit("/", 1)[-1]
        return context


def private_file_widgets(fields) -> None:
    for field in fields.values():
        if type(field.widget) is forms.ClearableFileInput:
            field.widget = PrivateFileInput(attrs=field.widget.attrs)


def no_blank_radio(fields) -> None:
    """A required choice shown as radio buttons offers its choices only: no blank `---------`
    button (a model field without a default brings one along; a select needs it, radios not)."""
    for field in fields.values():
        if not (field.required and isinstance(field.widget, forms.RadioSelect)):
            continue
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = None
        elif isinstance(field, forms.ChoiceField):
            field.choices = [choice for choice in field.choices if choice[0] not in ("", None)]


def house_widgets(fields) -> None:
    """What every Simitra form's fields get: ISO date pickers, file inputs that name a private
    file, radio choices without a blank button."""
    iso_date_widgets(fields)
    private_file_widgets(fields)
    no_blank_radio(fields)


class _IsoDatesModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        house_widgets(new_class.base_fields)
        return new_class


class _IsoDatesFormMetaclass(DeclarativeFieldsMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        house_widgets(new_class.base_fields)
        return new_class


class Form(forms.Form, metaclass=_IsoDatesFormMetaclass):
    """The plain form of every Simitra page: its date fields are ISO pickers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        iso_date_widgets(self.fields)
        no_blank_radio(self.fields)


class SimitraFormRenderer(TemplatesSetting):
    """Forms render with Bootstrap markup (templates/forms/), keeping what the user typed."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def unnamed_constraint_messages(instance) -> dict[str, str]:
    """What Django says, in the active language, for each constraint of the instance's model
    that has no `violation_error_message` of its own ("Constraint “name” is violated."):
    message → constraint name."""
    return {
        str(constraint.get_violation_error_message()): constraint.name
        for _model, constraints in instance.get_constraints()
        for constraint in constraints
        if constraint.violation_error_message == constraint.default_violation_error_message
    }


class ModelForm(forms.ModelForm, metaclass=_IsoDatesModelFormMetaclass):
    """The ModelForm of every Simitra page (and so of the API, which validates through them).

    Django checks the model's constraints when the form is validated. A constraint without a
    message of its own would be reported by its name, which must never reach a user: such a
    report is dropped when the form already says what is wrong (its own check of the same
    rule), and otherwise replaced by a general sentence and logged, so that the constraint
    gets a real message (or the form its own check). Its date fields are ISO pickers
    (`DateInput`), as are those of `Form`, and a required radio choice has no blank button.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        iso_date_widgets(self.fields)
        no_blank_radio(self.fields)

    def _post_clean(self):
        super()._post_clean()
        self._screen_constraint_messages()

    def _screen_constraint_messages(self) -> None:
        unnamed = unnamed_constraint_messages(self.instance)
        dropped = []
        for field, errors in list(self._errors.items()):
            for error in list(errors.data):
                message = error.message if isinstance(error, forms.ValidationError) else error
                if getattr(error, "params", None) is None and str(message) in unnamed:
                    errors.data.remove(error)
                    dropped.append(unnamed[str(message)])
            if not errors.data:
                del self._errors[field]
        if dropped and not self._errors:
            logger.warning(
                "%s broke %s, which has no message of its own",
                type(self).__name__,
                ", ".join(dropped),
            )
            self.add_error(None, forms.ValidationError(UNFIT_ENTRIES, code="constraint"))


class SeenVersionMixin(forms.Form):
    """An edit form that knows which version of its record the user saw (the record's
    `updated_at`, in a hidden field), so that saving a form opened before someone else saved
    the record does not silently write back what they changed.

    The view asks `lib.views.edit_conflict`, which reads the stored record under its row lock
    and asks `changed_since_seen(stored)`; when it was, it answers 409 with
    `differences(stored)` (each field whose saved value differs from what the user typed: both
    versions shown) and the form, which then carries the stored version: saving it again is
    the user's deliberate choice to keep their own."""

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["seen_version"].initial = version_of(instance)

    def changed_since_seen(self, stored) -> bool:
        seen = self.data.get(self.add_prefix("seen_version"), "")
        return bool(seen) and seen != version_of(stored)

    def differences(self, stored) -> list[dict]:
        rows = []
        names = getattr(getattr(self, "_meta", None), "fields", None)
        if not isinstance(names, list | tuple):
            names = [name for name in self.fields if name != "seen_version"]
        for name in names:
            if name not in self.fields or name not in self.cleaned_data:
                continue
            field = self.fields[name]
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue  # relations are saved as chosen; the fields say what differs
            saved_value = getattr(stored, name, None)
            if hasattr(saved_value, "all"):
                continue  # a relation the form writes in its own words (tags), as above
            saved = field.prepare_value(saved_value)
            yours = field.prepare_value(self.cleaned_data[name])
            if not _same(saved, yours):
                rows.append(
                    {
                        "label": field.label,
                        "saved": _shown(field, saved_value, saved),
                        "yours": _shown(field, self.cleaned_data[name], yours),
                    }
                )
        return rows

    def take_stored_version(self, stored) -> None:
        data = self.data.copy()
        data[self.add_prefix("seen_version")] = version_of(stored)
        self.data = data


def _same(saved, yours) -> bool:
    """Equal as values (2.00 and 2, one moment in two time zones), or written the same."""
    if saved in (None, "") and yours in (None, ""):
        return True
    try:
        if saved == yours:
            return True
    except (TypeError, ValueError):
        pass
    return str(saved) == str(yours)


def _shown(field: forms.Field, value, prepared):
    """A value as a reader knows it: a related record by its name, a choice by its label."""
    if value is None or value == "":
        return ""
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        return labels.get(str(prepared), prepared)
    if hasattr(value, "name") and hasattr(value, "url"):  # a file
        return value.name.rsplit("/", 1)[-1]
    return value


def version_of(record) -> str:
    """The version of a record as the forms and the API carry it: its last save, exactly."""
    updated_at = getattr(record, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""
