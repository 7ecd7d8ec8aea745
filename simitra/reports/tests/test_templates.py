"""Report templates: a coordinator copies one and changes its sections in the page; an
organisation's own Word template is checked on upload, and refused with the reason named."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from simitra.reports.documents import build_builtin_template
from simitra.reports.models import ReportTemplate

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word(*lines) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def own(world, builtin, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("reports:template_copy", args=[builtin["triwulan"].pk]),
        {"title": "Laporan Bappeda TTS", "organisation": world.broker.pk},
    )
    assert response.status_code == 302
    return ReportTemplate.objects.get(title="Laporan Bappeda TTS")


def upload(client, template, data, name="templat.docx"):
    file = SimpleUploadedFile(name, data, content_type=DOCX)
    return client.post(reverse("reports:template_upload", args=[template.pk]), {"file": file})


def test_a_copy_has_the_sections_and_its_order_changes_in_the_page(world, own, client_for):
    assert own.organisation == world.broker and own.sections.count() == 10
    sections = list(own.sections.all())
    data = {
        "title": own.title,
        "audience": own.audience,
        "language": "id",
        "period_kind": "quarter",
        "sections-TOTAL_FORMS": str(len(sections) + 1),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for n, section in enumerate(sections):
        data |= {
            f"sections-{n}-id": section.pk,
            f"sections-{n}-template": own.pk,
            f"sections-{n}-kind": section.kind,
            f"sections-{n}-title": section.title,
            f"sections-{n}-order": str(100 - n),  # reversed
        }
    data[f"sections-{len(sections) - 1}-DELETE"] = "on"
    n = len(sections)
    data |= {
        f"sections-{n}-kind": "health",
        f"sections-{n}-title": "Kesehatan",
        f"sections-{n}-order": "1",
    }
    response = client_for(world.coordinator).post(
        reverse("reports:template_edit", args=[own.pk]), data
    )
    assert response.status_code == 302
    titles = list(own.sections.values_list("title", flat=True))
    assert titles[0] == "Kesehatan"
    assert titles[1] == "Cerita dari lapangan"  # was ninth, the annex removed
    assert len(titles) == 10


def test_a_built_in_template_cannot_be_edited(world, builtin, client_for):
    url = reverse("reports:template_edit", args=[builtin["triwulan"].pk])
    assert client_for(world.coordinator).get(url).status_code == 403


def test_another_organisation_cannot_edit_the_copy(world, own, client_for):
    url = reverse("reports:template_edit", args=[own.pk])
    assert client_for(world.outsider).get(url).status_code == 404


def test_a_template_that_renders_is_stored(world, own, client_for):
    data = word(
        "{{ title }} — {{ partnership }}", "{% for s in sections %}{{ s.title }}{% endfor %}"
    )
    assert upload(client_for(world.coordinator), own, data).status_code == 302
    own.refresh_from_db()
    assert own.docx and own.docx_name == "templat.docx"


def test_the_sample_template_passes_its_own_check(world, own, client_for):
    assert upload(client_for(world.coordinator), own, build_builtin_template()).status_code == 302


def test_an_unknown_variable_is_refused_by_name_and_nothing_stored(world, own, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = upload(client, own, word("{{ title }} {{ nomor_surat }}"))
    assert response.status_code == 400
    assert "“nomor_surat”, which reports do not have" in response.content.decode()
    own.refresh_from_db()
    assert not own.docx


def test_an_unknown_attribute_is_named_too(world, own, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = upload(client, own, word("{% for s in sections %}{{ s.budget }}{% endfor %}"))
    assert "“budget”" in response.content.decode()


def test_a_broken_tag_is_refused(world, own, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = upload(client, own, word("{% for s in sections %}{{ s.title }}"))
    assert response.status_code == 400
    assert "mistake in a tag" in response.content.decode()


def test_a_broken_docx_is_refused(world, own, client_for):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "not xml")
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = upload(client, own, buffer.getvalue())
    assert response.status_code == 400
    own.refresh_from_db()
    assert not own.docx


def test_a_file_that_is_no_docx_is_refused(world, own, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = upload(client, own, b"%PDF-1.4 not a word file", name="templat.docx")
    assert response.status_code == 400
    assert (
        "not accepted" in response.content.decode() or "does not match" in response.content.decode()
    )
    own.refresh_from_db()
    assert not own.docx


def test_a_file_over_the_upload_limit_is_refused(world, own, client_for, settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 1000
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = upload(client, own, build_builtin_template())
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    own.refresh_from_db()
    assert not own.docx


def test_a_report_from_an_own_template_uses_its_word_file(world, own, client_for, immediate_tasks):
    import datetime as dt

    from simitra.reports import services

    upload(client_for(world.coordinator), own, word("OWN {{ title }} {{ by_kind.results.title }}"))
    report = services.create_report(
        partnership=world.partnership,
        template=ReportTemplate.objects.get(pk=own.pk),
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 3, 31),
        user=world.coordinator,
    )
    client = client_for(world.coordinator)
    client.post(reverse("reports:preview", args=[world.partnership.code, report.pk]))
    url = reverse("reports:download", args=[world.partnership.code, report.pk, "docx"])
    data = b"".join(client.get(url).streaming_content)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "OWN Laporan Bappeda TTS Capaian indikator" in text


def test_a_new_report_offers_the_last_quarter_ended():
    import datetime as dt

    from simitra.reports.forms import last_quarter

    assert last_quarter(dt.date(2026, 12, 4)) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert last_quarter(dt.date(2026, 1, 1)) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert last_quarter(dt.date(2026, 3, 31)) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
