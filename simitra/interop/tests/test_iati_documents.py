"""IATI `document-link`: the signed MoU of a published partnership, and the links an imported
file gave, written again on export."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from simitra.agreements import services as agreements
from simitra.agreements.testing import make_mou, signed_mou
from simitra.interop.iati import document_links
from simitra.interop.iati.export import export_to_bytes
from simitra.interop.iati.importer import import_iati, parse_activities
from simitra.interop.models import IatiProfile
from simitra.partnerships.models import Partner, Partnership
from simitra.planning.testing import make_ready_plan

pytestmark = pytest.mark.django_db

LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PUBLIC = Partnership.Visibility.PUBLIC


@pytest.fixture
def exportable(world):
    world.pledges = make_ready_plan(world)
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="Ringkasan.", start_date=dt.date(2025, 1, 1)
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)
    world.partnership.refresh_from_db()
    return world


def _publish(partnership) -> None:
    Partnership.objects.filter(pk=partnership.pk).update(visibility=PUBLIC)
    partnership.refresh_from_db()


def _export(world):
    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=world.partnership.pk)))
    return root.find("iati-activity"), root


def test_a_published_partnerships_signed_mou_is_linked(exportable, official_schema, settings):
    settings.SITE_URL = "https://simitra.example.go.id/"
    world = exportable
    mou = signed_mou(world, title="Nota Kesepahaman Uji", number="01/NK/UJI/2025")
    agreements.enter_into_force(agreement=mou, effective_date=dt.date(2025, 2, 1))
    _publish(world.partnership)
    activity, root = _export(world)
    assert official_schema.validate(root), official_schema.error_log
    [link] = activity.findall("document-link")
    path = reverse("agreements:public_mou", args=[world.partnership.code])
    assert link.get("url") == f"https://simitra.example.go.id{path}"
    assert link.get("format") == "application/pdf"
    assert link.findtext("title/narrative") == "Nota Kesepahaman Uji"
    assert link.find("title/narrative").get(LANG) is None  # Indonesian, the activity's own
    assert [c.get("code") for c in link.findall("category")] == ["A09"]
    assert [c.get("code") for c in link.findall("language")] == ["id"]
    assert link.find("document-date").get("iso-date") == "2025-02-01"
    # The schema's order: the link comes after the transactions, before the results.
    names = [child.tag for child in activity]
    assert names.index("document-link") > max(
        (i for i, n in enumerate(names) if n in ("transaction", "budget")), default=-1
    )


def test_an_english_mou_says_its_language(exportable, official_schema):
    world = exportable
    signed_mou(world, title="Memorandum of Understanding", language="en")
    _publish(world.partnership)
    activity, root = _export(world)
    assert official_schema.validate(root), official_schema.error_log
    link = activity.find("document-link")
    assert link.find("title/narrative").get(LANG) == "en"
    assert link.find("language").get("code") == "en"
    assert link.find("document-date") is None  # signed, not yet in force: no date to give


def test_a_private_partnerships_mou_is_never_linked(exportable):
    world = exportable
    signed_mou(world)
    activity, _root = _export(world)
    assert not world.partnership.is_public
    assert activity.find("document-link") is None


def test_an_unsigned_mou_is_not_linked(exportable):
    world = exportable
    make_mou(world)
    _publish(world.partnership)
    activity, _root = _export(world)
    assert activity.find("document-link") is None


def _file_with_links(links: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><iati-activities version="2.03">'
        '<iati-activity xml:lang="id"><iati-identifier>ID-X-DOKUMEN</iati-identifier>'
        '<reporting-org ref="ID-X" type="10"><narrative>Pelapor</narrative></reporting-org>'
        "<title><narrative>Kemitraan Dokumen</narrative></title>"
        "<description><narrative>Uraian.</narrative></description>"
        '<participating-org role="2" type="10"><narrative>Dinas Uji</narrative>'
        "</participating-org>"
        '<activity-status code="2"/><activity-date type="2" iso-date="2024-01-01"/>'
        f"{links}"
        '<result type="1"><title><narrative>Hasil</narrative></title>'
        '<document-link url="https://example.org/hasil.pdf" format="application/pdf">'
        '<title><narrative>Laporan hasil</narrative></title><category code="A01"/>'
        "</document-link>"
        '<indicator measure="1"><title><narrative>Indikator</narrative></title></indicator>'
        "</result>"
        "</iati-activity></iati-activities>"
    ).encode()


LINKS = (
    '<document-link url="https://example.org/mou.pdf" format="application/pdf">'
    '<title><narrative>Nota Kesepahaman</narrative><narrative xml:lang="en">MoU</narrative>'
    "</title>"
    '<description><narrative xml:lang="en">Signed by all.</narrative></description>'
    '<category code="A09"/><category code="A01"/><language code="id"/><language code="en"/>'
    '<document-date iso-date="2024-02-01"/></document-link>'
    '<document-link url="javascript:alert(1)" format="text/html">'
    "<title><narrative>Tautan aneh</narrative></title>"
    '<category code="A12"/></document-link>'
)


def test_an_imported_files_links_are_kept_and_written_again(world, official_schema):
    with translation.override("en"):
        report = import_iati(data=_file_with_links(LINKS), user=world.admin)
    partnership = Partnership.objects.get(iati_profile__iati_identifier="ID-X-DOKUMEN")
    stored = partnership.iati_profile.document_links
    assert [link["url"] for link in stored] == [
        "https://example.org/mou.pdf",
        "javascript:alert(1)",
    ]
    assert stored[0]["titles"] == [["Nota Kesepahaman", None], ["MoU", "en"]]
    assert stored[0]["categories"] == ["A09", "A01"] and stored[0]["date"] == "2024-02-01"
    assert any("2 document link(s)" in line for line in report.records)

    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=partnership.pk)))
    assert official_schema.validate(root), official_schema.error_log
    written = root.findall("iati-activity/document-link")
    assert [link.get("url") for link in written] == [
        "https://example.org/mou.pdf",
        "javascript:alert(1)",
    ]
    first = written[0]
    assert [(n.get(LANG), n.text) for n in first.findall("title/narrative")] == [
        (None, "Nota Kesepahaman"),
        ("en", "MoU"),
    ]
    assert first.find("description/narrative").text == "Signed by all."
    assert [c.get("code") for c in first.findall("language")] == ["id", "en"]
    assert first.find("document-date").get("iso-date") == "2024-02-01"


def test_a_new_file_replaces_the_kept_links(world):
    import_iati(data=_file_with_links(LINKS), user=world.admin)
    import_iati(data=_file_with_links(""), user=world.admin)
    profile = IatiProfile.objects.get(iati_identifier="ID-X-DOKUMEN")
    assert profile.document_links == []


def test_links_inside_results_are_not_the_activitys(world):
    root = etree.fromstring(_file_with_links(""))
    [activity] = parse_activities(root)
    assert activity.document_links == []


def test_the_published_mou_and_a_kept_link_to_the_same_address_are_written_once(
    exportable, official_schema
):
    world = exportable
    signed_mou(world)
    _publish(world.partnership)
    own = document_links.public_mou_url(world.partnership)
    other = document_links.DocumentLink(
        url="https://example.org/laporan.pdf",
        format="application/pdf",
        titles=[("Laporan", None)],
        categories=["A07"],
    )
    copy = document_links.DocumentLink(
        url=own, format="application/pdf", titles=[("Salinan lama", None)], categories=["A09"]
    )
    IatiProfile.objects.create(
        partnership=world.partnership, document_links=[copy.as_dict(), other.as_dict()]
    )
    activity, root = _export(world)
    assert official_schema.validate(root), official_schema.error_log
    written = [
        (link.get("url"), link.findtext("title/narrative"))
        for link in activity.findall("document-link")
    ]
    assert written == [
        (own, "Nota Kesepahaman Uji"),
        ("https://example.org/laporan.pdf", "Laporan"),
    ]


def test_only_web_addresses_are_shown_as_links_on_the_iati_page(world, client_for):
    import_iati(data=_file_with_links(LINKS), user=world.admin)
    partnership = Partnership.objects.get(iati_profile__iati_identifier="ID-X-DOKUMEN")
    page = client_for(world.admin).get(
        reverse("interop:partnership_iati", args=[partnership.code]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="https://example.org/mou.pdf"' in html
    assert "Tautan aneh" in html
    assert 'href="javascript:' not in html
