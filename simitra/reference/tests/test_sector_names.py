"""DAC sectors carry Indonesian names (the project's own translation table), and the pages show a
sector as its code and its name in the reader's language, never as a bare code."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from simitra.interop.excel import spec as sheets
from simitra.interop.excel.workbook import write_list
from simitra.knowledge.forms import PortalFilterForm
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_partnership
from simitra.reference.loading import INDONESIAN_NAMES, load_all, read_codelist
from simitra.reference.models import CodelistItem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("codelist", sorted(INDONESIAN_NAMES))
def test_the_translation_table_names_every_code_of_the_codelist_and_nothing_else(codelist):
    shipped = [item["code"] for item in read_codelist(codelist)]
    with INDONESIAN_NAMES[codelist].open(encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert lines[0] == "code,name_id"
    translated = [line.split(",", 1)[0] for line in lines[1:]]
    assert sorted(translated) == sorted(shipped)
    assert len(translated) == len(set(translated))


@pytest.mark.parametrize("codelist", sorted(INDONESIAN_NAMES))
def test_every_loaded_sector_code_has_an_indonesian_name(reference, codelist):
    items = CodelistItem.objects.filter(codelist=codelist)
    assert items.count() == len(read_codelist(codelist)) > 40
    assert not items.filter(name_id="").exists()
    assert not [item.code for item in items if item.name_id.strip() != item.name_id]


def test_the_name_follows_the_active_language(reference):
    item = CodelistItem.objects.get(codelist="Sector", code="14050")
    with translation.override("id"):
        assert item.localised_name == "Pengelolaan sampah"
        assert item.label == "14050 — Pengelolaan sampah"
    with translation.override("en"):
        assert item.localised_name == "Waste management/disposal"
        assert item.label == "14050 — Waste management/disposal"
    category = CodelistItem.objects.get(codelist="SectorCategory", code="140")
    with translation.override("id"):
        assert category.localised_name == "Penyediaan air dan sanitasi"


def test_a_codelist_without_indonesian_names_keeps_its_english_one(reference):
    role = CodelistItem.objects.get(codelist="OrganisationRole", code="1")
    assert role.name_id == ""
    with translation.override("id"):
        assert role.localised_name == "Funding"


def test_labels_for_many_codes_take_one_query_and_skip_unknown_ones(reference):
    with translation.override("id"):
        labels = CodelistItem.objects.dac_sector_labels(["12240", "14030", "99999", ""])
        assert labels == {
            "12240": "12240 — Gizi dasar",
            "14030": "14030 — Air minum dan sanitasi dasar",
        }
        many = ["11110", "12220", "12240", "14030", "14050", "25010"]
        assert count_queries(CodelistItem.objects.dac_sector_labels, many) == 1
    assert count_queries(CodelistItem.objects.dac_sector_labels, ["", ""]) == 0
    assert CodelistItem.objects.dac_sector("") is None
    assert CodelistItem.objects.dac_sector("99999") is None


def test_loading_again_is_idempotent_and_restores_the_indonesian_names(reference):
    CodelistItem.objects.filter(codelist="Sector", code="12240").update(name_id="")
    before = CodelistItem.objects.count()
    load_all()
    load_all()
    assert CodelistItem.objects.count() == before
    assert CodelistItem.objects.get(codelist="Sector", code="12240").name_id == "Gizi dasar"


def _partnership_page(client_for, world, language: str) -> str:
    world.partnership.dac_sector = "14050"
    world.partnership.save(update_fields=["dac_sector"])
    world.coordinator.language = language
    world.coordinator.save(update_fields=["language"])
    response = client_for(world.coordinator).get(
        reverse("partnerships:detail", args=[world.partnership.code])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_partnership_page_names_the_sector_in_indonesian(reference, world, client_for):
    body = _partnership_page(client_for, world, "id")
    assert "<dd>14050 — Pengelolaan sampah</dd>" in body
    assert "Waste management" not in body


def test_the_partnership_page_names_the_sector_in_english(reference, world, client_for):
    body = _partnership_page(client_for, world, "en")
    assert "<dd>14050 — Waste management/disposal</dd>" in body
    assert "Pengelolaan sampah" not in body


def test_the_partnership_page_without_a_sector_shows_a_dash(reference, world, client_for):
    world.partnership.dac_sector = ""
    world.partnership.save(update_fields=["dac_sector"])
    response = client_for(world.coordinator).get(
        reverse("partnerships:detail", args=[world.partnership.code])
    )
    assert "<dt>Sektor (DAC)</dt><dd>—</dd>" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "14050 — Pengelolaan sampah"), ("en", "14050 — Waste management/disposal")],
)
def test_the_public_partnership_page_names_the_sector(reference, client, language, expected):
    make_partnership(
        code="PUB-SAMPAH", visibility=Partnership.Visibility.PUBLIC, dac_sector="14050"
    )
    client.cookies["simitra_language"] = language
    response = client.get(reverse("knowledge:partnership_public", args=["PUB-SAMPAH"]))
    assert response.status_code == 200
    assert f"<dd>{expected}</dd>" in response.content.decode()


def test_the_portal_theme_choices_are_named_in_the_active_language(reference):
    with translation.override("id"):
        choices = dict(PortalFilterForm(themes=["12240", "14050"]).fields["theme"].choices)
    assert choices["12240"] == "12240 — Gizi dasar"
    assert choices["14050"] == "14050 — Pengelolaan sampah"


def test_the_partnership_export_names_the_sector(reference, world):
    world.partnership.dac_sector = "12240"
    world.partnership.save(update_fields=["dac_sector"])
    spec = sheets.get_sheet("partnerships")
    buffer = io.BytesIO()
    with translation.override("id"):
        write_list(spec, spec.export_rows(world.coordinator), buffer)
    rows = list(load_workbook(buffer)["Data"].iter_rows(values_only=True))
    header = list(rows[0])
    assert rows[1][header.index("Sektor (DAC)")] == "12240"
    assert rows[1][header.index("Nama sektor")] == "Gizi dasar"
