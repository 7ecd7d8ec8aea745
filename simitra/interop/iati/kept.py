"""What a publisher wrote, kept: an imported activity is written again as its file said it,
except where Simitra's data has changed since the import.

An import keeps the activity's element whole on its IATI profile (`source_activity`), and
with it a fingerprint of each part Simitra writes from its own records (its title, its
partners, its dates, its contributions, its results …) as Simitra would have written them
right after the import. On export, each such part that Simitra would still write the same way
is written as the publisher wrote it — every narrative in every language, budgets, attributes
and all — and a part whose records have changed since is written from Simitra's data, keeping
the publisher's items of it that Simitra does not model (the other languages of a title, the
sectors of another vocabulary, transactions of other types, …). Everything Simitra does not
model at all (recipient countries and regions, contact details, policy markers, conditions,
extension elements, …) is written again unchanged. The rules and the list of what may differ
after a round trip are in docs/iati.md ("What an import keeps").
"""

import hashlib
from collections import Counter

from django.utils.translation import gettext as _
from lxml import etree

from . import codes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIMITRA_LANGUAGE = "id"

# The children of `iati-activity` in the schema's order (iati-activities-schema.xsd, 2.03);
# elements of another namespace (extensions) come last, where the schema allows them.
ORDER = (
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "other-identifier",
    "activity-status",
    "activity-date",
    "contact-info",
    "activity-scope",
    "recipient-country",
    "recipient-region",
    "location",
    "sector",
    "tag",
    "country-budget-items",
    "humanitarian-scope",
    "policy-marker",
    "collaboration-type",
    "default-flow-type",
    "default-finance-type",
    "default-aid-type",
    "default-tied-status",
    "budget",
    "planned-disbursement",
    "capital-spend",
    "transaction",
    "document-link",
    "related-activity",
    "legacy-data",
    "conditions",
    "result",
    "crs-add",
    "fss",
)
EXTENSION = "##other"

# The parts Simitra writes from its own records, each compared by its fingerprint.
MODELLED = (
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
    "location",
    "sector",
    "budget",
    "transaction",
    "document-link",
    "result",
)
MODELLED_SECTOR_VOCABULARIES = {codes.DAC_5, codes.SDG_GOAL, codes.SDG_TARGET}
MODELLED_TRANSACTION_TYPES = {
    codes.TRANSACTION_INCOMING_COMMITMENT,
    codes.TRANSACTION_INCOMING_FUNDS,
}
# Attributes of `iati-activity` that Simitra writes itself; the others are the publisher's.
OWN_ATTRIBUTES = {"last-updated-datetime", "default-currency"}


def _key(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction: not kept
    return tag if tag in ORDER else EXTENSION


def parts(activity) -> dict[str, list]:
    """The activity's children by part (tag), in their order."""
    found: dict[str, list] = {}
    for child in activity:
        key = _key(child)
        if key:
            found.setdefault(key, []).append(child)
    return found


def _canonical(elements) -> bytes:
    return b"".join(etree.tostring(element, method="c14n") for element in elements)


def fingerprints(generated) -> dict[str, str]:
    """The fingerprint of each part Simitra writes, from an `iati-activity` it built."""
    found = parts(generated)
    return {tag: hashlib.sha256(_canonical(found.get(tag, []))).hexdigest() for tag in MODELLED}


def source_element(profile):
    """The activity as the last import kept it, or None for a partnership made in Simitra."""
    if profile is None or not profile.source_activity:
        return None
    return etree.fromstring(profile.source_activity.encode())


def is_imported(partnership) -> bool:
    """Whether the partnership's activity came from an imported file (and is kept)."""
    try:
        return bool(partnership.iati_profile.source_activity)
    except type(partnership).iati_profile.RelatedObjectDoesNotExist:
        return False


def serialise(activity) -> str:
    return etree.tostring(activity, encoding="unicode")


def _language(narrative, default: str) -> str:
    return (narrative.get(XML_LANG) or default or "").lower()[:2]


def _with_narratives(element, replacements: dict[str, str], default: str):
    """A copy of `element` whose narrative in each language of `replacements` says the new
    text (added when the element had none in that language); the others are left as written."""
    copy = etree.fromstring(etree.tostring(element))
    left = dict(replacements)
    for narrative in copy.iterfind("narrative"):
        language = _language(narrative, default)
        if language in left:
            narrative.text = left.pop(language)
    narratives = copy.findall("narrative")
    last = narratives[-1] if narratives else None
    for language, text in left.items():
        narrative = etree.Element("narrative", {XML_LANG: language})
        narrative.text = text
        if last is not None:
            last.addnext(narrative)
        else:
            copy.insert(0, narrative)
        last = narrative
    return copy


def _general_description(descriptions) -> int | None:
    """Which description holds the partnership's summary (as the importer chose it)."""
    general = [i for i, d in enumerate(descriptions) if d.get("type") in (None, "1")]
    for index in general or range(len(descriptions)):
        if descriptions[index].find("narrative") is not None:
            return index
    return None


def _mark_language(elements, activity_language: str) -> None:
    """Simitra's own narratives are in Indonesian: said so explicitly when the publisher's
    activity declares another default language."""
    if activity_language == SIMITRA_LANGUAGE:
        return
    for element in elements:
        for narrative in element.iter("narrative"):
            if not narrative.get(XML_LANG):
                narrative.set(XML_LANG, SIMITRA_LANGUAGE)


def _changed_part(tag, source: list, generated: list, profile, partnership, language) -> list:
    """A part whose records changed since the import: Simitra's version of it, with the
    publisher's items that Simitra does not model."""
    if tag in ("title", "description"):
        texts = {
            "title": (partnership.title, profile.title_en),
            "description": (partnership.summary, profile.description_en),
        }[tag]
        replacements = {}
        if texts[1]:
            replacements["en"] = texts[1]
        replacements[profile.narrative_language or SIMITRA_LANGUAGE] = texts[0]
        if tag == "title":
            return [_with_narratives(source[0], replacements, language)] if source else generated
        index = _general_description(source)
        if index is None:
            return generated + source
        kept = list(source)
        kept[index] = _with_narratives(source[index], replacements, language)
        return kept
    _mark_language(generated, language)
    if tag == "sector":
        others = [
            s
            for s in source
            if (s.get("vocabulary") or codes.DAC_5) not in MODELLED_SECTOR_VOCABULARIES
        ]
        return generated + others
    if tag == "location":
        return generated + [s for s in source if not codes.region_code_from_ref(s.get("ref"))]
    if tag == "transaction":
        others = [
            s
            for s in source
            if (s.find("transaction-type").get("code") or "").strip()
            not in MODELLED_TRANSACTION_TYPES
        ]
        return generated + others
    if tag == "budget":
        years = {_budget_year(b) for b in generated}
        return generated + [b for b in source if _budget_year(b) not in years]
    return generated


def _budget_year(budget) -> str:
    start = budget.find("period-start")
    return (start.get("iso-date") or "")[:4] if start is not None else ""


def merged(generated, partnership, profile, reporting):
    """The activity to write for an imported partnership: the publisher's, with Simitra's
    parts where its records changed since the import. `generated` is Simitra's own."""
    source = source_element(profile)
    if source is None:
        return generated
    language = (source.get(XML_LANG) or "").lower()[:2]
    stored = profile.source_fingerprints or {}
    now = fingerprints(generated)
    theirs, ours = parts(source), parts(generated)

    activity = etree.Element("iati-activity", nsmap=source.nsmap)
    for name, value in source.attrib.items():
        if name not in OWN_ATTRIBUTES:
            activity.set(name, value)
    for name in ("default-currency", "last-updated-datetime"):
        if generated.get(name):
            activity.set(name, generated.get(name))

    for tag in (*ORDER, EXTENSION):
        source_part, own_part = theirs.get(tag, []), ours.get(tag, [])
        if tag == "iati-identifier":
            chosen = own_part
        elif tag == "reporting-org":
            chosen = own_part if profile.taken_over else source_part
        elif tag == "other-identifier":
            chosen = source_part + (
                [_previous_identifier(profile, theirs.get("reporting-org", []))]
                if profile.taken_over
                else []
            )
        elif tag in MODELLED:
            if stored.get(tag) == now[tag]:
                chosen = source_part
            else:
                chosen = _changed_part(tag, source_part, own_part, profile, partnership, language)
        else:
            chosen = source_part
        for element in chosen:
            activity.append(etree.fromstring(etree.tostring(element)))
    return activity


def _previous_identifier(profile, reporting_orgs):
    """The publisher's identifier, kept as an `other-identifier` (type A3, previous activity
    identifier) when Simitra's deployment takes the activity over."""
    element = etree.Element("other-identifier", {"ref": profile.source_identifier, "type": "A3"})
    if reporting_orgs:
        source = reporting_orgs[0]
        owner = etree.SubElement(element, "owner-org")
        if source.get("ref"):
            owner.set("ref", source.get("ref"))
        for narrative in source.iterfind("narrative"):
            owner.append(etree.fromstring(etree.tostring(narrative)))
    return element


def summary(activity, narrative_language: str) -> list[str]:
    """What the import kept of an activity without showing it in the pages, one phrase per
    kind: written again on export."""
    found = parts(activity)
    language = (activity.get(XML_LANG) or "").lower()[:2]
    kept: Counter = Counter()
    for tag, elements in found.items():
        if tag in ("iati-identifier", "reporting-org"):
            continue
        if tag == EXTENSION:
            for element in elements:
                kept[etree.QName(element).localname] += 1
        elif tag in ("title", "description"):
            for element in elements:
                languages = {_language(n, language) for n in element.iterfind("narrative")}
                others = sorted(languages - {narrative_language, "en"})
                if others:
                    kept[
                        _("%(tag)s in %(languages)s") % {"tag": tag, "languages": ", ".join(others)}
                    ] += 1
            if tag == "description":
                general = _general_description(elements)
                extra = len(elements) - (1 if general is not None else 0)
                if extra:
                    kept["description"] += extra
        elif tag == "sector":
            for element in elements:
                if (element.get("vocabulary") or codes.DAC_5) not in MODELLED_SECTOR_VOCABULARIES:
                    kept["sector"] += 1
        elif tag == "location":
            for element in elements:
                if not codes.region_code_from_ref(element.get("ref")):
                    kept["location"] += 1
        elif tag == "transaction":
            for element in elements:
                code = (element.find("transaction-type").get("code") or "").strip()
                if code not in MODELLED_TRANSACTION_TYPES:
                    kept[_("transaction (type %(code)s)") % {"code": code}] += 1
        elif tag in ("recipient-country", "recipient-region"):
            for element in elements:
                kept[f"{tag} {element.get('code') or ''}".strip()] += 1
        elif tag not in MODELLED or tag == "budget":
            kept[tag] += len(elements)
    return [f"{name} ×{count}" if count > 1 else name for name, count in sorted(kept.items())]
