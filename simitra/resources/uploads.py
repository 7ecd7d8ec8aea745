"""Uploaded files that only an access-checked view may serve: evidence, signed scans.

They are kept outside MEDIA_ROOT (under `SIMITRA_PRIVATE_ROOT`, by default `<data>/private`), so
no media URL can reach them, and checked by their first bytes, not by their name.
"""

import os
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

PDF = "pdf"
PNG = "png"
JPEG = "jpeg"
OFFICE = "office"  # DOCX / XLSX / PPTX (zip containers)

CONTENT_TYPES = {
    PDF: "application/pdf",
    PNG: "image/png",
    JPEG: "image/jpeg",
}
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
OFFICE_EXTENSIONS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def private_root() -> Path:
    configured = getattr(settings, "SIMITRA_PRIVATE_ROOT", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "private"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage without a URL, whose place is read from the settings each time
    (so tests can point it at a temporary folder)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files are served by access-checked views only.")


private_storage = PrivateStorage()


def sniff(head: bytes) -> str | None:
    """The kind of file these first bytes belong to, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return OFFICE
    return None


def validate_upload(upload, allowed: set[str]) -> str:
    """Check an uploaded file's size and, by its content, its kind; returns the kind."""
    limit = settings.SIMITRA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = sniff(head)
    if kind == OFFICE and Path(upload.name).suffix.lower() not in OFFICE_EXTENSIONS:
        kind = None
    if kind not in allowed:
        names = {
            PDF: "PDF",
            PNG: "PNG",
            JPEG: "JPEG",
            OFFICE: _("Word, Excel or PowerPoint (.docx, .xlsx, .pptx)"),
        }
        raise forms.ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(names[k] for k in sorted(allowed))}
        )
    return kind


def content_type_of(name: str, head: bytes) -> str:
    kind = sniff(head)
    if kind == OFFICE:
        return OFFICE_EXTENSIONS.get(Path(name).suffix.lower(), "application/octet-stream")
    return CONTENT_TYPES.get(kind, "application/octet-stream")


def unguessable_name(prefix: str, original: str) -> str:
    suffix = Path(original).suffix.lower()[:8]
    return f"{prefix}/{uuid.uuid4().hex}{suffix}"


def serve_private(field_file, download_name: str):
    """A response with the file behind `field_file`, as an attachment, typed by its content."""
    from django.http import FileResponse, Http404

    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    head = handle.read(8)
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name,
        content_type=content_type_of(field_file.name, head),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
