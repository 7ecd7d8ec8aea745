"""IATI round trips of publishers' files: imported, then exported, each activity says what its
publisher wrote, element by element (in any order), but for the documented differences
(docs/iati.md, "What an import keeps"); changed records are written from Simitra's data while
the rest of the publisher's activity is kept; a deployment can take an activity over."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from lxml import etree

from simitra.interop.conf import reporting_org
from simitra.interop.iati import codes, kept
from simitra.interop.iati.export import activity_element, export_queryset, export_to_bytes
from simitra.interop.iati.importer import import_iati
from simitra.interop.iati.schema import safe_parser
from simitra.interop.models import IatiProfile
from simitra.partnerships.models import Partner, Partnership
from simitra.resources.models import Category, Pledge, ValuationMethod

pytestmark = pytest.mark.django_db

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DONOR = Path(__file__).parent / "data" / "bilateral-donor-2.03.xml"
# What may differ after a round trip of an unchanged activity (docs/iati.md): when Simitra
# wrote it, and its currency, which Simitra always states.
DIFFERING_ATTRIBUTES = {"last-updated-datetime", "default-currency"}


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


def canonical(element, language="") -> tuple:
    """An element as a comparable value: its tag, attributes, text, the language of a
    narrative (written on it or inherited) and its children in any order; comments and
    whitespace say nothing."""
    language = element.get(XML_LANG) or language
    attributes = tuple(
        sorted(
            (name, value.strip())
            for name, value in element.attrib.items()
            if name != XML_LANG
            and not (element.tag == "iati-activity" and name in DIFFERING_ATTRIBUTES)
        )
    )
    children = sorted(canonical(child, language) for child in element if isinstance(child.tag, str))
    narrative_language = language.lower() if element.tag == "narrative" else ""
    return (
        str(element.tag),
        attributes,
        narrative_language,
        (element.text or "").strip(),
        tuple(children),
    )


def activities(document: bytes) -> dict[str, etree._Element]:
    root = etree.fromstring(document, safe_parser())
    return {a.findtext("iati-identifier").strip(): a for a in root.iterfind("iati-activity")}


def differences(before, after) -> list[str]:
    """Each child of the activity on one side only, named by its tag."""
    left = [canonical(c, before.get(XML_LANG) or "") for c in before if isinstance(c.tag, str)]
    right = [canonical(c, after.get(XML_LANG) or "") for c in after if isinstance(c.tag, str)]
    found = []
    for item in left:
        if item in right:
            right.remove(item)
        else:
            found.append(f"lost {item[0]}: {item}")
    found += [f"added {item[0]}: {item}" for item in right]
    return found


def _round_trip(data: bytes, user):
    report = import_iati(data=data, user=user)
    codes_ = report.created + report.updated
    exported = export_to_bytes(Partnership.objects.filter(code__in=codes_))
    return report, activities(data), activities(exported)


def _publishers_files(shared):
    return [
        shared / "iati" / "real-files" / "usaid-2.03.xml",
        shared / "iati" / "real-files" / "undp-gabon-2.03-repaired.xml",
        DONOR,
    ]


@pytest.mark.parametrize("index", [0, 1, 2], ids=["usaid", "undp-gabon", "bilateral-donor"])
def test_a_publishers_file_comes_back_as_it_was_written(world, shared, index, figures):
    path = _publishers_files(shared)[index]
    report, before, after = _round_trip(path.read_bytes(), world.coordinator)
    assert set(after) == set(before), "every activity keeps its identifier"
    compared = 0
    for identifier, source in before.items():
        exported = after[identifier]
        assert differences(source, exported) == [], identifier
        assert canonical(exported) == canonical(source), identifier
        compared += sum(1 for _ in source.iter())
        # The attributes that differ are only those documented.
        for name in set(source.attrib) | set(exported.attrib):
            if source.get(name) != exported.get(name):
                assert name in DIFFERING_ATTRIBUTES, name
        # IATI rule 1.1.21: the identifier starts with its reporting organisation's.
        assert identifier.startswith(exported.find("reporting-org").get("ref"))
    figures(f"IATI round trip: {path.name}, {len(before)} activities, {compared} elements kept")


def test_every_should_pass_file_comes_back_as_it_was_written(world, shared, figures):
    files = sorted((shared / "iati" / "conformance-2.03" / "should-pass").rglob("*.xml"))
    for n, path in enumerate(files):
        data = path.read_bytes().replace(
            b"<iati-identifier></iati-identifier>",
            f"<iati-identifier>XX-TRIP-{n}</iati-identifier>".encode(),
        )
        report = import_iati(data=data, user=world.coordinator)
        if report.nothing_importable:
            continue
        exported = activities(export_to_bytes(Partnership.objects.filter(code__in=report.created)))
        for identifier, source in activities(data).items():
            assert differences(source, exported[identifier]) == [], path.name
    figures(f"IATI round trip: {len(files)} should-pass files exported as imported")


def test_countries_languages_and_budgets_are_kept(world):
    _report, _before, after = _round_trip(DONOR.read_bytes(), world.coordinator)
    benin = after["FI-3-2020 - 2020000056"]
    assert [c.get("code") for c in benin.iterfind("recipient-country")] == ["BJ"]
    horn = after["FI-3-2021000112"]
    assert [c.get("code") for c in horn.iterfind("recipient-country")] == ["ET", "ER"]
    title = {n.get(XML_LANG, "en"): n.text for n in benin.find("title").iterfind("narrative")}
    assert title == {
        "en": "Water supply and sanitation in rural Benin",
        "fi": "Vesihuolto ja sanitaatio Beninin maaseudulla",
    }
    assert len(benin.findall("budget")) == 2
    assert sorted(
        t.find("transaction-type").get("code") for t in benin.iterfind("transaction")
    ) == [
        "2",
        "3",
    ]
    assert benin.find("reporting-org").get("ref") == "FI-3"


def test_the_report_lists_what_was_kept_without_being_shown(world):
    report = import_iati(data=DONOR.read_bytes(), user=world.coordinator)
    kept = " ".join(report.records)
    for phrase in (
        "recipient-country BJ",
        "budget ×2",
        "transaction (jenis 2)",
        "transaction (jenis 3)",
        "contact-info",
        "policy-marker",
        "title dalam bahasa fi",
        "sector",  # the DAC 3-digit vocabulary
    ):
        assert phrase in kept, phrase
    # Nothing says countries are dropped any more.
    assert not any("Indonesia" in warning for warning in report.warnings)


def test_a_readable_stable_code_from_an_identifier_with_a_space(world):
    report = import_iati(data=DONOR.read_bytes(), user=world.coordinator)
    assert sorted(report.created) == ["2020-2020000056", "2021000112"]
    again = import_iati(data=DONOR.read_bytes(), user=world.coordinator)
    assert sorted(again.updated) == ["2020-2020000056", "2021000112"] and not again.created


def test_two_identifiers_with_one_code_get_two_codes(world):
    data = DONOR.read_bytes().replace(b"FI-3-2021000112", b"FI-3-2020-2020000056")
    report = import_iati(data=data, user=world.coordinator)
    assert sorted(report.created) == ["2020-2020000056", "2020-2020000056-2"]
    again = import_iati(data=data, user=world.coordinator)
    assert sorted(again.updated) == sorted(report.created)


def test_a_changed_title_keeps_the_other_languages(world):
    import_iati(data=DONOR.read_bytes(), user=world.coordinator)
    partnership = Partnership.objects.get(code="2021000112")
    partnership.title = "Forestry education in Ethiopia and Eritrea"
    partnership.save()
    exported = activities(export_to_bytes(Partnership.objects.filter(pk=partnership.pk)))
    horn = exported["FI-3-2021000112"]
    title = {n.get(XML_LANG, "en"): n.text for n in horn.find("title").iterfind("narrative")}
    assert title == {
        "en": "Forestry education in Ethiopia and Eritrea",
        "fi": "Metsäalan koulutus Afrikan sarvessa",
    }
    # The rest is as the publisher wrote it.
    source = activities(DONOR.read_bytes())["FI-3-2021000112"]
    assert [d.split(":")[0] for d in differences(source, horn)] == ["lost title", "added title"]


def test_new_contributions_are_written_beside_the_publishers_budgets(world):
    import_iati(data=DONOR.read_bytes(), user=world.coordinator)
    partnership = Partnership.objects.get(code="2020-2020000056")
    partner = Partner.objects.filter(partnership=partnership, iati_role__isnull=False).first()
    Pledge.objects.create(
        partnership=partnership,
        partner=partner,
        category=Category.SUPPORT,
        valuation_method=ValuationMethod.CASH,
        description="Co-funding",
        estimated_value=Decimal("100000"),
        currency="EUR",
        due_date=dt.date(2023, 6, 30),
    )
    partnership.refresh_from_db()
    benin = activities(export_to_bytes(Partnership.objects.filter(pk=partnership.pk)))[
        "FI-3-2020 - 2020000056"
    ]
    years = sorted(b.find("period-start").get("iso-date")[:4] for b in benin.iterfind("budget"))
    assert years == ["2020", "2021", "2023"]
    types = sorted(t.find("transaction-type").get("code") for t in benin.iterfind("transaction"))
    assert types == ["11", "2", "3"]


def test_a_deployment_can_take_an_activity_over(world, settings):
    settings.SIMITRA_IATI_REPORTING_ORG_REF = "ID-BAPPEDA-5300"
    report = import_iati(data=DONOR.read_bytes(), user=world.coordinator, take_over=True)
    assert sorted(report.created) == ["2020-2020000056", "2021000112"]
    profile = IatiProfile.objects.get(partnership__code="2021000112")
    assert profile.iati_identifier == "ID-BAPPEDA-5300-2021000112" and profile.taken_over
    exported = activities(export_to_bytes(Partnership.objects.filter(pk=profile.partnership_id)))
    horn = exported["ID-BAPPEDA-5300-2021000112"]
    assert horn.find("reporting-org").get("ref") == "ID-BAPPEDA-5300"
    previous = horn.find("other-identifier")
    assert (previous.get("ref"), previous.get("type")) == ("FI-3-2021000112", "A3")
    assert previous.find("owner-org").get("ref") == "FI-3"
    # Imported again, the same file finds the same partnerships.
    again = import_iati(data=DONOR.read_bytes(), user=world.coordinator, take_over=True)
    assert sorted(again.updated) == ["2020-2020000056", "2021000112"] and not again.created


def test_a_partnership_made_in_simitra_is_written_as_before(world):
    partnership = export_queryset(Partnership.objects.filter(pk=world.partnership.pk)).get()
    activity = activity_element(partnership, reporting_org(), dt.date(2026, 12, 1))
    assert activity is not None and not kept.is_imported(partnership)
    assert [c.get("code") for c in activity.iterfind("recipient-country")] == [
        codes.RECIPIENT_COUNTRY
    ]
    assert activity.get(XML_LANG) == "id"
    assert activity.find("reporting-org").get("ref") == reporting_org().ref
