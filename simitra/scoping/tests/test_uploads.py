import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from simitra.scoping.uploads import check_upload, sniff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("laporan.pdf", PDF, "application/pdf"),
        ("grafik.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
        ("data.csv", b"desa,jumlah\nOelbubuk,120\n", "text/csv"),
        (
            "kajian.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_it_accepts_documents_by_their_content(name, content, content_type):
    assert check_upload(upload(name, content)) == content_type


def test_it_refuses_a_program_renamed_as_a_pdf():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"))
    assert error.value.code == "type"


def test_it_refuses_a_name_that_lies_about_the_content():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("laporan.docx", PDF))
    assert error.value.code == "mismatch"


def test_it_refuses_a_zip_that_is_not_an_office_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("run.sh", "echo hi")
    assert sniff(upload("arsip.docx", buffer.getvalue())) is None


def test_it_refuses_a_file_over_the_limit(settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as error:
        check_upload(upload("laporan.pdf", PDF))
    assert error.value.code == "too_large"
