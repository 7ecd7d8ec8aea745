"""IATI import: schema validation, the official conformance files, the import rules,
all-or-nothing, and the round trip export → import → export."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from lxml import etree

from simitra.interop.iati import schema
from simitra.interop.iati.export import export_to_bytes
from simitra.interop.iati.importer import ImportRefused, import_iati, parse_activities
from simitra.interop.models import IatiProfile
from simitra.organisations.models import Organisation
from simitra.partnerships.models import Partner, Partnership, PhaseTransition
from simitra.partnerships.testing import make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    """The import's messages in Indonesian, the language the assertions read."""
    with translation.override("id"):
        yield


def snapshot():
    return (
        Partnership.objects.count(),
        Organisation.objects.count(),
        Partner.objects.count(),
        IatiProfile.objects.count(),
        PhaseTransition.objects.count(),
    )


def conformance_files(shared, kind):
    files = sorted((shared / "iati" / "conformance-2.03" / kind).rglob("*.xml"))
    assert files, f"no {kind} files found"
    return files


def test_every_should_fail_file_is_refused_naming_the_problem(world, shared, figures):
    files = conformance_files(shared, "should-fail")
    before = snapshot()
    refused = []
    for path in files:
        with pytest.raises(ImportRefused) as error:
            import_iati(data=path.read_bytes(), user=world.coordinator)
        problem = error.value.problems[0]
        # The message names where (line, element) and why.
        assert problem.message, path
        assert problem.line or problem.element, (path, str(problem))
        refused.append(path)
    assert snapshot() == before
    figures(
        f"IATI conformance: {len(refused)} of {len(files)} should-fail files refused, nothing saved"
    )
    assert len(refused) == len(files) == 225


def test_every_should_pass_file_is_accepted(world, shared, figures):
    files = conformance_files(shared, "should-pass")
    before = snapshot()
    nothing, imported = 0, 0
    for path in files:
        report = import_iati(data=path.read_bytes(), user=world.coordinator)
        assert report.activities >= 1, path
        if report.nothing_importable:
            assert report.skipped, path  # and says why
            nothing += 1
        else:
            imported += 1
    # The official files have empty identifiers: valid IATI, nothing Simitra can key on.
    assert snapshot() == before
    figures(
        f"IATI conformance: {len(files)} of {len(files)} should-pass files accepted "
        f"({imported} imported, {nothing} with nothing importable)"
    )
    assert len(files) == 58


def test_every_should_pass_file_imports_once_it_has_an_identifier(world, shared, figures):
    """Given identifiers, the same files (with codes like "xx" everywhere) import cleanly."""
    files = conformance_files(shared, "should-pass")
    for n, path in enumerate(files):
        data = path.read_bytes().replace(
            b"<iati-identifier></iati-identifier>",
            f"<iati-identifier>XX-CONF-{n}</iati-identifier>".encode(),
        )
        report = import_iati(data=data, user=world.coordinator)
        assert report.created == [f"CONF-{n}"] or report.created == [f"XX-CONF-{n}"], (path, report)
    assert Partnership.objects.filter(code__contains="CONF-").count() == len(files)
    figures(f"IATI conformance: {len(files)} should-pass files imported once given identifiers")


def test_a_file_that_is_not_xml_is_refused(world):
    with pytest.raises(ImportRefused) as error:
        import_iati(data=b"PK\x03\x04 not xml", user=world.coordinator)
    assert "XML" in str(error.value)


VERSION_1 = b"""<?xml version="1.0"?>
<iati-activities version="1.05" generated-datetime="2014-01-01T00:00:00">
  <iati-activity><iati-identifier>XM-1-A</iati-identifier><title>Old</title></iati-activity>
</iati-activities>"""


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (VERSION_1, "This file is IATI version 1.05, which Simitra does not read"),
        (VERSION_1.replace(b' version="1.05"', b""), "The file does not say which IATI version"),
    ],
    ids=["1.05", "no version"],
)
def test_a_version_1_file_is_refused_saying_which_version_is_read(world, data, expected):
    before = snapshot()
    with translation.override("en"), pytest.raises(ImportRefused) as error:
        import_iati(data=data, user=world.coordinator)
    (problem,) = error.value.problems
    assert problem.message.startswith(expected)
    assert "IATI 2 files (2.01 to 2.03)" in problem.message
    assert (problem.element, problem.line) == ("iati-activities", 2)
    assert snapshot() == before


def test_a_failure_inside_the_validator_is_reported_without_its_words(monkeypatch):
    class Broken:
        def validate(self, tree):
            raise etree.XMLSchemaValidateError("xmlSchemaVDocWalk: internal error")

    monkeypatch.setattr(schema, "activities_schema", Broken)
    tree = etree.ElementTree(etree.fromstring(b"<iati-activities version='2.03'/>"))
    (problem,) = schema.validate_tree(tree)
    assert problem.message == "Berkas tidak dapat diperiksa terhadap skema IATI."
    assert "internal" not in str(problem)


def test_entities_are_never_expanded(world, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY x SYSTEM "file://{secret}">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>A-1</iati-identifier>
<reporting-org ref="A" type="10"><narrative>&x;</narrative></reporting-org>
<title><narrative>&x;</narrative></title><description><narrative>d</narrative></description>
<participating-org role="1"><narrative>Org</narrative></participating-org>
<activity-status code="2"/><activity-date type="1" iso-date="2024-01-01"/>
</iati-activity></iati-activities>""".encode()
    with pytest.raises(ImportRefused) as error:
        import_iati(data=data, user=world.coordinator)
    assert "DTD" in str(error.value)
    assert "TOP-SECRET" not in str(error.value)
    assert not Partnership.objects.filter(title__contains="TOP-SECRET").exists()


def test_a_valid_file_with_a_bad_activity_saves_nothing(world):
    good = _activity("ID-X-GOOD-1", "Kemitraan Baik", dates=[("1", "2024-01-01")])
    bad = _activity(
        "ID-X-BAD-1", "Kemitraan Buruk", dates=[("1", "2025-01-01"), ("3", "2024-01-01")]
    )
    before = snapshot()
    with pytest.raises(ImportRefused) as error:
        import_iati(data=_file(good, bad), user=world.coordinator)
    problem = error.value.problems[0]
    assert problem.activity == "ID-X-BAD-1" and problem.element == "activity-date"
    assert "Tanggal selesai sebelum tanggal mulai" in problem.message
    assert snapshot() == before


def test_it_creates_partnerships_organisations_and_partners(world):
    data = _file(
        _activity(
            "XM-DAC-1-ABC",
            "Kemitraan Impor",
            en_title="Imported partnership",
            reporting_ref="XM-DAC-1",
            status="2",
            participants=[
                ("XM-DAC-41114", "40", "1", "Badan Donor"),
                ("", "10", "2", "Dinas Kesehatan"),  # exists in the world: matched by name
                ("", "", "4", "Kelompok Tani Baru"),
                ("", "22", "9", "Yayasan Peran Aneh"),
            ],
            locations=["KEMENDAGRI-53.02", "GEO-123"],
            sectors=[("1", "12240"), ("8", "2.2"), ("7", "2"), ("7", "5")],
            dates=[("2", "2024-02-01"), ("3", "2026-01-31")],
        )
    )
    report = import_iati(data=data, user=world.partner_user)
    assert report.created == ["ABC"]
    partnership = Partnership.objects.get(code="ABC")
    assert partnership.title == "Kemitraan Impor" and partnership.visibility == "private"
    assert list(partnership.coordinators.all()) == [world.partner_user]
    assert partnership.phase == 5 and partnership.status == "active"
    assert str(partnership.start_date) == "2024-02-01" and str(partnership.end_date) == "2026-01-31"
    assert partnership.dac_sector == "12240"
    assert [r.code for r in partnership.regions.all()] == ["53.02"]
    assert [t.code for t in partnership.sdg_targets.all()] == ["2.2"]
    transition = partnership.transitions.get()
    assert transition.overridden and "IATI" in transition.reason
    profile = partnership.iati_profile
    assert profile.iati_identifier == "XM-DAC-1-ABC" and profile.title_en == "Imported partnership"
    partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
    assert partners["Badan Donor"].iati_role == 1
    assert partners["Badan Donor"].organisation.iati_identifier == "XM-DAC-41114"
    assert partners["Badan Donor"].organisation.sector == "donor"
    assert partners["Dinas Kesehatan"].organisation == world.org_b
    assert partners["Kelompok Tani Baru"].organisation.sector == "ngo"  # no type given
    assert partners["Yayasan Peran Aneh"].iati_role is None
    assert all(p.status == "confirmed" for p in partners.values())
    assert sorted(report.organisations_created) == [
        "Badan Donor",
        "Kelompok Tani Baru",
        "Yayasan Peran Aneh",
    ]
    warnings = " ".join(report.warnings)
    assert "GEO" not in warnings and "1 lokasi" in warnings
    assert "5" in warnings  # the SDG goal without a target


def test_importing_again_updates_without_moving_the_phase(world):
    first = _file(_activity("ID-X-UPD", "Judul Lama", status="1", dates=[("1", "2024-01-01")]))
    import_iati(data=first, user=world.coordinator)
    partnership = Partnership.objects.get(code="UPD")
    second = _file(
        _activity(
            "ID-X-UPD",
            "Judul Baru",
            status="2",
            dates=[("2", "2024-03-01")],
            participants=[("", "70", "1", "PT Baru")],
        )
    )
    report = import_iati(data=second, user=world.coordinator)
    assert report.updated == ["UPD"] and report.created == []
    partnership.refresh_from_db()
    assert partnership.title == "Judul Baru" and str(partnership.start_date) == "2024-03-01"
    assert partnership.phase == 1  # phases move only through their gates
    assert any("tahap tidak diubah" in w for w in report.warnings)
    assert partnership.partners.filter(organisation__name="PT Baru", iati_role=1).exists()


def test_it_refuses_to_change_a_partnership_the_user_may_not_change(world):
    IatiProfile.objects.create(partnership=world.partnership, iati_identifier="ID-X-PRIV")
    data = _file(_activity("ID-X-PRIV", "Diambil Alih", dates=[("1", "2024-01-01")]))
    before = snapshot()
    for user in (world.outsider, world.partner_user):
        with pytest.raises(ImportRefused) as error:
            import_iati(data=data, user=user)
        assert "tidak dapat dipakai" in str(error.value)
        # The hidden partnership's code and title are never told.
        assert "Kemitraan Uji" not in str(error.value)
        assert world.partnership.code not in str(error.value)
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Kemitraan Uji"
    assert snapshot() == before


def test_a_collision_with_a_hidden_partnership_reads_like_any_other(world):
    """An outsider learns nothing of a private partnership from the import: a file whose
    identifier carries its code, or matches its IATI identifier, is refused in the words
    used for a published partnership the outsider may see but not change."""
    published = make_partnership(code="TERBUKA-1", visibility=Partnership.Visibility.PUBLIC)
    IatiProfile.objects.create(partnership=world.partnership, iati_identifier="ID-X-LAIN-9")
    before = snapshot()
    messages = {}
    for case, identifier in (
        ("private code", f"ID-X-{world.partnership.code}"),
        ("private identifier", "ID-X-LAIN-9"),
        ("published code", f"ID-X-{published.code}"),
    ):
        with pytest.raises(ImportRefused) as error:
            import_iati(data=_file(_activity(identifier, "Diambil Alih")), user=world.outsider)
        [problem] = error.value.problems
        assert (problem.activity, problem.element) == (identifier, "iati-identifier")
        messages[case] = problem.message
    assert len(set(messages.values())) == 1, messages
    message = messages["private code"]
    assert message == (
        "Kode kemitraan yang dibuat dari pengenal ini tidak dapat dipakai. Beri kegiatan ini "
        "iati-identifier lain."
    )
    for secret in (world.partnership.code, world.partnership.title, published.title):
        assert secret not in message
    assert snapshot() == before


def test_an_organisation_admin_gets_the_files_identifier_for_their_organisation(world):
    data = _file(
        _activity("ID-X-ORG", "K", participants=[("XM-DAC-5", "10", "1", world.org_b.name)])
    )
    report = import_iati(data=data, user=world.coordinator)  # not org_b's admin
    world.org_b.refresh_from_db()
    assert world.org_b.iati_identifier == ""
    assert any(world.org_b.name in w for w in report.warnings)
    world.partner_b_user.memberships.update(is_admin=True)
    admin = type(world.partner_b_user).objects.get(pk=world.partner_b_user.pk)
    data = _file(
        _activity("ID-X-ORG2", "K2", participants=[("XM-DAC-5", "10", "1", world.org_b.name)])
    )
    report = import_iati(data=data, user=admin)
    world.org_b.refresh_from_db()
    assert world.org_b.iati_identifier == "XM-DAC-5"
    assert report.organisations_updated == [world.org_b.name]
    assert world.org_b.name == "Dinas Kesehatan"


def test_the_same_identifier_twice_is_refused(world):
    one = _activity("ID-X-TWICE", "Satu", dates=[("1", "2024-01-01")])
    with pytest.raises(ImportRefused) as error:
        import_iati(data=_file(one, one), user=world.coordinator)
    assert error.value.problems[0].element == "iati-identifier"
    assert not Partnership.objects.filter(code="TWICE").exists()


def test_round_trip_gives_the_same_document(db):
    with open("/dev/null", "w") as sink:
        call_command("load_demo", stdout=sink)
    from django.contrib.auth import get_user_model

    from simitra.reference.loading import load_all

    first = export_to_bytes(Partnership.objects.all())
    # The published demo partnership links its signed MoU; the link must survive the trip.
    assert first.count(b"<document-link ") == 1 and b'<category code="A09"/>' in first
    # An empty database: everything goes, then only reference data and one admin come back.
    # PostgreSQL refuses to truncate tables with deferred constraint checks still pending in
    # the test's transaction: run them first.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    load_all()
    importer = get_user_model().objects.create_superuser("importer", "importer@example.test", "pw")
    assert snapshot()[:4] == (0, 0, 0, 0)
    report = import_iati(data=first, user=importer)
    assert len(report.created) == 3 and not report.warnings, report.warnings
    second = export_to_bytes(Partnership.objects.all())
    assert _without_timestamps(second) == _without_timestamps(first)
    assert second.count(b"<iati-activity ") == 3


def _without_timestamps(document: bytes) -> bytes:
    return re.sub(rb'(generated-datetime|last-updated-datetime)="[^"]*"', rb'\1=""', document)


def test_parse_reads_narratives_by_language(world):
    root = etree.fromstring(_file(_activity("A-1", "Judul", en_title="Title")))
    activity = parse_activities(root)[0]
    assert activity.titles == {"id": "Judul", "en": "Title"}


# Small builders of IATI files for the tests above.


def _activity(
    identifier,
    title,
    *,
    en_title=None,
    reporting_ref="ID-X",
    status="1",
    participants=None,
    locations=(),
    sectors=(),
    dates=(("1", "2024-01-01"),),
):
    participants = participants or [("", "10", "2", "Dinas Uji")]
    parts = [
        f'<iati-activity xml:lang="id"><iati-identifier>{identifier}</iati-identifier>',
        f'<reporting-org ref="{reporting_ref}" type="10"><narrative>Pelapor</narrative></reporting-org>',
        f"<title><narrative>{title}</narrative>",
    ]
    if en_title:
        parts.append(f'<narrative xml:lang="en">{en_title}</narrative>')
    parts.append("</title><description><narrative>Uraian.</narrative></description>")
    for ref, type_, role, name in participants:
        attributes = (
            f'role="{role}"'
            + (f' ref="{ref}"' if ref else "")
            + (f' type="{type_}"' if type_ else "")
        )
        parts.append(
            f"<participating-org {attributes}><narrative>{name}</narrative></participating-org>"
        )
    parts.append(f'<activity-status code="{status}"/>')
    for date_type, date in dates:
        parts.append(f'<activity-date type="{date_type}" iso-date="{date}"/>')
    for ref in locations:
        parts.append(f'<location ref="{ref}"><name><narrative>L</narrative></name></location>')
    for vocabulary, code in sectors:
        parts.append(f'<sector vocabulary="{vocabulary}" code="{code}"/>')
    parts.append("</iati-activity>")
    return "".join(parts)


def _file(*activities) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><iati-activities version="2.03">'
        + "".join(activities)
        + "</iati-activities>"
    ).encode()
