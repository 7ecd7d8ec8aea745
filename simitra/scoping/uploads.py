"""Uploaded evidence files: the type is read from the content, not trusted from the name."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# type → (extensions it may carry, content type to serve it with)
TYPES = {
    "pdf": ({".pdf"}, "application/pdf"),
    "png": ({".png"}, "image/png"),
    "jpeg": ({".jpg", ".jpeg"}, "image/jpeg"),
    "docx": (
        {".docx"},
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ({".xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (
        {".pptx"},
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": ({".odt"}, "application/vnd.oasis.opendocument.text"),
    "ods": ({".ods"}, "application/vnd.oasis.opendocument.spreadsheet"),
    "csv": ({".csv"}, "text/csv"),
    "text": ({".txt"}, "text/plain"),
}
ACCEPT = ",".join(sorted(ext for exts, _type in TYPES.values() for ext in exts))


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return {
                    TYPES["odt"][1]: "odt",
                    TYPES["ods"][1]: "ods",
                }.get(mimetype)
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff(upload) -> str | None:
    """The kind of file this is, from its first bytes (and, for zip-based office files, from
    the archive's contents); None when it is none of the accepted kinds."""
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            return None
    suffix = PurePath(upload.name or "").suffix.lower()
    return "csv" if suffix == ".csv" else "text"


def check_upload(upload) -> str:
    """The content type to store and serve the file with; ValidationError when the file is too
    large, of a kind not accepted, or named as something it is not."""
    limit = settings.SIMITRA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This kind of file is not accepted. Upload a PDF, an image (PNG, JPEG), an office "
                "document (DOCX, XLSX, PPTX, ODT, ODS) or a text/CSV file."
            ),
            code="type",
        )
    extensions, content_type = TYPES[kind]
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in extensions:
        raise ValidationError(
            _("The file's name (%(suffix)s) does not match its content (%(kind)s)."),
            params={"suffix": suffix or "—", "kind": kind.upper()},
            code="mismatch",
        )
    return content_type
