"""IATI 2.03 export: one `iati-activity` per partnership, written as a stream.

Partnerships are read in chunks and each activity is built, validated against the schema and
written before the next is read, so memory stays flat however many there are. A written file
is validated once more, as a whole, before it is offered (`export_to_file`).

Budgets, transactions, the MoU document link and results come from cycle apps that are not
part of this module yet: `budget_elements`, `planned_disbursement_elements`,
`transaction_elements`, `document_link_elements` and `result_elements` are the places to add
them (each yields elements in schema order; today they yield nothing).
"""

import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.reference.models import SdgTarget

from .. import conf
from . import codes
from .schema import IATI_VERSION, ActivityValidator, Problem, validate_file

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_LANGUAGE = "id"


class ExportInvalid(Exception):
    """The export would not be valid IATI: nothing is offered. `problems` name the activity,
    the element and the reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


@dataclass
class ExportResult:
    activities: int
    path: Path | None = None


def export_queryset(partnerships) -> Iterable[Partnership]:
    """The partnerships with everything the export reads, fetched per chunk (a fixed number
    of queries per chunk, whatever the number of partners, regions or targets)."""
    exported_partners = (
        Partner.objects.filter(status=PartnerStatus.CONFIRMED, iati_role__isnull=False)
        .select_related("organisation")
        .order_by("iati_role", "organisation__name", "pk")
    )
    return (
        partnerships.select_related("iati_profile")
        .prefetch_related(
            Prefetch("partners", queryset=exported_partners, to_attr="iati_partners"),
            "regions",
            Prefetch("sdg_targets", queryset=SdgTarget.objects.order_by("sort_key")),
        )
        .order_by("code")
    )


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _narratives(parent, texts: list[tuple[str, str | None]]) -> None:
    for text, language in texts:
        element = etree.SubElement(parent, "narrative")
        if language and language != DEFAULT_LANGUAGE:
            element.set(XML_LANG, language)
        element.text = text


def _profile(partnership):
    try:
        return partnership.iati_profile
    except Partnership.iati_profile.RelatedObjectDoesNotExist:
        return None


def activity_identifier(partnership, reporting_ref: str) -> str:
    profile = _profile(partnership)
    if profile and profile.iati_identifier:
        return profile.iati_identifier
    return f"{reporting_ref}-{partnership.code}"


def required_content_problems(partnership, identifier: str) -> list[Problem]:
    """What IATI requires that the schema alone does not catch, said in Simitra's terms."""
    problems = []
    if not partnership.summary.strip():
        problems.append(
            Problem(
                _("IATI needs a description: write the partnership's summary."),
                "description",
                activity=identifier,
            )
        )
    if not partnership.iati_partners:
        problems.append(
            Problem(
                _(
                    "IATI needs at least one participating organisation: give a confirmed "
                    "partner its IATI role (funding, accountable, extending or implementing)."
                ),
                "participating-org",
                activity=identifier,
            )
        )
    if not (partnership.start_date or partnership.end_date):
        problems.append(
            Problem(
                _("IATI needs at least one activity date: set the start or end date."),
                "activity-date",
                activity=identifier,
            )
        )
    return problems


# Extension points for the cycle records. Each receives the partnership (with whatever its
# app prefetches in `export_queryset`) and yields elements to append, in schema order.


def budget_elements(partnership) -> Iterator[etree._Element]:
    """`budget` per period from the action plan's budget lines (planning app). None yet."""
    yield from ()


def planned_disbursement_elements(partnership) -> Iterator[etree._Element]:
    """`planned-disbursement` from financial contributions pledged with due dates
    (resources app). None yet."""
    yield from ()


def transaction_elements(partnership) -> Iterator[etree._Element]:
    """`transaction` (type 1 incoming funds / 2 commitment / 3 disbursement …) from financial
    contributions and their deliveries (resources app). None yet."""
    yield from ()


def document_link_elements(partnership) -> Iterator[etree._Element]:
    """`document-link` to the signed MoU when the partnership is published (agreements app).
    None yet."""
    yield from ()


def result_elements(partnership) -> Iterator[etree._Element]:
    """`result` with indicators, baselines, periods, targets and actuals (results app).
    None yet."""
    yield from ()


def activity_element(partnership, reporting: conf.ReportingOrg, today: dt.date):
    """The partnership as an `iati-activity` element, children in the schema's order."""
    profile = _profile(partnership)
    status = codes.activity_status(partnership.phase, partnership.status)
    activity = etree.Element(
        "iati-activity",
        {
            XML_LANG: DEFAULT_LANGUAGE,
            "default-currency": partnership.currency,
            "last-updated-datetime": _iso(partnership.updated_at),
        },
    )
    etree.SubElement(activity, "iati-identifier").text = activity_identifier(
        partnership, reporting.ref
    )
    reporting_org = etree.SubElement(
        activity, "reporting-org", {"ref": reporting.ref, "type": reporting.type}
    )
    _narratives(reporting_org, [(reporting.name, None)])

    title = etree.SubElement(activity, "title")
    _narratives(title, [(partnership.title, None)])
    if profile and profile.title_en:
        _narratives(title, [(profile.title_en, "en")])
    description = etree.SubElement(activity, "description", {"type": "1"})
    _narratives(description, [(partnership.summary, None)])
    if profile and profile.description_en:
        _narratives(description, [(profile.description_en, "en")])

    for partner in partnership.iati_partners:
        organisation = partner.organisation
        attributes = {}
        if organisation.iati_identifier:
            attributes["ref"] = organisation.iati_identifier
        attributes["type"] = organisation.effective_iati_type
        attributes["role"] = str(partner.iati_role)
        participant = etree.SubElement(activity, "participating-org", attributes)
        _narratives(participant, [(organisation.name, None)])

    etree.SubElement(activity, "activity-status", {"code": status})
    for date_type, date in codes.activity_dates(
        status, partnership.start_date, partnership.end_date, today
    ):
        etree.SubElement(activity, "activity-date", {"type": date_type, "iso-date": str(date)})

    etree.SubElement(activity, "recipient-country", {"code": codes.RECIPIENT_COUNTRY})
    for region in sorted(partnership.regions.all(), key=lambda r: r.code):
        location = etree.SubElement(activity, "location", {"ref": codes.region_ref(region.code)})
        etree.SubElement(location, "location-reach", {"code": codes.LOCATION_REACH_ACTIVITY})
        _narratives(etree.SubElement(location, "name"), [(region.name, None)])
        etree.SubElement(location, "exactness", {"code": codes.EXACTNESS_APPROXIMATE})
        etree.SubElement(
            location, "location-class", {"code": codes.LOCATION_CLASS_ADMINISTRATIVE_REGION}
        )

    if partnership.dac_sector:
        etree.SubElement(
            activity,
            "sector",
            {"vocabulary": codes.DAC_5, "code": partnership.dac_sector, "percentage": "100"},
        )
    targets = list(partnership.sdg_targets.all())
    goals = sorted({target.goal_id for target in targets})
    for vocabulary, values in (
        (codes.SDG_GOAL, [str(g) for g in goals]),
        (codes.SDG_TARGET, [t.code for t in targets]),
    ):
        for value, share in zip(values, codes.shares(len(values)), strict=True):
            etree.SubElement(
                activity,
                "sector",
                {"vocabulary": vocabulary, "code": value, "percentage": _percent(share)},
            )

    for extension in (
        budget_elements,
        planned_disbursement_elements,
        transaction_elements,
        document_link_elements,
        result_elements,
    ):
        for element in extension(partnership):
            activity.append(element)
    return activity


def _percent(share) -> str:
    text = f"{share:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _forget(partnership) -> None:
    """Drop what was prefetched for a written partnership. Prefetched partners point back to
    their partnership; without this the cycles wait for the garbage collector, and memory
    climbs with the number of partnerships instead of staying flat."""
    partnership.iati_partners = []
    partnership._prefetched_objects_cache = {}


def root_attributes() -> dict:
    return {"version": IATI_VERSION, "generated-datetime": _iso(timezone.now())}


def write_activities(
    partnerships,
    out,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the partnerships' activities to the binary stream `out`, each validated before
    it is written. Raises ExportInvalid listing every problem found (of all partnerships)."""
    reporting = conf.reporting_org()
    today = timezone.localdate()
    attributes = root_attributes()
    validator = ActivityValidator(attributes)
    problems: list[Problem] = []
    written = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", attributes):
            xf.write("\n")
            rows = export_queryset(partnerships).iterator(chunk_size=conf.export_chunk_size())
            for count, partnership in enumerate(rows, start=1):
                identifier = activity_identifier(partnership, reporting.ref)
                element = activity_element(partnership, reporting, today)
                # Missing content is said in Simitra's terms; the schema's own messages about
                # the same gap would only repeat it less clearly.
                found = required_content_problems(partnership, identifier) or (
                    validator.problems(element, label=identifier)
                )
                if found:
                    problems.extend(found)
                elif not problems:
                    xf.write(element, pretty_print=True)
                    written += 1
                _forget(partnership)
                if progress:
                    progress(count)
    if problems:
        raise ExportInvalid(problems)
    if written == 0:
        raise ExportInvalid([Problem(_("There is no partnership to export."))])
    return written


def export_to_bytes(partnerships) -> bytes:
    """A small export in memory (one partnership's download), validated."""
    buffer = io.BytesIO()
    write_activities(partnerships, buffer)
    return buffer.getvalue()


def export_to_file(partnerships, path: Path, *, progress=None) -> ExportResult:
    """Stream the export to `path`, then validate the whole file before it is kept; an
    invalid file is removed and ExportInvalid raised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            count = write_activities(partnerships, out, progress=progress)
        problems = validate_file(temporary)
        if problems:
            raise ExportInvalid(problems)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return ExportResult(activities=count, path=path)
