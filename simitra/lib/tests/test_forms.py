"""The project's ModelForm never lets a constraint's name reach the user."""

import logging
from unittest import mock

import pytest
from django import forms
from django.forms import modelform_factory
from django.utils import translation

from simitra.lib.forms import ModelForm
from simitra.partnerships.models import PhaseTransition
from simitra.scoping.forms import EvidenceForm

pytestmark = pytest.mark.django_db

# A form that checks none of the model's rules itself: the reason may be left empty however
# the gate was passed.
TransitionForm = modelform_factory(PhaseTransition, form=ModelForm, fields=["overridden", "reason"])
OVERRIDDEN_WITHOUT_REASON = {"overridden": "on", "reason": ""}


def _reason_constraint():
    return next(c for c in PhaseTransition._meta.constraints if c.name == "override_needs_reason")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("id", "Beberapa isian ini tidak cocok satu sama lain. Periksa kembali, lalu coba lagi."),
        ("en", "Some of these entries do not fit together. Check them and try again."),
    ],
)
def test_a_constraint_without_a_message_reads_as_a_general_sentence(lang, sentence, caplog):
    with translation.override(lang), caplog.at_level(logging.WARNING, logger="simitra.lib.forms"):
        form = TransitionForm(data=OVERRIDDEN_WITHOUT_REASON)
        assert not form.is_valid()
        assert form.errors == {"__all__": [sentence]}
    assert "override_needs_reason" in caplog.text  # for the developer, who gives it a message


def test_django_alone_would_name_the_constraint():
    plain = modelform_factory(PhaseTransition, fields=["overridden", "reason"])
    with translation.override("id"):
        form = plain(data=OVERRIDDEN_WITHOUT_REASON)
        assert form.errors == {"__all__": ["Batasan “override_needs_reason” dilanggar."]}


def test_a_constraint_with_its_own_message_says_it():
    with mock.patch.object(_reason_constraint(), "violation_error_message", "Say why."):
        form = TransitionForm(data=OVERRIDDEN_WITHOUT_REASON)
        assert form.errors == {"__all__": ["Say why."]}


def test_beside_another_error_a_constraint_without_a_message_adds_nothing():
    class Form(TransitionForm):
        def clean(self):
            if self.cleaned_data.get("overridden") and not self.cleaned_data.get("reason"):
                raise forms.ValidationError("Give the reason for overriding the gate.")
            return self.cleaned_data

    form = Form(data=OVERRIDDEN_WITHOUT_REASON)
    assert form.errors == {"__all__": ["Give the reason for overriding the gate."]}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_evidence_form_says_only_what_is_missing(lang, world):
    with translation.override(lang):
        form = EvidenceForm(data={"title": "Survei 2024"}, partnership=world.partnership)
        assert not form.is_valid()
        assert form.errors == {
            "__all__": [translation.gettext("Give a link to the source or upload its file.")]
        }


def test_a_valid_form_is_left_alone(world):
    form = TransitionForm(data={"overridden": "on", "reason": "Mitra sepakat"})
    assert form.is_valid(), form.errors
