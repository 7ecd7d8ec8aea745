"""Upload checks shared by every app: kind by content, size, private storage and serving."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import Http404
from django.utils import translation

from simitra.lib import uploads
from simitra.lib.uploads import (
    EVERY_KIND,
    IMAGES,
    OOXML,
    PDF,
    PrivateStorage,
    accept,
    file_response,
    private_root,
    private_storage,
    sniff,
    unguessable_name,
    validate_upload,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\0" * 20
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"
OOXML_TYPE = "application/vnd.openxmlformats-officedocument."


def zipped(*entries: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries:
            archive.writestr(name, text)
    return buffer.getvalue()


def office(folder: str) -> bytes:
    return zipped(("[Content_Types].xml", "<Types/>"), (f"{folder}/document.xml", "<x/>"))


def opendocument(mimetype: str) -> bytes:
    # The mimetype entry comes first in a real OpenDocument file.
    return zipped(("mimetype", mimetype), ("content.xml", "<office:document-content/>"))


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refusal(name, content, allowed=EVERY_KIND) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        validate_upload(upload(name, content), allowed)
    return error.value


def rendered(error: ValidationError, language: str) -> str:
    with translation.override(language):
        return " ".join(error.messages)


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("laporan.pdf", PDF_BYTES, "pdf", "application/pdf"),
        ("grafik.png", PNG_BYTES, "png", "image/png"),
        ("foto.JPG", JPEG_BYTES, "jpeg", "image/jpeg"),
        ("foto.jpeg", JPEG_BYTES, "jpeg", "image/jpeg"),
        ("kajian.docx", office("word"), "docx", OOXML_TYPE + "wordprocessingml.document"),
        ("anggaran.xlsx", office("xl"), "xlsx", OOXML_TYPE + "spreadsheetml.sheet"),
        ("paparan.pptx", office("ppt"), "pptx", OOXML_TYPE + "presentationml.presentation"),
        (
            "notulen.odt",
            opendocument("application/vnd.oasis.opendocument.text"),
            "odt",
            "application/vnd.oasis.opendocument.text",
        ),
        (
            "data.ods",
            opendocument("application/vnd.oasis.opendocument.spreadsheet"),
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("data.csv", b"desa,jumlah\nOelbubuk,120\n", "csv", "text/csv"),
        ("notulen.txt", "Notulen rapat — ringkas".encode(), "text", "text/plain"),
    ],
)
def test_it_accepts_every_kind_by_its_content(name, content, kind, content_type):
    accepted = validate_upload(upload(name, content))
    assert (accepted.name, accepted.content_type) == (kind, content_type)


def test_the_file_is_left_at_its_start_for_saving():
    file = upload("kajian.docx", office("word"))
    validate_upload(file)
    assert file.tell() == 0


def test_a_character_cut_at_the_end_of_the_sample_is_still_text():
    content = "a" * (uploads.SAMPLE - 1) + "é" * 10  # é is two bytes: the 2,048th is cut
    assert sniff(upload("catatan.txt", content.encode())).name == "text"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.pdf", PROGRAM),
        ("catatan.txt", b"teks\x00biner"),
        ("catatan.txt", b"\xff\xfe latin-1 \xe9t\xe9 " * 3),
        ("arsip.docx", zipped(("run.sh", "echo hi"))),
        ("paparan.odp", opendocument("application/vnd.oasis.opendocument.presentation")),
        ("rusak.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_it_does_not_recognise_other_content(name, content):
    assert sniff(upload(name, content)) is None
    assert refusal(name, content).code == "type"


def test_it_refuses_a_program_renamed_as_a_pdf_with_the_accepted_kinds():
    error = refusal("laporan.pdf", PROGRAM, {PDF, *IMAGES})
    assert error.code == "type"
    assert rendered(error, "en") == "This kind of file is not accepted. Accepted: PDF, PNG, JPEG."
    assert rendered(error, "id") == (
        "Jenis berkas ini tidak diterima. Yang diterima: PDF, PNG, JPEG."
    )


def test_it_refuses_a_kind_the_caller_does_not_accept():
    """A real Word file where only a PDF or an image is accepted (a signed scan)."""
    error = refusal("kajian.docx", office("word"), {PDF, *IMAGES})
    assert error.code == "type"
    text_error = refusal("catatan.txt", b"teks", {PDF, *IMAGES, *OOXML})
    assert "Word (.docx), Excel (.xlsx), PowerPoint (.pptx)" in rendered(text_error, "en")


def test_the_list_of_accepted_kinds_is_translated():
    error = refusal("laporan.pdf", PROGRAM)
    assert "plain text (.txt)" in rendered(error, "en")
    assert "teks biasa (.txt)" in rendered(error, "id")
    assert "teks OpenDocument (.odt)" in rendered(error, "id")


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("laporan.docx", PDF_BYTES, "(.docx) does not match its content (PDF)"),
        ("foto.png", JPEG_BYTES, "(.png) does not match its content (JPEG)"),
        ("laporan.pdf", b"<script>alert(1)</script>", "(.pdf) does not match its content (TEXT)"),
        ("anggaran.docx", office("xl"), "(.docx) does not match its content (XLSX)"),
        ("laporan", PDF_BYTES, "(—) does not match its content (PDF)"),
    ],
)
def test_it_refuses_a_name_that_lies_about_the_content(name, content, shown):
    error = refusal(name, content)
    assert error.code == "mismatch"
    assert shown in rendered(error, "en")
    assert "tidak sesuai dengan isinya" in rendered(error, "id")


def test_it_refuses_a_file_over_the_limit(settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 10
    with translation.override("en"):  # the sizes are written in the language of the request
        error = refusal("laporan.pdf", PDF_BYTES)
    assert error.code == "too_large"
    assert rendered(error, "en") == "The file is too large (44\xa0bytes); the limit is 10\xa0bytes."
    with translation.override("id"):
        error = refusal("laporan.pdf", PDF_BYTES)
    assert rendered(error, "id") == "Berkas terlalu besar (44\xa0bita); batasnya 10\xa0bita."
    settings.SIMITRA_MAX_UPLOAD_BYTES = len(PDF_BYTES)
    assert validate_upload(upload("laporan.pdf", PDF_BYTES)).name == "pdf"


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="exe"):
        validate_upload(upload("laporan.pdf", PDF_BYTES), {PDF, "exe"})


def test_accept_lists_the_extensions_for_the_file_picker():
    assert accept({PDF, *IMAGES}) == ".jpeg,.jpg,.pdf,.png"
    assert accept().split(",") == sorted(
        [".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".csv"]
        + [".txt"]
    )


def test_unguessable_names_keep_only_the_folder_and_the_extension():
    first = unguessable_name("evidence/7", "Kuitansi Desa.PDF")
    assert re.fullmatch(r"evidence/7/[0-9a-f]{32}\.pdf", first)
    assert unguessable_name("evidence/7", "Kuitansi Desa.PDF") != first
    assert re.fullmatch(r"x/[0-9a-f]{32}", unguessable_name("x", "tanpa-ekstensi"))


def test_private_files_live_outside_media_root_without_a_url(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.SIMITRA_PRIVATE_ROOT = None
    assert private_root() == tmp_path / "data" / "private"
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "elsewhere"
    name = private_storage.save("a/b.txt", ContentFile(b"isi"))
    assert (tmp_path / "elsewhere" / name).read_bytes() == b"isi"
    assert not Path(settings.MEDIA_ROOT, name).exists()
    with pytest.raises(ValueError):
        private_storage.url(name)


def test_the_storage_keeps_its_import_paths_for_the_migrations():
    """The migrations construct the storage by its old names; it must stay the same class, so
    they see no change."""
    from simitra.resources.uploads import PrivateStorage as in_resources
    from simitra.scoping.models.problem import PrivateUploads

    assert in_resources is PrivateStorage and PrivateUploads is PrivateStorage
    assert PrivateUploads().deconstruct() == private_storage.deconstruct()


@pytest.fixture
def stored(settings, tmp_path):
    """Put bytes in the private storage and give back the file as a model would hold it."""
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    field = models.FileField(storage=private_storage)

    def store(name, content):
        return models.fields.files.FieldFile(None, field, private_storage.save(name, content))

    return store


def test_the_response_is_an_attachment_typed_by_its_content(stored):
    field_file = stored("x/abc.docx", ContentFile(office("word")))
    response = file_response(field_file, "Kajian Desa.docx")
    assert response["Content-Type"] == OOXML_TYPE + "wordprocessingml.document"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert "Kajian Desa.docx" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == office("word")


def test_the_response_uses_the_content_type_given(stored):
    field_file = stored("x/abc.csv", ContentFile(b"a,b\n"))
    response = file_response(field_file, "data.csv", "text/csv")
    assert response["Content-Type"] == "text/csv"
    unknown = file_response(stored("x/abc.bin", ContentFile(PROGRAM)), "x.bin")
    assert unknown["Content-Type"] == "application/octet-stream"


def test_no_file_or_a_lost_file_is_not_found(stored):
    field = models.FileField(storage=private_storage)
    with pytest.raises(Http404):
        file_response(models.fields.files.FieldFile(None, field, ""), "x.pdf")
    lost = stored("x/lost.pdf", ContentFile(PDF_BYTES))
    private_storage.delete(lost.name)
    with pytest.raises(Http404):
        file_response(lost, "x.pdf")
