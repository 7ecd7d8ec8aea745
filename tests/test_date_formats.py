"""One way of showing a date per language, ISO in every date input (issue 18, item 6)."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

import simitra
from simitra.agreements.forms import InForceForm
from simitra.lib.forms import DateInput, DateTimeInput, Form, ModelForm

DAY = dt.date(2026, 12, 3)


def _form_classes():
    for info in pkgutil.walk_packages(simitra.__path__, "simitra."):
        if ".tests" in info.name or ".migrations" in info.name or not info.name.endswith("forms"):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_date_field_is_an_iso_picker():
    classes = list(_form_classes())
    assert len(classes) > 50  # the walk found the apps' forms
    wrong = []
    for cls in classes:
        for name, field in cls.base_fields.items():
            if isinstance(field.widget, forms.HiddenInput | forms.Select):
                continue
            if isinstance(field, forms.DateTimeField):
                ok = isinstance(field.widget, DateTimeInput)
            elif isinstance(field, forms.DateField):
                ok = isinstance(field.widget, DateInput)
            else:
                continue
            if not ok:
                wrong.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert wrong == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_in_force_default_is_an_iso_value(lang):
    with translation.override(lang):
        html = str(InForceForm(initial={"effective_date": DAY})["effective_date"])
    assert 'type="date"' in html
    assert 'value="2026-12-03"' in html


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_plain_form_or_model_form_date_field_gets_the_picker(lang):
    class Plain(Form):
        day = forms.DateField()
        moment = forms.DateTimeField()

    class Later(ModelForm):
        class Meta:
            from simitra.planning.models import Milestone

            model = Milestone
            fields = ["due_date"]

    with translation.override(lang):
        plain = Plain(initial={"day": DAY, "moment": dt.datetime(2026, 12, 3, 14, 30)})
        assert 'type="date"' in str(plain["day"]) and 'value="2026-12-03"' in str(plain["day"])
        moment = str(plain["moment"])
        assert 'type="datetime-local"' in moment and 'value="2026-12-03T14:30"' in moment
        later = str(Later(initial={"due_date": DAY})["due_date"])
        assert 'type="date"' in later and 'value="2026-12-03"' in later
        # What a picker sends, and what people type by hand, both parse.
        assert Plain(data={"day": "2026-12-03", "moment": "2026-12-03T14:30"}).is_valid()


@pytest.mark.parametrize(
    ("lang", "shown", "moment"),
    [("id", "3 Des 2026", "3 Des 2026 14:30"), ("en", "3 Dec 2026", "3 Dec 2026 14:30")],
)
def test_one_display_format_per_language(lang, shown, moment):
    at = dt.datetime(2026, 12, 3, 14, 30)
    with translation.override(lang):
        assert date_format(DAY) == shown
        assert date_format(at, "DATETIME_FORMAT") == moment
        rendered = Template("{{ day }}|{{ day|date }}|{{ at|date:'DATETIME_FORMAT' }}").render(
            Context({"day": DAY, "at": at})
        )
    assert rendered == f"{shown}|{shown}|{moment}"


def test_no_template_writes_a_date_its_own_way():
    """Templates say `|date` (or DATETIME_FORMAT), never a pattern of their own like `d-m-Y`."""
    from pathlib import Path

    root = Path(simitra.__file__).resolve().parent.parent
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("simitra/*/templates/**/*.html")]:
        text = path.read_text()
        for pattern in ('|date:"d-m-Y"', '|date:"j M Y"', '|date:"j M Y H:i"'):
            if pattern in text:
                offenders.append(f"{path.relative_to(root)} {pattern}")
    assert offenders == []
