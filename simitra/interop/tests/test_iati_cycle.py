"""IATI budgets, transactions and results: exported from contributions, deliveries and
indicators; imported back all or nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from lxml import etree

from simitra.interop.iati.export import export_to_bytes
from simitra.interop.iati.importer import ImportRefused, import_iati
from simitra.partnerships.models import Partner, Partnership
from simitra.resources.models import Delivery, Pledge
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.models import Indicator, IndicatorValue, Period, Result
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def exportable(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="Ringkasan.", start_date=dt.date(2025, 1, 1)
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)
    Partner.objects.filter(pk=world.partner_b.pk).update(iati_role=4)
    world.partnership.refresh_from_db()
    world.partner_a.refresh_from_db()
    return world


def _activity(world):
    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=world.partnership.pk)))
    return root.find("iati-activity"), root


def test_financial_contributions_become_budgets_and_transactions(exportable, official_schema):
    world = exportable
    money = make_pledge(world.partner_a, value=1_000_000, due_date=dt.date(2026, 6, 30))
    make_delivery(money, amount=400_000, day=dt.date(2025, 9, 1), note="Tahap 1")
    make_pledge(world.partner_a, value=500_000, due_date=dt.date(2026, 1, 31))
    make_pledge(world.partner_a, value=300_000, category="manpower", valuation_method="time")
    make_pledge(world.partner_b, value=700_000)  # no due date: the partnership's start
    activity, root = _activity(world)
    assert official_schema.validate(root), official_schema.error_log
    budgets = [
        (b.find("period-start").get("iso-date"), b.findtext("value"))
        for b in activity.findall("budget")
    ]
    assert budgets == [("2025-01-01", "700000.00"), ("2026-01-01", "1500000.00")]
    transactions = [
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            t.findtext("value"),
            t.findtext("provider-org/narrative"),
        )
        for t in activity.findall("transaction")
    ]
    assert transactions == [
        ("11", "2026-06-30", "1000000.00", "PT Mitra Usaha"),
        ("1", "2025-09-01", "400000.00", "PT Mitra Usaha"),
        ("11", "2026-01-31", "500000.00", "PT Mitra Usaha"),
        ("11", "2025-01-01", "700000.00", "Dinas Kesehatan"),
    ]
    refs = [t.get("ref") for t in activity.findall("transaction")]
    assert refs[0].endswith("-C1") and refs[1] == refs[0] + "-D1"


def test_a_cancelled_or_in_kind_contribution_is_no_transaction(exportable):
    from simitra.resources import services

    world = exportable
    services.cancel_pledge(pledge=make_pledge(world.partner_a, value=9), reason="Batal")
    make_pledge(world.partner_a, value=9, valuation_method="market")
    activity, _root = _activity(world)
    assert activity.findall("transaction") == [] and activity.findall("budget") == []


def test_results_carry_indicators_periods_targets_and_approved_actuals(exportable, official_schema):
    world = exportable
    indicator = make_indicator(
        world.partnership,
        world.partner_a,
        periods=3,
        code="2.2.1.(f)",
        direction="lower",
        measure="percentage",
        baseline_date=dt.date(2024, 12, 31),
    )
    first, second, third = indicator.periods.order_by("start")
    make_value(first, "7", status="approved")
    make_value(second, "8", status="submitted")  # not approved: not an actual
    make_indicator(
        world.partnership, world.partner_b, result=indicator.result, type="outcome", title="Hasil"
    )
    activity, root = _activity(world)
    assert official_schema.validate(root), official_schema.error_log
    results = activity.findall("result")
    assert [r.get("type") for r in results] == ["1", "2"]
    element = results[0].find("indicator")
    assert (element.get("measure"), element.get("ascending")) == ("2", "0")
    assert element.find("reference").get("code") == "2.2.1.(f)"
    assert element.find("baseline").attrib == {
        "year": "2024",
        "iso-date": "2024-12-31",
        "value": "0.00",
    }
    periods = element.findall("period")
    assert [p.find("target").get("value") for p in periods] == ["10.00", "20.00", "30.00"]
    assert [[a.get("value") for a in p.findall("actual")] for p in periods] == [["7.00"], [], []]


def _file(results="", transactions="") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<iati-activities version="2.03"><iati-activity xml:lang="id" default-currency="IDR">
<iati-identifier>ID-X-HASIL-1</iati-identifier>
<reporting-org ref="ID-X" type="10"><narrative>Pelapor</narrative></reporting-org>
<title><narrative>Kemitraan hasil</narrative></title>
<description><narrative>Uraian.</narrative></description>
<participating-org role="1" type="70"><narrative>PT Donor</narrative></participating-org>
<participating-org role="4" type="22"><narrative>Yayasan Pelaksana</narrative></participating-org>
<activity-status code="2"/>
<activity-date type="2" iso-date="2025-01-01"/>
{transactions}{results}
</iati-activity></iati-activities>""".encode()


RESULTS = """<result type="2"><title><narrative>Gizi membaik</narrative></title>
<indicator measure="2" ascending="0"><title><narrative>Prevalensi stunting</narrative></title>
<reference vocabulary="99" code="2.2.1"/>
<baseline year="2024" iso-date="2024-12-31" value="34.5"/>
<period><period-start iso-date="2025-01-01"/><period-end iso-date="2025-03-31"/>
<target value="33"/><actual value="{actual}"/></period>
<period><period-start iso-date="2025-04-01"/><period-end iso-date="2025-06-30"/>
<target value="32"/></period>
</indicator></result>"""

TRANSACTIONS = """<transaction ref="T-C1"><transaction-type code="11"/>
<transaction-date iso-date="2025-12-31"/><value value-date="2025-12-31">1000000</value>
<description><narrative>Dana CSR</narrative></description>
<provider-org type="70"><narrative>PT Donor</narrative></provider-org></transaction>
<transaction ref="T-C1-D1"><transaction-type code="1"/>
<transaction-date iso-date="2025-03-01"/><value value-date="2025-03-01">250000</value>
<provider-org type="70"><narrative>PT Donor</narrative></provider-org></transaction>"""


def test_the_import_reads_indicators_values_and_contributions(world):
    report = import_iati(
        data=_file(RESULTS.format(actual="33.6"), TRANSACTIONS), user=world.coordinator
    )
    assert report.created == ["HASIL-1"] and not report.warnings, report.warnings
    partnership = Partnership.objects.get(code="HASIL-1")
    indicator = Indicator.objects.get(partnership=partnership)
    assert indicator.type == "outcome" and indicator.measure == "percentage"
    assert indicator.direction == "lower" and indicator.frequency == "quarterly"
    assert indicator.baseline_value == Decimal("34.5") and indicator.code == "2.2.1"
    assert indicator.responsible_partner.organisation.name == "Yayasan Pelaksana"
    assert Result.objects.get(partnership=partnership).title == "Gizi membaik"
    assert list(Period.objects.filter(indicator=indicator).values_list("target", flat=True)) == [
        Decimal("33"),
        Decimal("32"),
    ]
    value = IndicatorValue.objects.get(period__indicator=indicator)
    assert value.value == Decimal("33.6") and value.status == "approved"
    pledge = Pledge.objects.get(partnership=partnership)
    assert pledge.estimated_value == Decimal("1000000") and pledge.status == "partly"
    assert pledge.partner.organisation.name == "PT Donor"
    assert Delivery.objects.get(pledge=pledge).amount == Decimal("250000")
    assert any("Yayasan Pelaksana" in line for line in report.records)


def test_one_bad_value_imports_nothing(world):
    before = Partnership.objects.count(), Indicator.objects.count(), Pledge.objects.count()
    with pytest.raises(ImportRefused) as refused, translation.override("en"):
        import_iati(data=_file(RESULTS.format(actual="140"), TRANSACTIONS), user=world.coordinator)
    problem = refused.value.problems[0]
    assert "between 0 and 100" in problem.message and problem.line
    assert (Partnership.objects.count(), Indicator.objects.count(), Pledge.objects.count()) == (
        before
    )


def test_an_existing_partnership_keeps_its_indicators(world):
    import_iati(data=_file(RESULTS.format(actual="33.6")), user=world.coordinator)
    with translation.override("en"):
        report = import_iati(data=_file(RESULTS.format(actual="30")), user=world.coordinator)
    assert report.updated == ["HASIL-1"]
    assert any("already has indicators" in w for w in report.warnings)
    assert IndicatorValue.objects.get().value == Decimal("33.6")
