"""What a form shows (issue 18, item 11): no blank radio button for a required choice, labels
capitalised, the organisation picker shows names (never the internal code)."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from simitra.organisations.forms import OrganisationField
from simitra.partnerships.forms import PartnerForm
from simitra.partnerships.testing import make_organisation
from simitra.scoping.forms import EvidenceForm, ProblemNodeForm
from tests.test_date_formats import _form_classes

pytestmark = pytest.mark.django_db


def test_the_cause_form_kind_has_no_blank_button(world):
    html = str(ProblemNodeForm(partnership=world.partnership)["kind"])
    assert 'type="radio"' in html
    assert 'value=""' not in html and "---------" not in html


def test_no_required_radio_offers_a_blank_button():
    blanks = []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            if not (field.required and isinstance(field.widget, forms.RadioSelect)):
                continue
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label is not None:
                    blanks.append(f"{cls.__name__}.{name}")
            elif isinstance(field, forms.ChoiceField) and any(
                value in ("", None) for value, _label in field.choices
            ):
                blanks.append(f"{cls.__name__}.{name}")
    assert blanks == []


def test_labels_start_with_a_capital(world):
    with translation.override("id"):
        assert EvidenceForm(partnership=world.partnership)["url"].label == "Tautan"
    lower = []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            label = str(field.label or "")
            if label and label[0].islower():
                lower.append(f"{cls.__name__}.{name}: {label}")
    assert lower == []


def test_the_picker_shows_the_name_and_takes_it(world):
    field = OrganisationField()
    org = make_organisation("Bappeda Kabupaten TTS", slug="bappeda-tts")
    assert field.prepare_value(org) == "Bappeda Kabupaten TTS"
    assert field.prepare_value("bappeda-tts") == "Bappeda Kabupaten TTS"
    assert field.clean("Bappeda Kabupaten TTS") == org
    assert field.clean("  bappeda kabupaten tts ") == org
    assert field.clean("bappeda-tts") == org  # the code, as the API sends it
    with pytest.raises(forms.ValidationError):
        field.clean("Bappeda Entah")
    twin = make_organisation("Bappeda Kabupaten TTS", slug="bappeda-tts-2")
    assert field.prepare_value(twin) == "Bappeda Kabupaten TTS (bappeda-tts-2)"
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("Bappeda Kabupaten TTS")
    assert refused.value.code == "ambiguous"
    assert field.clean("Bappeda Kabupaten TTS (bappeda-tts-2)") == twin


def test_the_picker_options_and_the_edit_form_show_names(world, client_for):
    org = make_organisation("Bappeda Kabupaten TTS", slug="bappeda-tts", acronym="Bappeda")
    client = client_for(world.coordinator)
    options = client.get(
        reverse("partnerships:organisation_options"), {"organisation": "bappeda"}
    ).content.decode()
    assert 'value="Bappeda Kabupaten TTS"' in options
    assert 'value="bappeda-tts"' not in options
    partner = world.partner_a
    html = str(PartnerForm(instance=partner, partnership=world.partnership)["organisation"])
    assert f'value="{partner.organisation.name}"' in html
    assert partner.organisation.slug not in html
    # Adding by name through the page works.
    response = client.post(
        reverse("partnerships:partner_add", args=[world.partnership.code]),
        {
            "organisation": "Bappeda Kabupaten TTS",
            "status": "candidate",
            "relationship": "undetermined",
        },
    )
    assert response.status_code == 302
    assert world.partnership.partners.filter(organisation=org).exists()


def test_the_lesson_form_has_the_full_breadcrumb_and_the_common_look(world, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    code = world.partnership.code
    page = client.get(reverse("knowledge:lesson_create", args=[code])).content.decode()
    crumbs = page[page.index('aria-label="breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert reverse("partnerships:list") in crumbs
    assert reverse("knowledge:lessons", args=[code]) in crumbs and "Lessons learned" in crumbs
    assert "New lesson learned" in crumbs
    assert '<h1 class="h4 mb-3 text-break">New lesson learned</h1>' in page
