"""IATI 2.03 import: a file of activities becomes partnerships, organisations and partners.

All or nothing: the file is first validated against the schema (a file that is not valid
IATI 2.03 is refused with the line, element and reason), then every activity is applied inside
one transaction; any problem undoes everything and is reported. Every write asks the same
rules as the pages (`user.has_perm`). The import rules are documented in docs/iati.md.

`parse_activities` is pure (XML → dataclasses); `import_iati` writes.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from simitra.organisations.models import Organisation
from simitra.partnerships import services as partnership_services
from simitra.partnerships.models import Partner, Partnership, PartnerStatus, PhaseTransition
from simitra.reference.models import CodelistItem, Region, SdgTarget

from .. import conf
from ..models import IatiProfile
from . import codes, cycle_records, document_links, kept
from .document_links import DocumentLink
from .export import export_queryset, own_activity_element
from .schema import Problem, safe_parser, validate_tree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TITLE_MAX = 250
NAME_MAX = 200


class ImportRefused(Exception):
    """Nothing was saved; `problems` say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


@dataclass
class Participant:
    line: int
    name: str
    ref: str
    type: str
    role: str


@dataclass
class Transaction:
    line: int
    ref: str
    type: str
    day: dt.date | None
    value: Decimal
    currency: str
    description: str
    provider_ref: str
    provider_name: str


@dataclass
class ResultPeriod:
    line: int
    start: dt.date
    end: dt.date
    target: Decimal | None = None
    target_text: str = ""
    actual: Decimal | None = None
    actual_text: str = ""
    unreadable: list[str] = field(default_factory=list)  # values that are not numbers


@dataclass
class ResultIndicator:
    line: int
    result_title: str
    result_description: str
    result_type: str
    title: str
    description: str
    measure: str
    ascending: str
    code: str = ""
    baseline: Decimal | None = None
    baseline_date: dt.date | None = None
    unreadable: list[str] = field(default_factory=list)
    periods: list[ResultPeriod] = field(default_factory=list)


@dataclass
class Activity:
    line: int
    identifier: str
    reporting_ref: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    status: str = ""
    dates: dict[str, dt.date] = field(default_factory=dict)
    currency: str = ""
    region_codes: list[str] = field(default_factory=list)
    other_locations: int = 0
    sectors: list[tuple[str, str]] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    indicators: list[ResultIndicator] = field(default_factory=list)
    document_links: list[DocumentLink] = field(default_factory=list)
    element: object = None  # the `iati-activity` itself, kept on the profile

    @property
    def narrative_language(self) -> str:
        """The language of the narratives that become the partnership's title and summary:
        Indonesian when the file has it, else its first."""
        return "id" if "id" in self.titles else next(iter(self.titles), "")

    @property
    def label(self) -> str:
        return self.identifier or _("(no identifier, line %(line)d)") % {"line": self.line}


@dataclass
class ImportReport:
    activities: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    organisations_created: list[str] = field(default_factory=list)
    organisations_updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)

    @property
    def nothing_importable(self) -> bool:
        return not self.created and not self.updated

    def as_dict(self) -> dict:
        return {
            "activities": self.activities,
            "created": self.created,
            "updated": self.updated,
            "organisations_created": self.organisations_created,
            "organisations_updated": self.organisations_updated,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "records": self.records,
            "nothing_importable": self.nothing_importable,
        }


# Reading


def read_and_validate(data: bytes):
    """The parsed file, if it is well-formed XML and valid IATI 2.03 activities."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise ImportRefused(
            [
                Problem(
                    _("The file is not well-formed XML: %(reason)s") % {"reason": error.msg},
                    line=error.lineno or None,
                )
            ]
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ImportRefused(
            [
                Problem(
                    _(
                        "The file declares a DTD (<!DOCTYPE …>); IATI files have none, and it is "
                        "refused for safety."
                    ),
                    line=1,
                )
            ]
        )
    if root.tag != "iati-activities":
        raise ImportRefused(
            [
                Problem(
                    _("This is not an IATI activities file (its root element is %(tag)s).")
                    % {"tag": root.tag},
                    element=str(root.tag),
                    line=root.sourceline,
                )
            ]
        )
    # The schema takes any text as the version (the conformance files say "xx"); a version 1
    # file says 1.0x, or nothing.
    version = (root.get("version") or "").strip()
    if not version or version.startswith("1."):
        if version:
            message = _(
                "This file is IATI version %(version)s, which Simitra does not read: it reads "
                "IATI 2 files (2.01 to 2.03). Save or convert the file as IATI 2.03 and import "
                "it again."
            ) % {"version": version}
        else:
            message = _(
                "The file does not say which IATI version it is (the version attribute of "
                "iati-activities); version 1 files say none. Simitra reads IATI 2 files (2.01 "
                "to 2.03): save or convert the file as IATI 2.03 and import it again."
            )
        raise ImportRefused([Problem(message, element="iati-activities", line=root.sourceline)])
    problems = validate_tree(root.getroottree())
    if problems:
        raise ImportRefused(problems)
    return root


def _texts(element, default_language: str | None) -> dict[str, str]:
    """Narratives by language (the first of each); unmarked ones take the activity's."""
    texts: dict[str, str] = {}
    if element is None:
        return texts
    for narrative in element.findall("narrative"):
        language = narrative.get(XML_LANG) or default_language or ""
        text = (narrative.text or "").strip()
        if text:
            texts.setdefault(language.lower()[:2], text)
    return texts


def _description_texts(activity, language) -> dict[str, str]:
    """The general description (type 1, or untyped) first; another type only if none."""
    descriptions = activity.findall("description")
    general = [d for d in descriptions if d.get("type") in (None, "1")]
    for element in general or descriptions:
        texts = _texts(element, language)
        if texts:
            return texts
    return {}


def parse_activities(root) -> list[Activity]:
    """Read what Simitra uses from each `iati-activity` (the file is already valid)."""
    activities = []
    for element in root.iterfind("iati-activity"):
        language = element.get(XML_LANG)
        reporting = element.find("reporting-org")
        activity = Activity(
            line=element.sourceline or 0,
            identifier=(element.findtext("iati-identifier") or "").strip(),
            reporting_ref=(reporting.get("ref") or "").strip() if reporting is not None else "",
            titles=_texts(element.find("title"), language),
            descriptions=_description_texts(element, language),
            status=(element.find("activity-status").get("code") or "").strip(),
            currency=(element.get("default-currency") or "").strip().upper(),
            element=element,
        )
        for participant in element.iterfind("participating-org"):
            names = _texts(participant, language)
            activity.participants.append(
                Participant(
                    line=participant.sourceline or 0,
                    name=names.get("id") or names.get("en") or next(iter(names.values()), ""),
                    ref=(participant.get("ref") or "").strip(),
                    type=(participant.get("type") or "").strip(),
                    role=(participant.get("role") or "").strip(),
                )
            )
        for date in element.iterfind("activity-date"):
            iso_date = date.get("iso-date") or ""
            if iso_date:
                activity.dates.setdefault(
                    date.get("type", ""), dt.date.fromisoformat(iso_date[:10])
                )
        for country in element.iterfind("recipient-country"):
            activity.countries.append((country.get("code") or "").strip().upper())
        for location in element.iterfind("location"):
            code = codes.region_code_from_ref(location.get("ref"))
            if code:
                activity.region_codes.append(code)
            else:
                activity.other_locations += 1
        for sector in element.iterfind("sector"):
            vocabulary = (sector.get("vocabulary") or codes.DAC_5).strip()
            activity.sectors.append((vocabulary, (sector.get("code") or "").strip()))
        activity.transactions = [_transaction(t, language) for t in element.iterfind("transaction")]
        for result in element.iterfind("result"):
            activity.indicators += _indicators(result, language)
        activity.document_links = document_links.parse(element, language)
        activities.append(activity)
    return activities


def _first_text(element, language) -> str:
    texts = _texts(element, language)
    return texts.get("id") or texts.get("en") or next(iter(texts.values()), "")


def _date(element) -> dt.date | None:
    value = element.get("iso-date") if element is not None else None
    return dt.date.fromisoformat(value[:10]) if value else None


def _decimal(text) -> Decimal | None:
    """A number, or None when the text is empty or not a number (IATI allows any text in
    result values; the importer notes what it cannot keep)."""
    text = (text or "").strip()
    try:
        number = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return number if number is not None and number.is_finite() else None


def _transaction(element, language) -> Transaction:
    value = element.find("value")
    provider = element.find("provider-org")
    return Transaction(
        line=element.sourceline or 0,
        ref=(element.get("ref") or "").strip(),
        type=(element.find("transaction-type").get("code") or "").strip(),
        day=_date(element.find("transaction-date")),
        value=_decimal(value.text) or Decimal(0),
        currency=(value.get("currency") or "").strip().upper(),
        description=_first_text(element.find("description"), language),
        provider_ref=(provider.get("ref") or "").strip() if provider is not None else "",
        provider_name=_first_text(provider, language) if provider is not None else "",
    )


def _indicators(result, language) -> list[ResultIndicator]:
    found = []
    for element in result.iterfind("indicator"):
        reference = element.find("reference")
        indicator = ResultIndicator(
            line=element.sourceline or 0,
            result_title=_first_text(result.find("title"), language),
            result_description=_first_text(result.find("description"), language),
            result_type=(result.get("type") or "").strip(),
            title=_first_text(element.find("title"), language),
            description=_first_text(element.find("description"), language),
            measure=(element.get("measure") or "").strip(),
            ascending=(element.get("ascending") or "1").strip(),
            code=(reference.get("code") or "").strip() if reference is not None else "",
        )
        baseline = element.find("baseline")
        if baseline is not None:
            indicator.baseline = _decimal(baseline.get("value"))
            indicator.baseline_date = _date(baseline)
            if baseline.get("value") and indicator.baseline is None:
                indicator.unreadable.append(baseline.get("value"))
        for period in element.iterfind("period"):
            target, actual = period.find("target"), period.find("actual")
            item = ResultPeriod(
                line=period.sourceline or 0,
                start=_date(period.find("period-start")),
                end=_date(period.find("period-end")),
            )
            for kind, value in (("target", target), ("actual", actual)):
                if value is None:
                    continue
                raw = (value.get("value") or "").strip()
                setattr(item, kind, _decimal(raw))
                setattr(item, f"{kind}_text", _first_text(value.find("comment"), language))
                if raw and getattr(item, kind) is None:
                    item.unreadable.append(raw)
            indicator.periods.append(item)
        found.append(indicator)
    return found


# Writing


class _Importer:
    def __init__(self, user, report: ImportReport, problems: list[Problem], take_over=False):
        self.user = user
        self.take_over = take_over
        self.reporting = conf.reporting_org()
        self.report = report
        self.problems = problems
        self.seen: dict[str, int] = {}
        self.organisations: dict[str, Organisation] = {}
        self.known_sectors = set(
            CodelistItem.objects.filter(codelist="Sector").values_list("code", flat=True)
        )
        self.known_currencies = set(
            CodelistItem.objects.filter(codelist="Currency").values_list("code", flat=True)
        )
        self.known_types = set(
            CodelistItem.objects.filter(codelist="OrganisationType").values_list("code", flat=True)
        )

    def problem(self, activity: Activity, message: str, element: str = "", line=None) -> None:
        self.problems.append(
            Problem(message, element=element, line=line or activity.line, activity=activity.label)
        )

    def warn(self, activity: Activity, message: str) -> None:
        self.report.warnings.append(f"{activity.label}: {message}")

    def apply(self, activity: Activity) -> None:
        if not activity.identifier:
            self.report.skipped.append(
                _("Activity at line %(line)d has no iati-identifier; nothing imported from it.")
                % {"line": activity.line}
            )
            return
        if activity.identifier in self.seen:
            self.problem(
                activity,
                _("The identifier appears twice in the file (also at line %(line)d).")
                % {"line": self.seen[activity.identifier]},
                "iati-identifier",
            )
            return
        self.seen[activity.identifier] = activity.line
        partnership = self._partnership(activity)
        if partnership is None:
            return
        self._partners(activity, partnership)
        profile = self._profile(activity, partnership)
        cycle_records.apply(self, activity, partnership)
        self._fingerprint(profile)

    # The partnership

    def _fields(self, activity: Activity) -> dict | None:
        title = activity.titles.get("id") or next(iter(activity.titles.values()), "")
        if not title:
            self.problem(activity, _("The title has no text."), "title")
            return None
        if len(title) > TITLE_MAX:
            self.warn(
                activity, _("the title was shortened to %(n)d characters.") % {"n": TITLE_MAX}
            )
            title = title[:TITLE_MAX]
        start, end = codes.dates_from_activity(activity.dates)
        if start and end and end < start:
            self.problem(activity, _("The end date is before the start date."), "activity-date")
            return None
        fields = {
            "title": title,
            "summary": activity.descriptions.get("id")
            or next(iter(activity.descriptions.values()), ""),
            "start_date": start,
            "end_date": end,
        }
        if activity.currency:
            if activity.currency in self.known_currencies:
                fields["currency"] = activity.currency
            else:
                self.warn(
                    activity, _("unknown currency %(code)s ignored.") % {"code": activity.currency}
                )
        dac = [code for vocabulary, code in activity.sectors if vocabulary == codes.DAC_5]
        known_dac = [code for code in dac if code in self.known_sectors]
        if known_dac:
            fields["dac_sector"] = known_dac[0]
            if len(known_dac) > 1:
                self.warn(
                    activity,
                    _("only the first DAC sector (%(code)s) is kept.") % {"code": known_dac[0]},
                )
        for code in set(dac) - set(known_dac):
            self.warn(activity, _("unknown DAC sector %(code)s ignored.") % {"code": code})
        return fields

    def _find(self, activity: Activity) -> tuple[Partnership | None, str]:
        """The partnership the activity was imported into before (by its identifier, also
        when the deployment took it over), else the one of its code, else a new code. A code
        already used by another IATI activity of a partnership the user manages is not
        taken: the next free `CODE-2`, `CODE-3` … is. A code of a partnership the user may not
        change is refused (`_update`), whether or not they may see it, so that the import
        tells nobody which codes hidden partnerships have."""
        profile = (
            IatiProfile.objects.select_related("partnership")
            .filter(
                Q(iati_identifier=activity.identifier) | Q(source_identifier=activity.identifier)
            )
            .first()
        )
        if profile:
            return profile.partnership, profile.partnership.code
        base = codes.code_from_identifier(activity.identifier, activity.reporting_ref)
        if not base:
            return None, ""
        for n in range(1, codes.CODE_SUFFIXES):
            code = codes.code_with_suffix(base, n)
            partnership = Partnership.objects.filter(code__iexact=code).first()
            if partnership is None or not self._another_activity(partnership, activity):
                return partnership, code
            if not Partnership.objects.managed_by(self.user).filter(pk=partnership.pk).exists():
                return partnership, code
        return None, ""

    def _another_activity(self, partnership: Partnership, activity: Activity) -> bool:
        return (
            IatiProfile.objects.filter(partnership=partnership)
            .exclude(iati_identifier="")
            .exclude(iati_identifier=activity.identifier)
            .exclude(source_identifier=activity.identifier)
            .exists()
        )

    def _partnership(self, activity: Activity) -> Partnership | None:
        fields = self._fields(activity)
        if fields is None:
            return None
        partnership, code = self._find(activity)
        if not code:
            self.problem(
                activity,
                _("No partnership code can be made from the identifier."),
                "iati-identifier",
            )
            return None
        if partnership is not None:
            return self._update(activity, partnership, fields)
        if not self.user.has_perm("partnerships.add_partnership"):
            self.problem(activity, _("You may not create partnerships."))
            return None
        phase, status, known = codes.partnership_state(activity.status)
        if not known:
            self.warn(
                activity,
                _("unknown activity status %(code)s: the partnership starts in scoping.")
                % {"code": activity.status},
            )
        partnership = Partnership(code=code, phase=phase, status=status, **fields)
        partnership._history_user = self.user
        partnership_services.create_partnership(partnership=partnership, created_by=self.user)
        if phase > 1:
            PhaseTransition.objects.create(
                partnership=partnership,
                from_phase=1,
                to_phase=phase,
                moved_by=self.user,
                gate_passed=False,
                overridden=True,
                reason=_("Imported from an IATI activity file (activity status %(code)s).")
                % {"code": activity.status},
                gate_results=[],
            )
        self._relations(activity, partnership, replace=True)
        self.report.created.append(code)
        return partnership

    def _update(self, activity: Activity, partnership: Partnership, fields: dict):
        if not Partnership.objects.managed_by(self.user).filter(pk=partnership.pk).exists():
            # One sentence for every partnership the user may not change, hidden or not, that
            # names neither its code nor its title: the file may have matched it by an IATI
            # identifier only, and the user must not learn what a private partnership is.
            self.problem(
                activity,
                _(
                    "The partnership code made from this identifier cannot be used. Give the "
                    "activity another iati-identifier."
                ),
                "iati-identifier",
            )
            return None
        other = (
            IatiProfile.objects.filter(partnership=partnership)
            .exclude(iati_identifier="")
            .exclude(iati_identifier=activity.identifier)
            .exclude(source_identifier=activity.identifier)
            .first()
        )
        if other is not None:
            self.problem(
                activity,
                _(
                    "The partnership code %(code)s is already used by another IATI activity "
                    "(%(other)s)."
                )
                % {"code": partnership.code, "other": other.iati_identifier},
                "iati-identifier",
            )
            return None
        for name, value in fields.items():
            if value not in (None, ""):
                setattr(partnership, name, value)
        partnership._history_user = self.user
        partnership.save()
        expected = codes.activity_status(partnership.phase, partnership.status)
        if activity.status != expected:
            self.warn(
                activity,
                _(
                    "the phase was kept (activity status %(code)s in the file); phases move only through their gates."
                )
                % {"code": activity.status},
            )
        self._relations(activity, partnership, replace=False)
        self.report.updated.append(partnership.code)
        return partnership

    def _relations(self, activity: Activity, partnership: Partnership, *, replace: bool) -> None:
        codes_found = list(dict.fromkeys(activity.region_codes))
        regions = list(Region.objects.filter(code__in=codes_found))
        unknown = sorted(set(codes_found) - {r.code for r in regions})
        if unknown:
            self.warn(
                activity,
                _("unknown region codes ignored: %(codes)s.") % {"codes": ", ".join(unknown)},
            )
        if activity.other_locations:
            self.warn(
                activity,
                _("%(n)d location(s) without a Kemendagri code were not kept.")
                % {"n": activity.other_locations},
            )
        if regions or replace:
            partnership.regions.set(regions)
        wanted = [code for vocabulary, code in activity.sectors if vocabulary == codes.SDG_TARGET]
        targets = list(SdgTarget.objects.filter(code__in=wanted))
        unknown = sorted(set(wanted) - {t.code for t in targets})
        if unknown:
            self.warn(
                activity,
                _("unknown SDG targets ignored: %(codes)s.") % {"codes": ", ".join(unknown)},
            )
        if targets or replace:
            partnership.sdg_targets.set(targets)
        goals = {code for vocabulary, code in activity.sectors if vocabulary == codes.SDG_GOAL}
        uncovered = sorted(goals - {str(t.goal_id) for t in targets})
        if uncovered:
            self.warn(
                activity,
                _("SDG goals without a target are not kept (Simitra records targets): %(codes)s.")
                % {"codes": ", ".join(uncovered)},
            )

    # Organisations and partners

    def _organisation(self, activity: Activity, participant: Participant) -> Organisation | None:
        key = participant.ref or participant.name.casefold()
        if key in self.organisations:
            return self.organisations[key]
        organisation = None
        if participant.ref:
            organisation = Organisation.objects.filter(iati_identifier=participant.ref).first()
        if organisation is None and participant.name:
            organisation = (
                Organisation.objects.filter(name__iexact=participant.name[:NAME_MAX])
                .order_by("pk")
                .first()
            )
        if organisation is None:
            organisation = self._create_organisation(activity, participant)
        else:
            self._update_organisation(activity, participant, organisation)
        if organisation is not None:
            self.organisations[key] = organisation
        return organisation

    def _update_organisation(self, activity, participant, organisation) -> None:
        """Fill in what the file knows of an organisation already in Simitra — its IATI
        identifier when it has none, its IATI type when it differs — if the user may change
        it (its organisation admins). Names are never changed by a file."""
        changes = {}
        if participant.ref and not organisation.iati_identifier:
            changes["iati_identifier"] = participant.ref
        if (
            participant.type in self.known_types
            and participant.type != organisation.effective_iati_type
        ):
            changes["iati_type"] = participant.type
        if not changes:
            return
        if not self.user.has_perm("organisations.change_organisation", organisation):
            self.warn(
                activity,
                _(
                    "%(name)s differs in the file (IATI identifier or type) but was left as it "
                    "is: only its organisation admins may change it."
                )
                % {"name": organisation.name},
            )
            return
        for name, value in changes.items():
            setattr(organisation, name, value)
        organisation._history_user = self.user
        organisation.save(update_fields=[*changes, "updated_at"])
        self.report.organisations_updated.append(organisation.name)

    def _create_organisation(self, activity: Activity, participant: Participant):
        if not participant.name:
            self.warn(
                activity,
                _(
                    "participating organisation %(ref)s (line %(line)d) has no name and is not in Simitra; left out."
                )
                % {"ref": participant.ref, "line": participant.line},
            )
            return None
        if not self.user.has_perm("organisations.add_organisation"):
            self.problem(
                activity,
                _("You may not register organisations."),
                "participating-org",
                participant.line,
            )
            return None
        sector, iati_type, known = codes.sector_for_type(participant.type)
        if not known:
            self.warn(
                activity,
                _(
                    "%(name)s has no known organisation type; registered as an NGO, check its sector."
                )
                % {"name": participant.name},
            )
        if iati_type and iati_type not in self.known_types:
            iati_type = ""
        name = participant.name[:NAME_MAX]
        organisation = Organisation(
            name=name,
            sector=sector,
            iati_type=iati_type,
            iati_identifier=participant.ref,
            created_by=self.user,
        )
        organisation.assign_unique_slug()
        organisation._history_user = self.user
        organisation.save()
        self.report.organisations_created.append(name)
        return organisation

    def _partners(self, activity: Activity, partnership: Partnership) -> None:
        existing = {p.organisation_id: p for p in partnership.partners.all()}
        placed: set[int] = set()
        for participant in activity.participants:
            if not participant.ref and not participant.name:
                self.warn(
                    activity,
                    _(
                        "a participating organisation at line %(line)d has neither identifier nor name; left out."
                    )
                    % {"line": participant.line},
                )
                continue
            organisation = self._organisation(activity, participant)
            if organisation is None:
                continue
            role = int(participant.role) if participant.role in codes.ORGANISATION_ROLES else None
            if role is None:
                self.warn(
                    activity,
                    _("%(name)s has an unknown role %(role)s; added without an IATI role.")
                    % {"name": organisation.name, "role": participant.role},
                )
            if organisation.pk in placed:
                self.warn(
                    activity,
                    _("%(name)s appears more than once; its first role is kept.")
                    % {"name": organisation.name},
                )
                continue
            placed.add(organisation.pk)
            partner = existing.get(organisation.pk)
            if partner is None:
                partner = Partner(
                    partnership=partnership,
                    organisation=organisation,
                    iati_role=role,
                    status=PartnerStatus.CONFIRMED,
                    relationship=Partner.Relationship.UNDETERMINED,
                )
            elif partner.iati_role == role or role is None:
                continue
            else:
                partner.iati_role = role
            partner._history_user = self.user
            partner.save()

    def _profile(self, activity: Activity, partnership: Partnership) -> IatiProfile:
        profile, _created = IatiProfile.objects.get_or_create(partnership=partnership)
        if self.take_over:
            profile.iati_identifier = f"{self.reporting.ref}-{partnership.code}"
        else:
            profile.iati_identifier = activity.identifier
        profile.taken_over = self.take_over
        profile.source_identifier = activity.identifier
        profile.source_activity = kept.serialise(activity.element)
        profile.narrative_language = activity.narrative_language
        if "en" in activity.titles and activity.titles.get("id"):
            profile.title_en = activity.titles["en"][:TITLE_MAX]
        if "en" in activity.descriptions and activity.descriptions.get("id"):
            profile.description_en = activity.descriptions["en"]
        # The file says which documents the activity links to now: its list replaces the
        # previous one (an empty list clears it).
        profile.document_links = [link.as_dict() for link in activity.document_links]
        if activity.document_links:
            self.report.records.append(
                _("%(code)s: %(count)d document link(s) kept; the next export writes them again.")
                % {"code": partnership.code, "count": len(activity.document_links)}
            )
        kept_here = kept.summary(activity.element, activity.narrative_language)
        if kept_here:
            self.report.records.append(
                _(
                    "%(code)s: kept from the file and written again on export, not shown in the "
                    "pages: %(elements)s."
                )
                % {"code": partnership.code, "elements": "; ".join(kept_here)}
            )
        profile._history_user = self.user
        profile.save()
        return profile

    def _fingerprint(self, profile: IatiProfile) -> None:
        """What Simitra writes of the activity now that it is imported, part by part: an
        export writes the publisher's version of each part until its records change."""
        partnership = export_queryset(Partnership.objects.filter(pk=profile.partnership_id))
        generated = own_activity_element(partnership.get(), self.reporting, timezone.localdate())
        IatiProfile.objects.filter(pk=profile.pk).update(
            source_fingerprints=kept.fingerprints(generated)
        )


def import_iati(
    *,
    data: bytes,
    user,
    progress: Callable[[int, int], None] | None = None,
    take_over: bool = False,
) -> ImportReport:
    """Validate and import an IATI activities file for `user`; all or nothing. With
    `take_over`, the activities are published by this deployment from now on (new
    identifiers, the publisher's kept as previous identifiers)."""
    root = read_and_validate(data)
    activities = parse_activities(root)
    report = ImportReport(activities=len(activities))
    problems: list[Problem] = []
    with transaction.atomic():
        importer = _Importer(user, report, problems, take_over=take_over)
        for count, activity in enumerate(activities, start=1):
            importer.apply(activity)
            if progress:
                progress(count, len(activities))
        if problems:
            raise ImportRefused(problems)
    return report
