"""Per-deployment knobs of the interop app, each overridable in settings or through the
environment (SIMITRA_<NAME>)."""

import os
from dataclasses import dataclass

from django.conf import settings


def _setting(name: str, default: str) -> str:
    return str(getattr(settings, name, None) or os.environ.get(name) or default)


@dataclass(frozen=True)
class ReportingOrg:
    ref: str
    name: str
    type: str


def reporting_org() -> ReportingOrg:
    """Who publishes the IATI file: the organisation running this Simitra (set it before
    publishing; the default identifier is only a placeholder)."""
    return ReportingOrg(
        ref=_setting("SIMITRA_IATI_REPORTING_ORG_REF", "ID-SIMITRA"),
        name=_setting("SIMITRA_IATI_REPORTING_ORG_NAME", "Simitra"),
        type=_setting("SIMITRA_IATI_REPORTING_ORG_TYPE", "90"),
    )


def max_upload_bytes() -> int:
    return settings.SIMITRA_MAX_UPLOAD_BYTES


def export_chunk_size() -> int:
    """Partnerships read from the database at a time while streaming an export."""
    return int(_setting("SIMITRA_EXPORT_CHUNK_SIZE", "200"))
