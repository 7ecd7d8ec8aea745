"""The region and SDG target pickers: one record per box, picked by name or by code, with the
suggestions in the page (no script needed) and refusals that keep what was typed."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_user
from simitra.reference.fields import DacSectorField, RegionCodesField, SdgTargetCodesField

pytestmark = pytest.mark.django_db


class PickerForm(forms.Form):
    regions = RegionCodesField(required=False)
    targets = SdgTargetCodesField(required=False)


def picked(reference, **data):
    form = PickerForm(data)
    assert form.is_valid(), form.errors
    return (
        [region.code for region in form.cleaned_data["regions"]],
        [target.code for target in form.cleaned_data["targets"]],
    )


def test_a_region_is_picked_by_code_by_name_or_by_the_suggestion(reference):
    assert picked(reference, regions="53.71") == (["53.71"], [])
    assert picked(reference, regions="kota kupang") == (["53.71"], [])
    assert picked(reference, regions="Kota Kupang (53.71)") == (["53.71"], [])
    assert picked(reference, regions="Kupang Barat") == (["53.01.05"], [])


def test_codes_in_one_box_as_the_api_and_older_forms_send_them(reference):
    assert picked(reference, regions="53.71, 53.01") == (["53.71", "53.01"], [])
    assert picked(reference, regions="53.71 53.01") == (["53.71", "53.01"], [])
    assert picked(reference, regions="53.71, 53.71") == (["53.71"], [])


def test_a_name_of_several_regions_is_refused_with_the_candidates(reference):
    form = PickerForm({"regions": "Kupang"})
    with translation.override("en"):
        assert not form.is_valid()
        message = form.errors["regions"][0]
    assert message.startswith("“Kupang” names several regions: Kabupaten Kupang (53.01)")
    assert "Kota Kupang (53.71)" in message and message.endswith("Choose one.")


def test_an_unknown_region_is_refused_by_name(reference):
    form = PickerForm({"regions": "Atlantis, 99"})
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["regions"][0].startswith("Unknown region: “Atlantis”, “99”.")


def test_an_sdg_target_is_picked_by_code_by_its_words_or_by_the_suggestion(reference):
    assert picked(reference, targets="2.2") == ([], ["2.2"])
    assert picked(reference, targets="6.A") == ([], ["6.a"])
    assert picked(reference, targets="stunting") == ([], ["2.2"])
    with translation.override("id"):
        suggestion = PickerForm.base_fields["targets"].display(
            PickerForm.base_fields["targets"].model.objects.get(code="2.2")
        )
    assert suggestion == "2.2 · Tanpa Kelaparan"
    assert picked(reference, targets=suggestion) == ([], ["2.2"])


def test_words_in_several_targets_are_refused_with_the_candidates(reference):
    form = PickerForm({"targets": "water"})
    with translation.override("id"):
        assert not form.is_valid()
        assert "ada di beberapa target TPB" in form.errors["targets"][0]


def test_the_partnership_form_suggests_regions_and_targets_and_shows_names(reference, client_for):
    user = make_user()
    client = client_for(user)
    response = client.post(
        reverse("partnerships:create"),
        {
            "title": "Pengelolaan Sampah Kupang",
            "code": "KPG-SAMPAH",
            "currency": "IDR",
            "visibility": "private",
            "regions": ["Kota Kupang", ""],
            "sdg_targets": ["stunting", "6.1", ""],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partnership = Partnership.objects.get(code="KPG-SAMPAH")
    assert list(partnership.regions.values_list("code", flat=True)) == ["53.71"]
    assert set(partnership.sdg_targets.values_list("code", flat=True)) == {"2.2", "6.1"}

    page = client.get(reverse("partnerships:edit", args=[partnership.code])).content.decode()
    assert 'value="Kota Kupang (53.71)"' in page  # the name, not the bare code
    assert 'list="id_regions_options"' in page
    assert (
        '<option value="Kabupaten Timor Tengah Selatan (53.02)">Nusa Tenggara Timur</option>'
        in page
    )
    assert 'value="2.2 · Tanpa Kelaparan"' in page
    assert page.count('name="regions"') == 3  # the chosen region and two empty boxes


def test_a_refused_pick_keeps_every_box_as_typed(reference, client_for):
    response = client_for(make_user()).post(
        reverse("partnerships:create"),
        {
            "title": "Air Bersih",
            "code": "AIR-1",
            "currency": "IDR",
            "visibility": "private",
            "regions": ["Kota Kupang", "Kupang"],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "“Kupang” cocok dengan beberapa wilayah" in page
    assert 'value="Kota Kupang"' in page and 'value="Kupang"' in page
    assert not Partnership.objects.exists()


def test_a_target_reads_with_its_goal_short_in_english(reference):
    field = PickerForm.base_fields["targets"]
    with translation.override("en"):
        shown = field.display(field.model.objects.get(code="2.2"))
    assert shown.startswith("2.2 · End hunger") and len(shown) <= 46 and shown.endswith("…")
    assert picked(reference, targets=shown) == ([], ["2.2"])


class SectorForm(forms.Form):
    sector = DacSectorField(required=False)


def sector(**data):
    form = SectorForm(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data["sector"]


def test_a_dac_sector_is_picked_by_code_or_by_words_of_either_language(reference):
    assert sector(sector="14050") == "14050"
    assert sector(sector="14050 — Pengelolaan sampah") == "14050"
    assert sector(sector="pengelolaan sampah") == "14050"
    assert sector(sector="") == ""
    with translation.override("en"):
        assert (
            SectorForm.base_fields["sector"]
            .prepare_value("14050")
            .startswith("14050 — Waste management")
        )
    with translation.override("id"):
        assert SectorForm.base_fields["sector"].prepare_value("14050") == (
            "14050 — Pengelolaan sampah"
        )


def test_a_sector_of_several_names_or_two_sectors_is_refused(reference):
    with translation.override("en"):
        form = SectorForm({"sector": "water"})
        assert not form.is_valid()
        assert "is in several DAC sectors" in form.errors["sector"][0]
        form = SectorForm({"sector": "14050, 12240"})
        assert not form.is_valid() and form.errors["sector"] == ["One sector only."]


def test_the_partnership_form_shows_the_sector_by_name_in_one_box(reference, client_for):
    user = make_user()
    client = client_for(user)
    response = client.post(
        reverse("partnerships:create"),
        {
            "title": "Bank Sampah Kupang",
            "code": "KPG-BANK",
            "currency": "IDR",
            "visibility": "private",
            "dac_sector": "pengelolaan sampah",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(code="KPG-BANK")
    assert partnership.dac_sector == "14050"
    page = client.get(reverse("partnerships:edit", args=[partnership.code])).content.decode()
    assert 'value="14050 — Pengelolaan sampah"' in page
    assert page.count('name="dac_sector"') == 1
    assert '<option value="12240 — Gizi dasar">Basic nutrition</option>' in page


def test_the_chosen_targets_read_with_their_goals_in_one_query(
    reference, django_assert_num_queries
):
    targets = PickerForm.base_fields["targets"].model.objects.filter(code__in=["2.2", "6.1", "3.2"])
    field = PickerForm.base_fields["targets"]
    with django_assert_num_queries(1):
        shown = field.prepare_value(targets)
    assert [entry.split(" · ")[0] for entry in shown] == ["2.2", "3.2", "6.1"]
