"""The data exchange pages: access, refusals of bad uploads, the partnership's IATI page."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from simitra.interop.models import IatiProfile, Job
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partner, Partnership

pytestmark = pytest.mark.django_db


def iati_page(world):
    return reverse("interop:partnership_iati", args=[world.partnership.code])


def iati_file(world):
    return reverse("interop:partnership_iati_download", args=[world.partnership.code])


def _exportable(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="Ringkasan.", start_date="2024-01-01"
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)


@pytest.mark.parametrize("name", ["hub", "iati_export", "iati_import", "excel_import", "jobs"])
def test_the_pages_ask_anonymous_visitors_to_log_in(client_for, name):
    response = client_for(None).get(reverse(f"interop:{name}"))
    assert response.status_code == 302 and "/akun/" in response["Location"]


@pytest.mark.parametrize("name", ["hub", "iati_export", "iati_import", "excel_import", "jobs"])
def test_the_pages_render_for_any_signed_in_user(world, client_for, name):
    response = client_for(world.outsider).get(reverse(f"interop:{name}"))
    assert response.status_code == 200


def test_the_outsider_cannot_reach_a_private_partnerships_iati(world, client_for):
    client = client_for(world.outsider)
    assert client.get(iati_page(world)).status_code == 404
    assert client.get(iati_file(world)).status_code == 404
    assert client.post(iati_page(world), {"title_en": "x"}).status_code == 404


def test_a_read_only_partner_reads_but_does_not_edit(world, client_for):
    _exportable(world)
    client = client_for(world.partner_user)
    page = client.get(iati_page(world))
    assert page.status_code == 200
    assert 'name="title_en"' not in page.content.decode()  # no form to edit
    assert client.post(iati_page(world), {"title_en": "x"}).status_code == 403
    assert not IatiProfile.objects.filter(title_en="x").exists()
    download = client.get(iati_file(world))
    assert download.status_code == 200
    assert (
        download["Content-Disposition"]
        == f'attachment; filename="iati-{world.partnership.code}.xml"'
    )
    assert etree.fromstring(download.content).findtext("iati-activity/iati-identifier")


def test_the_coordinator_sets_the_english_texts(world, client_for):
    _exportable(world)
    client = client_for(world.coordinator)
    response = client.post(
        iati_page(world), {"iati_identifier": "", "title_en": "Test", "description_en": "About."}
    )
    assert response.status_code == 302
    profile = IatiProfile.objects.get(partnership=world.partnership)
    assert (profile.title_en, profile.description_en) == ("Test", "About.")
    root = etree.fromstring(client.get(iati_file(world)).content)
    assert root.findall("iati-activity/title/narrative")[1].text == "Test"


def test_an_identifier_is_used_once(world, client_for):
    other = Partnership.objects.create(code="LAIN", title="Lain")
    IatiProfile.objects.create(partnership=other, iati_identifier="ID-X-1")
    response = client_for(world.coordinator).post(iati_page(world), {"iati_identifier": "ID-X-1"})
    assert response.status_code == 200
    assert "ID-X-1" in response.content.decode()
    assert not IatiProfile.objects.filter(partnership=world.partnership).exists()


def test_the_page_says_why_a_partnership_cannot_be_exported(world, client_for):
    client = client_for(world.coordinator)
    page = client.get(iati_page(world)).content.decode()
    assert "<code>description</code>" in page and "<code>participating-org</code>" in page
    response = client.get(iati_file(world))
    assert response.status_code == 302 and response["Location"] == iati_page(world)


def test_the_partnership_page_links_to_its_iati_page(world, client_for):
    page = client_for(world.partner_user).get(
        reverse("partnerships:detail", args=[world.partnership.code])
    )
    assert iati_page(world) in page.content.decode()


def test_an_upload_that_is_not_xml_is_refused(world, client_for):
    response = client_for(world.coordinator).post(
        reverse("interop:iati_import"), {"file": SimpleUploadedFile("x.xml", b"%PDF-1.4 ...")}
    )
    assert response.status_code == 200
    assert (
        "bukan berkas XML" in response.content.decode()
        or "not an XML file" in response.content.decode()
    )
    assert not Job.objects.exists()


def test_an_upload_that_is_too_large_is_refused(world, client_for, settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 100
    response = client_for(world.coordinator).post(
        reverse("interop:iati_import"), {"file": SimpleUploadedFile("x.xml", b"<a/>" + b" " * 200)}
    )
    assert response.status_code == 200 and not Job.objects.exists()


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"name,sector\nA,ngo\n",  # a CSV
        _zip({"hello.txt": "not a workbook"}),  # a zip, not a workbook
        _zip({"[Content_Types].xml": "", "xl/workbook.xml": "", "big": "0" * 5000}),  # a bomb
    ],
)
def test_an_upload_that_is_not_a_workbook_is_refused(world, client_for, settings, content):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 200
    response = client_for(world.coordinator).post(
        reverse("interop:excel_import"),
        {"sheet": "organisations", "file": SimpleUploadedFile("x.xlsx", content)},
    )
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_the_template_downloads(world, client_for):
    response = client_for(world.outsider).get(
        reverse("interop:excel_template", args=["organisations"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Data" in load_workbook(io.BytesIO(response.content)).sheetnames
    assert (
        client_for(world.outsider)
        .get(reverse("interop:excel_template", args=["partnerships"]))
        .status_code
        == 404
    )


def test_a_list_export_needs_a_post(world, client_for):
    url = reverse("interop:excel_export", args=["partnerships"])
    assert client_for(world.coordinator).get(url).status_code == 405
    assert client_for(world.coordinator).post(url).status_code == 302
    assert Job.objects.get().params == {"sheet": "partnerships"}


def test_the_job_list_does_not_grow_with_jobs(world, client_for):
    client = client_for(world.coordinator)

    def add(n):
        for i in range(n):
            Job.objects.create(owner=world.coordinator, kind="excel_export", title=f"J{i}")

    def get():
        assert client.get(reverse("interop:jobs")).status_code == 200

    add(2)
    small = count_queries(get)
    add(20)
    assert count_queries(get) == small
