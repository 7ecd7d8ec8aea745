"""Uploaded files, for every app: their kind read from their content (not trusted from their
name), their size held to `settings.SIMITRA_MAX_UPLOAD_BYTES`, and — for files only an
access-checked view may serve — a storage outside MEDIA_ROOT, unguessable names and the response
that serves them.

Each app passes the kinds it accepts to `validate_upload`, e.g. `{PDF, *IMAGES}`.
"""

import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    """A kind of file: the names it may carry and the content type it is served with."""

    name: str
    extensions: tuple[str, ...]
    content_type: str
    label: str


PDF, PNG, JPEG = "pdf", "png", "jpeg"
DOCX, XLSX, PPTX = "docx", "xlsx", "pptx"
ODT, ODS = "odt", "ods"
CSV, TEXT = "csv", "text"

_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
KINDS = {
    kind.name: kind
    for kind in (
        Kind(PDF, (".pdf",), "application/pdf", "PDF"),
        Kind(PNG, (".png",), "image/png", "PNG"),
        Kind(JPEG, (".jpg", ".jpeg"), "image/jpeg", "JPEG"),
        Kind(DOCX, (".docx",), _OOXML + "wordprocessingml.document", "Word (.docx)"),
        Kind(XLSX, (".xlsx",), _OOXML + "spreadsheetml.sheet", "Excel (.xlsx)"),
        Kind(PPTX, (".pptx",), _OOXML + "presentationml.presentation", "PowerPoint (.pptx)"),
        Kind(ODT, (".odt",), _ODF + "text", _("OpenDocument text (.odt)")),
        Kind(ODS, (".ods",), _ODF + "spreadsheet", _("OpenDocument spreadsheet (.ods)")),
        Kind(CSV, (".csv",), "text/csv", "CSV"),
        Kind(TEXT, (".txt",), "text/plain", _("plain text (.txt)")),
    )
}
IMAGES = frozenset({PNG, JPEG})
OOXML = frozenset({DOCX, XLSX, PPTX})
OPENDOCUMENT = frozenset({ODT, ODS})
EVERY_KIND = frozenset(KINDS)

SAMPLE = 2048  # bytes read to tell a file's kind
_MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)
_ODF_TYPES = {KINDS[ODT].content_type: ODT, KINDS[ODS].content_type: ODS}
_OOXML_PARTS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    KeyError,
    ValueError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # an unknown compression
)


def _suffix(name: str | None) -> str:
    return PurePath(name or "").suffix.lower()


def _zip_kind(upload) -> str | None:
    """OpenDocument by its `mimetype` entry; Word, Excel, PowerPoint by their content types
    and their main folder."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return _ODF_TYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML_PARTS:
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except _BROKEN_ZIP:
        return None
    return None


def _is_text(head: bytes) -> bool:
    """UTF-8 without NUL bytes; a multi-byte character cut at the end of the sample is still
    text."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.reason == "unexpected end of data"
    return True


def sniff(upload) -> Kind | None:
    """The kind of file this is, from its first bytes (and, for zip-based office files, from the
    archive's contents); None when it is none of the kinds above. The name only tells CSV from
    plain text. Leaves the file at its start."""
    upload.seek(0)
    head = upload.read(SAMPLE)
    upload.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return KINDS[kind]
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return KINDS.get(kind)
    if _is_text(head):
        return KINDS[CSV if _suffix(upload.name) == ".csv" else TEXT]
    return None


def _describe(allowed: frozenset[str]) -> str:
    return ", ".join(str(kind.label) for kind in KINDS.values() if kind.name in allowed)


describe = lazy(_describe, str)


def validate_upload(upload, allowed=EVERY_KIND) -> Kind:
    """The kind of an uploaded file; a ValidationError when it is too large (code `too_large`),
    of a kind not in `allowed` (`type`) or named as something it is not (`mismatch`)."""
    allowed = frozenset(allowed)
    if unknown := allowed - EVERY_KIND:
        raise ValueError(f"Unknown kinds of file: {sorted(unknown)}")
    limit = settings.SIMITRA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    kind = sniff(upload)
    if kind is None or kind.name not in allowed:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s."),
            params={"kinds": describe(allowed)},
            code="type",
        )
    suffix = _suffix(upload.name)
    if suffix not in kind.extensions:
        raise ValidationError(
            _("The file's name (%(suffix)s) does not match its content (%(kind)s)."),
            params={"suffix": suffix or "—", "kind": kind.name.upper()},
            code="mismatch",
        )
    return kind


def accept(allowed=EVERY_KIND) -> str:
    """The extensions of these kinds, for a file input's `accept` attribute."""
    return ",".join(sorted(ext for name in allowed for ext in KINDS[name].extensions))


def private_root() -> Path:
    configured = getattr(settings, "SIMITRA_PRIVATE_ROOT", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "private"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files kept outside MEDIA_ROOT (under `SIMITRA_PRIVATE_ROOT`, by default `DATA_DIR/private`),
    so no media or static URL ever serves them. The place is read from the settings each time,
    so tests can point it at a temporary folder."""

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


def unguessable_name(folder: str, original: str) -> str:
    """A random name in `folder` keeping only the original's extension (the original name is for
    the caller to keep in the database)."""
    return f"{folder}/{uuid.uuid4().hex}{_suffix(original)[:10]}"


def file_response(field_file, download_name: str, content_type: str | None = None):
    """The file behind `field_file` as an attachment, 404 when there is none. Without a
    `content_type` it is typed by its content. The caller checks access first."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    if not content_type:
        kind = sniff(handle)
        content_type = kind.content_type if kind else "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
