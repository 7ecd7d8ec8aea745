"""How Simitra's fields map to IATI 2.03 codes and back: pure functions, no database.

The mapping is documented in docs/iati.md; change both together.
"""

import datetime as dt
import hashlib
import re
from decimal import ROUND_DOWN, Decimal

from simitra.organisations.models import IATI_TYPE_FOR_SECTOR, Sector
from simitra.partnerships.models import Partnership, Phase

# ActivityStatus: 1 Pipeline/identification, 2 Implementation, 3 Finalisation, 4 Closed,
# 5 Cancelled, 6 Suspended.
PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED, CANCELLED, SUSPENDED = "1", "2", "3", "4", "5", "6"
ACTIVITY_STATUSES = {PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED, CANCELLED, SUSPENDED}

# ActivityDateType
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"

# SectorVocabulary
DAC_5, DAC_3, SDG_GOAL, SDG_TARGET = "1", "2", "7", "8"

# OrganisationRole
ORGANISATION_ROLES = {"1", "2", "3", "4"}

KEMENDAGRI_PREFIX = "KEMENDAGRI-"
LOCATION_REACH_ACTIVITY = "1"
LOCATION_CLASS_ADMINISTRATIVE_REGION = "1"
EXACTNESS_APPROXIMATE = "2"
RECIPIENT_COUNTRY = "ID"


def activity_status(phase: int, status: str) -> str:
    """Phase and status → ActivityStatus.

    completed → 4 Closed; terminated → 5 Cancelled; active: phases 1–4 (scoping to agreeing)
    → 1 Pipeline/identification, 5–6 (managing, reviewing) → 2 Implementation, 7 (sustaining)
    → 3 Finalisation.
    """
    if status == Partnership.Status.COMPLETED:
        return CLOSED
    if status == Partnership.Status.TERMINATED:
        return CANCELLED
    if phase <= Phase.AGREEING:
        return PIPELINE
    if phase <= Phase.REVIEWING:
        return IMPLEMENTATION
    return FINALISATION


def partnership_state(code: str) -> tuple[int, str, bool]:
    """ActivityStatus → (phase, status, known) for a partnership created by an import: the
    first phase of the status's range, so exporting it again gives the same code."""
    return {
        PIPELINE: (Phase.SCOPING, Partnership.Status.ACTIVE, True),
        IMPLEMENTATION: (Phase.MANAGING, Partnership.Status.ACTIVE, True),
        FINALISATION: (Phase.SUSTAINING, Partnership.Status.ACTIVE, True),
        CLOSED: (Phase.SUSTAINING, Partnership.Status.COMPLETED, True),
        CANCELLED: (Phase.SCOPING, Partnership.Status.TERMINATED, True),
        SUSPENDED: (Phase.MANAGING, Partnership.Status.ACTIVE, True),
    }.get(code, (Phase.SCOPING, Partnership.Status.ACTIVE, False))


def activity_dates(
    status_code: str, start: dt.date | None, end: dt.date | None, today: dt.date
) -> list[tuple[str, dt.date]]:
    """The activity-date elements: a start is actual once the activity has left the pipeline
    (and the date has come), an end is actual once it is closed or cancelled."""
    dates = []
    if start:
        actual = status_code != PIPELINE and start <= today
        dates.append((ACTUAL_START if actual else PLANNED_START, start))
    if end:
        actual = status_code in (CLOSED, CANCELLED) and end <= today
        dates.append((ACTUAL_END if actual else PLANNED_END, end))
    return dates


def dates_from_activity(dates: dict[str, dt.date]) -> tuple[dt.date | None, dt.date | None]:
    """activity-date types → (start, end): actual dates win over planned ones."""
    start = dates.get(ACTUAL_START) or dates.get(PLANNED_START)
    end = dates.get(ACTUAL_END) or dates.get(PLANNED_END)
    return start, end


_SECTOR_FOR_TYPE = {
    "10": Sector.GOVERNMENT,
    "11": Sector.GOVERNMENT,
    "15": Sector.GOVERNMENT,
    "21": Sector.NGO,
    "22": Sector.NGO,
    "23": Sector.NGO,
    "24": Sector.NGO,
    "30": Sector.PRIVATE,
    "70": Sector.PRIVATE,
    "71": Sector.PRIVATE,
    "72": Sector.PRIVATE,
    "73": Sector.PRIVATE,
    "40": Sector.DONOR,
    "60": Sector.DONOR,
    "80": Sector.UNIVERSITY,
    "90": Sector.COMMUNITY,
}


def sector_for_type(type_code: str) -> tuple[str, str, bool]:
    """OrganisationType → (sector, iati_type to keep, known). The type is kept only where it
    differs from the sector's own, so exporting again gives the same type."""
    sector = _SECTOR_FOR_TYPE.get(type_code)
    if sector is None:
        return Sector.NGO, "", False
    keep = "" if IATI_TYPE_FOR_SECTOR[sector] == type_code else type_code
    return sector, keep, True


def region_ref(code: str) -> str:
    return f"{KEMENDAGRI_PREFIX}{code}"


def region_code_from_ref(ref: str | None) -> str | None:
    if ref and ref.startswith(KEMENDAGRI_PREFIX):
        return ref[len(KEMENDAGRI_PREFIX) :]
    return None


def shares(count: int) -> list[Decimal]:
    """`count` percentages with two decimals that add up to exactly 100."""
    if count <= 0:
        return []
    each = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [each] * (count - 1) + [Decimal(100) - each * (count - 1)]


_CODE_CHARS = re.compile(r"[^A-Za-z0-9]+")
CODE_MAX = 40


def code_from_identifier(identifier: str, reporting_ref: str) -> str:
    """A partnership code (letters and digits in groups joined by one hyphen; at most 40)
    from an iati-identifier: without the reporting organisation's prefix when it has one, and
    every run of other characters (spaces, slashes, repeated hyphens) one hyphen, so that
    `FI-3-2020 - 2020000056` reads `2020-2020000056`."""
    text = identifier.strip()
    prefix = f"{reporting_ref}-"
    if reporting_ref and text.startswith(prefix) and len(text) > len(prefix):
        text = text[len(prefix) :]
    code = _CODE_CHARS.sub("-", text).strip("-").upper()
    if len(code) > CODE_MAX:
        digest = hashlib.sha1(identifier.encode(), usedforsecurity=False).hexdigest()[:8].upper()
        code = f"{code[:31].rstrip('-')}-{digest}"
    return code


# How many codes an identifier tries before the import says it cannot make one.
CODE_SUFFIXES = 100


def code_with_suffix(code: str, n: int) -> str:
    """The n-th code of an identifier: the code itself, then `CODE-2`, `CODE-3` …"""
    if n == 1:
        return code
    ending = f"-{n}"
    return f"{code[: CODE_MAX - len(ending)].rstrip('-')}{ending}"


# Contributions and results (the mappings of docs/iati.md, "Budgets, transactions, results").

TRANSACTION_INCOMING_FUNDS = "1"
TRANSACTION_INCOMING_COMMITMENT = "11"
BUDGET_ORIGINAL = "1"
BUDGET_COMMITTED = "2"
INDICATOR_VOCABULARY_REPORTING_ORG = "99"

RESULT_TYPES = {"output": "1", "outcome": "2", "impact": "3"}
INDICATOR_TYPE_FROM_RESULT = {code: kind for kind, code in RESULT_TYPES.items()}
MEASURES = {"number": "1", "percentage": "2", "qualitative": "5"}
MEASURE_FROM_CODE = {"1": "number", "2": "percentage", "5": "qualitative"}


def pledge_ref(identifier: str, n: int) -> str:
    """The `transaction/@ref` of the n-th financial contribution (its commitment)."""
    return f"{identifier}-C{n}"


def delivery_ref(identifier: str, n: int, m: int) -> str:
    """The `transaction/@ref` of the m-th delivery of the n-th contribution."""
    return f"{pledge_ref(identifier, n)}-D{m}"


def pledge_ref_of(delivery_ref_value: str) -> str:
    """The commitment a delivery's ref points back to ('' when it is not one of ours)."""
    head, separator, tail = (delivery_ref_value or "").rpartition("-D")
    return head if separator and tail.isdigit() else ""


def frequency_from_months(months: int) -> str:
    """The reporting frequency a period of about `months` months stands for."""
    if months <= 1:
        return "monthly"
    if months >= 12:
        return "yearly"
    return "quarterly"
