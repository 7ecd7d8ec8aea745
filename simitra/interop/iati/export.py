"""IATI 2.03 export: one `iati-activity` per partnership, written as a stream.

Partnerships are read in chunks and each activity is built, validated against the schema and
written before the next is read, so memory stays flat however many there are. A written file
is validated once more, as a whole, before it is offered (`export_to_file`).

Budgets and transactions come from financial contributions and their deliveries (resources),
results from indicators, periods and approved values (results): `budget_elements`,
`transaction_elements`, `result_elements`; the link to a published partnership's signed MoU
(agreements) from `document_link_elements`. `planned_disbursement_elements` yields nothing,
for the reason in its docstring.
"""

import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from simitra.agreements.models import Agreement
from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.reference.models import SdgTarget
from simitra.reports.models import Report
from simitra.resources.models import Category, Delivery, Pledge, ValuationMethod
from simitra.results.models import Indicator, IndicatorValue, Period, Result

from .. import conf
from . import codes, document_links, kept
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
    pledges = (
        Pledge.objects.active()
        .select_related("partner__organisation")
        .prefetch_related(
            Prefetch("deliveries", queryset=Delivery.objects.order_by("delivered_on", "pk"))
        )
        .order_by("pk")
    )
    periods = Period.objects.order_by("start").prefetch_related(
        Prefetch(
            "values",
            queryset=IndicatorValue.objects.approved().totals().order_by("pk"),
            to_attr="iati_values",
        )
    )
    indicators = Indicator.objects.order_by("order", "pk").prefetch_related(
        Prefetch("periods", queryset=periods, to_attr="iati_periods")
    )
    return (
        partnerships.select_related("iati_profile")
        .prefetch_related(
            Prefetch("partners", queryset=exported_partners, to_attr="iati_partners"),
            "regions",
            Prefetch("sdg_targets", queryset=SdgTarget.objects.order_by("sort_key")),
            Prefetch("pledges", queryset=pledges, to_attr="iati_pledges"),
            Prefetch(
                "results", queryset=Result.objects.order_by("order", "pk"), to_attr="iati_results"
            ),
            Prefetch("indicators", queryset=indicators, to_attr="iati_indicators"),
            Prefetch("agreements", queryset=Agreement.objects.binding_mous(), to_attr="iati_mous"),
            Prefetch(
                "reports",
                queryset=Report.objects.finalised()
                .order_by("-period_end", "-pk")
                .only("pk", "partnership_id", "title", "language", "period_end"),
                to_attr="iati_reports",
            ),
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


# The cycle's records. Each function receives the partnership (with what `export_queryset`
# prefetched) and yields elements to append, in schema order.


def financial_pledges(partnership) -> list:
    """The contributions that are money: financial support valued as a cash amount, not
    cancelled, from a partner that is a participating organisation (so the file names it)."""
    exported = {partner.pk for partner in partnership.iati_partners}
    return [
        pledge
        for pledge in partnership.iati_pledges
        if pledge.partner_id in exported
        and pledge.category == Category.SUPPORT
        and pledge.valuation_method == ValuationMethod.CASH
        and pledge.estimated_value > 0
    ]


def _pledge_date(pledge, partnership) -> dt.date | None:
    return pledge.due_date or partnership.start_date or partnership.end_date


def _amount(value) -> str:
    return f"{value:f}"


def _org_attributes(organisation) -> dict:
    attributes = {}
    if organisation.iati_identifier:
        attributes["ref"] = organisation.iati_identifier
    attributes["type"] = organisation.effective_iati_type
    return attributes


def budget_elements(partnership) -> Iterator[etree._Element]:
    """`budget` per calendar year: the financial contributions due that year (their value in
    the partnership's currency), type 1 original, status 2 committed."""
    totals: dict[int, Decimal] = {}
    for pledge in financial_pledges(partnership):
        day = _pledge_date(pledge, partnership)
        if day is not None:
            totals[day.year] = totals.get(day.year, Decimal(0)) + pledge.base_value
    for year in sorted(totals):
        start = dt.date(year, 1, 1)
        budget = etree.Element(
            "budget", {"type": codes.BUDGET_ORIGINAL, "status": codes.BUDGET_COMMITTED}
        )
        etree.SubElement(budget, "period-start", {"iso-date": str(start)})
        etree.SubElement(budget, "period-end", {"iso-date": str(dt.date(year, 12, 31))})
        value = etree.SubElement(budget, "value", {"value-date": str(start)})
        value.text = _amount(totals[year].quantize(Decimal("0.01")))
        yield budget


def planned_disbursement_elements(partnership) -> Iterator[etree._Element]:
    """None: the due date of each financial contribution travels as the date of its
    commitment transaction (see `transaction_elements`)."""
    yield from ()


def _transaction(partnership, *, ref, type_code, day, amount, currency, text, organisation):
    element = etree.Element("transaction", {"ref": ref})
    etree.SubElement(element, "transaction-type", {"code": type_code})
    etree.SubElement(element, "transaction-date", {"iso-date": str(day)})
    attributes = {"value-date": str(day)}
    if currency != partnership.currency:
        attributes = {"currency": currency, **attributes}
    etree.SubElement(element, "value", attributes).text = _amount(amount)
    if text.strip():
        _narratives(etree.SubElement(element, "description"), [(text.strip(), None)])
    provider = etree.SubElement(element, "provider-org", _org_attributes(organisation))
    _narratives(provider, [(organisation.name, None)])
    return element


def transaction_elements(partnership) -> Iterator[etree._Element]:
    """Each financial contribution as an incoming commitment (type 11, dated by its due
    date), followed by its deliveries as incoming funds (type 1), the partner as provider."""
    identifier = partnership.iati_identifier
    for n, pledge in enumerate(financial_pledges(partnership), start=1):
        day = _pledge_date(pledge, partnership)
        if day is None:
            continue
        organisation = pledge.partner.organisation
        yield _transaction(
            partnership,
            ref=codes.pledge_ref(identifier, n),
            type_code=codes.TRANSACTION_INCOMING_COMMITMENT,
            day=day,
            amount=pledge.estimated_value,
            currency=pledge.currency,
            text=pledge.description,
            organisation=organisation,
        )
        for m, delivery in enumerate(pledge.deliveries.all(), start=1):
            yield _transaction(
                partnership,
                ref=codes.delivery_ref(identifier, n, m),
                type_code=codes.TRANSACTION_INCOMING_FUNDS,
                day=delivery.delivered_on,
                amount=delivery.amount,
                currency=pledge.currency,
                text=delivery.note,
                organisation=organisation,
            )


def document_link_elements(partnership) -> Iterator[etree._Element]:
    """A published partnership's signed MoU (category A09, the PDF its public page serves;
    the newest signed or in-force version) and finalised reports (category A07, newest first),
    then the links of the last imported file, each URL once. A private partnership's MoU and
    reports are never linked: nobody outside could open them."""
    mou = partnership.iati_mous[0] if partnership.is_public and partnership.iati_mous else None
    reports = partnership.iati_reports if partnership.is_public else []
    profile = _profile(partnership)
    stored = profile.document_links if profile else []
    for link in document_links.links_of(partnership, stored, mou, reports):
        yield document_links.element(link)


def _baseline_year(indicator, partnership) -> int | None:
    if indicator.baseline_date:
        return indicator.baseline_date.year
    periods = indicator.iati_periods
    if periods:
        return periods[0].start.year
    day = partnership.start_date or partnership.end_date
    return day.year if day else None


def _indicator_element(indicator, partnership):
    attributes = {"measure": codes.MEASURES[indicator.measure]}
    if indicator.measure != "qualitative":
        attributes["ascending"] = "1" if indicator.direction == "higher" else "0"
    element = etree.Element("indicator", attributes)
    _narratives(etree.SubElement(element, "title"), [(indicator.title, None)])
    if indicator.definition.strip():
        _narratives(
            etree.SubElement(element, "description"), [(indicator.definition.strip(), None)]
        )
    if indicator.code.strip():
        etree.SubElement(
            element,
            "reference",
            {
                "vocabulary": codes.INDICATOR_VOCABULARY_REPORTING_ORG,
                "code": indicator.code.strip(),
            },
        )
    year = _baseline_year(indicator, partnership)
    if indicator.baseline_value is not None and year is not None:
        baseline = {"year": str(year)}
        if indicator.baseline_date:
            baseline["iso-date"] = str(indicator.baseline_date)
        baseline["value"] = _amount(indicator.baseline_value)
        etree.SubElement(element, "baseline", baseline)
    for period in indicator.iati_periods:
        period_element = etree.SubElement(element, "period")
        etree.SubElement(period_element, "period-start", {"iso-date": str(period.start)})
        etree.SubElement(period_element, "period-end", {"iso-date": str(period.end)})
        if period.target is not None:
            etree.SubElement(period_element, "target", {"value": _amount(period.target)})
        elif period.target_text.strip():
            target = etree.SubElement(period_element, "target")
            _narratives(etree.SubElement(target, "comment"), [(period.target_text.strip(), None)])
        for value in period.iati_values:  # approved, for the whole population
            if value.value is not None:
                etree.SubElement(period_element, "actual", {"value": _amount(value.value)})
            elif value.text.strip():
                actual = etree.SubElement(period_element, "actual")
                _narratives(etree.SubElement(actual, "comment"), [(value.text.strip(), None)])
    return element


def result_elements(partnership) -> Iterator[etree._Element]:
    """Each result with its indicators, one `result` per indicator type (IATI types results,
    Simitra types indicators): baselines, periods with targets and approved actuals."""
    by_result: dict[int, list] = {}
    for indicator in partnership.iati_indicators:
        by_result.setdefault(indicator.result_id, []).append(indicator)
    for result in partnership.iati_results:
        indicators = by_result.get(result.pk, [])
        for kind, type_code in codes.RESULT_TYPES.items():
            group = [i for i in indicators if i.type == kind]
            if not group:
                continue
            element = etree.Element("result", {"type": type_code})
            _narratives(etree.SubElement(element, "title"), [(result.title, None)])
            if result.description.strip():
                _narratives(
                    etree.SubElement(element, "description"),
                    [(result.description.strip(), None)],
                )
            for indicator in group:
                element.append(_indicator_element(indicator, partnership))
            yield element


def activity_element(partnership, reporting: conf.ReportingOrg, today: dt.date):
    """The partnership as an `iati-activity` element, children in the schema's order: for an
    imported one, as its publisher wrote it where Simitra's records have not changed since
    (iati/kept.py)."""
    generated = own_activity_element(partnership, reporting, today)
    return kept.merged(generated, partnership, _profile(partnership), reporting)


def own_activity_element(partnership, reporting: conf.ReportingOrg, today: dt.date):
    """The partnership as Simitra writes it from its own records alone."""
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
    partnership.iati_identifier = activity_identifier(partnership, reporting.ref)
    etree.SubElement(activity, "iati-identifier").text = partnership.iati_identifier
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
    partnership.iati_pledges = []
    partnership.iati_results = []
    partnership.iati_indicators = []
    partnership.iati_mous = []
    partnership.iati_reports = []
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
                # the same gap would only repeat it less clearly. An imported activity that
                # the schema takes is written: what Simitra lacks, its publisher's file gave.
                found = validator.problems(element, label=identifier)
                if found or not kept.is_imported(partnership):
                    found = required_content_problems(partnership, identifier) or found
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
