"""IATI export: content, mapping, validation against the official schema, streaming."""

import io

import pytest
from django.core.management import call_command
from lxml import etree

from simitra.interop.iati import export
from simitra.interop.iati.export import ExportInvalid, export_to_bytes, export_to_file
from simitra.interop.models import IatiProfile
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partner, Partnership
from simitra.partnerships.testing import make_organisation, make_partner, make_partnership

pytestmark = pytest.mark.django_db
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def demo(db):
    with open("/dev/null", "w") as sink:
        call_command("load_demo", stdout=sink)
    return Partnership.objects.all()


def test_every_demo_partnership_exports_valid_iati(demo, official_schema, tmp_path):
    assert demo.count() == 3
    path = tmp_path / "demo.xml"
    result = export_to_file(demo, path)
    assert result.activities == 3
    document = etree.parse(str(path))
    assert official_schema.validate(document), official_schema.error_log
    assert document.getroot().get("version") == "2.03"
    for partnership in demo:
        single = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=partnership.pk)))
        assert official_schema.validate(single), (partnership.code, official_schema.error_log)


def test_the_activity_carries_the_partnership(demo, settings):
    settings.SIMITRA_IATI_REPORTING_ORG_REF = "ID-KMK-000001"
    partnership = demo.get(code="NTT-STUNTING-2025")
    dkpa = Partner.objects.get(partnership=partnership, organisation__slug="dkpa").organisation
    dkpa.iati_identifier = "XM-DAC-99999"
    dkpa.save()
    root = etree.fromstring(export_to_bytes(demo.filter(pk=partnership.pk)))
    activity = root.find("iati-activity")
    assert activity.get(LANG) == "id" and activity.get("default-currency") == "IDR"
    assert activity.findtext("iati-identifier") == "ID-KMK-000001-NTT-STUNTING-2025"
    assert activity.find("reporting-org").get("ref") == "ID-KMK-000001"
    titles = activity.findall("title/narrative")
    assert titles[0].text == partnership.title and titles[0].get(LANG) is None
    assert [t.get(LANG) for t in titles] == [None, "en"]  # the demo has an English title
    assert activity.find("description").get("type") == "1"
    roles = [
        (p.get("role"), p.get("type"), p.findtext("narrative"), p.get("ref"))
        for p in activity.findall("participating-org")
    ]
    assert roles[0] == ("1", "40", "Dana Kemitraan Pembangunan Asia", "XM-DAC-99999")
    assert ("2", "10", "Bappeda Kabupaten Timor Tengah Selatan", None) in roles
    assert ("3", "22", "Pusat Kemitraan Pembangunan Nusantara", None) in roles
    # The beneficiary community has no IATI role: it is not a participating organisation.
    assert "Kelompok Posyandu Mawar Mollo" not in [r[2] for r in roles]
    assert activity.find("activity-status").get("code") == "2"  # managing → implementation
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"2": "2025-01-01", "3": "2027-12-31"}
    assert activity.find("recipient-country").get("code") == "ID"
    locations = [loc.get("ref") for loc in activity.findall("location")]
    assert locations == ["KEMENDAGRI-53.02", "KEMENDAGRI-53.02.01", "KEMENDAGRI-53.02.02"]
    assert activity.find("location/name/narrative").text == "Kabupaten Timor Tengah Selatan"
    sectors = {}
    for sector in activity.findall("sector"):
        sectors.setdefault(sector.get("vocabulary"), []).append(
            (sector.get("code"), sector.get("percentage"))
        )
    assert sectors == {
        "1": [("12240", "100")],
        "7": [("2", "50"), ("3", "50")],
        "8": [("2.2", "50"), ("3.2", "50")],
    }


@pytest.mark.parametrize(
    ("phase", "status", "code"),
    [
        (1, "active", "1"),
        (4, "active", "1"),
        (5, "active", "2"),
        (6, "active", "2"),
        (7, "active", "3"),
        (5, "completed", "4"),
        (3, "terminated", "5"),
    ],
)
def test_the_activity_status_follows_phase_and_status(world, phase, status, code):
    partnership = world.partnership
    Partnership.objects.filter(pk=partnership.pk).update(
        phase=phase, status=status, summary="Ringkasan.", start_date="2020-01-01"
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)
    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=partnership.pk)))
    assert root.find("iati-activity/activity-status").get("code") == code


def test_an_incomplete_partnership_is_an_error_naming_the_element(world):
    with pytest.raises(ExportInvalid) as refused:
        export_to_bytes(Partnership.objects.filter(pk=world.partnership.pk))
    elements = {problem.element for problem in refused.value.problems}
    assert elements == {"description", "participating-org", "activity-date"}
    assert all(p.activity.endswith(world.partnership.code) for p in refused.value.problems)


def test_a_schema_violation_names_the_element_and_reason(world, monkeypatch):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="S.", start_date="2020-01-01"
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)

    def bad_budget(partnership):
        yield etree.Element("budget")  # a budget needs its period and value

    monkeypatch.setattr(export, "budget_elements", bad_budget)
    with pytest.raises(ExportInvalid) as refused:
        export_to_bytes(Partnership.objects.filter(pk=world.partnership.pk))
    problem = refused.value.problems[0]
    assert problem.element == "budget"
    assert "Missing child element" in problem.message


def test_the_extension_points_add_their_elements(world, monkeypatch, official_schema):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="S.", start_date="2020-01-01"
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)

    def document(partnership):
        link = etree.Element(
            "document-link", format="application/pdf", url="https://example.org/mou.pdf"
        )
        etree.SubElement(etree.SubElement(link, "title"), "narrative").text = "MoU"
        etree.SubElement(link, "category", code="A09")
        yield link

    monkeypatch.setattr(export, "document_link_elements", document)
    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=world.partnership.pk)))
    assert root.find("iati-activity/document-link/title/narrative").text == "MoU"
    assert official_schema.validate(root)


def test_english_narratives_come_from_the_iati_profile(world):
    partnership = world.partnership
    Partnership.objects.filter(pk=partnership.pk).update(
        summary="Ringkasan.", end_date="2030-01-01"
    )
    Partner.objects.filter(pk=world.partner_b.pk).update(iati_role=2)
    IatiProfile.objects.create(
        partnership=partnership, title_en="Test partnership", description_en="Summary."
    )
    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=partnership.pk)))
    assert [(n.get(LANG), n.text) for n in root.findall("iati-activity/title/narrative")] == [
        (None, "Kemitraan Uji"),
        ("en", "Test partnership"),
    ]
    assert [(n.get(LANG), n.text) for n in root.findall("iati-activity/description/narrative")] == [
        (None, "Ringkasan."),
        ("en", "Summary."),
    ]


def test_reading_does_not_grow_with_partnerships(world, settings):
    settings.SIMITRA_EXPORT_CHUNK_SIZE = 100

    def add(n):
        for _ in range(n):
            partnership = make_partnership(summary="S.", start_date="2024-01-01", title="K")
            partnership.regions.set(["53.02", "53.02.01"])
            partnership.sdg_targets.set(["2.2", "3.2"])
            make_partner(partnership, make_organisation(), iati_role=1)
            make_partner(partnership, world.org_a, iati_role=4)
            IatiProfile.objects.create(partnership=partnership, title_en="K")

    def run():
        export.write_activities(Partnership.objects.filter(title="K"), io.BytesIO())

    add(3)
    small = count_queries(run)
    add(30)
    assert count_queries(run) == small


def test_the_command_writes_a_validated_file(demo, tmp_path, official_schema):
    out = tmp_path / "out.xml"
    call_command("export_iati", "--output", str(out), "NTT-STUNTING-2025", "SULSEL-UMKM-2023")
    root = etree.parse(str(out))
    assert official_schema.validate(root)
    assert [a.findtext("iati-identifier") for a in root.findall("iati-activity")] == [
        "ID-SIMITRA-NTT-STUNTING-2025",
        "ID-SIMITRA-SULSEL-UMKM-2023",
    ]


def test_the_command_refuses_an_invalid_selection_and_writes_nothing(world, tmp_path):
    from django.core.management.base import CommandError

    out = tmp_path / "out.xml"
    with pytest.raises(CommandError, match="description"):
        call_command("export_iati", "--output", str(out), world.partnership.code)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
