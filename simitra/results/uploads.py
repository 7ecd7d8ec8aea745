"""Checks on uploaded evidence and meeting documents: size, and type by content."""

import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OOXML = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
ALLOWED = _("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, plain text or CSV")


def _zip_type(upload, extension: str) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension in OOXML and "[Content_Types].xml" in names:
                return OOXML[extension]
            if (
                extension in ODF
                and "mimetype" in names
                and archive.read("mimetype").decode("ascii", "replace").strip() == ODF[extension]
            ):
                return ODF[extension]
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return None


def sniff(upload) -> str | None:
    """The content type the file's bytes show, or None when it is not a kind we accept."""
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(upload, extension)
    if extension in {"txt", "csv"} and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character may be cut at the 2,048th byte.
            try:
                head[:-3].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return "text/csv" if extension == "csv" else "text/plain"
    return None


def check_upload(upload) -> str:
    """The file's content type; a ValidationError when it is too big or of another kind."""
    limit = settings.SIMITRA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    content_type = sniff(upload)
    if content_type is None:
        raise forms.ValidationError(
            _("This kind of file is not accepted. Upload %(allowed)s.") % {"allowed": ALLOWED}
        )
    return content_type
