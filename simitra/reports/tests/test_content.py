"""The results section rolls values up by each indicator's kind and checks the breakdowns."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from simitra.reports import services
from simitra.reports.content import report_content
from simitra.results.models import Dimension, DimensionCategory, Indicator, IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db
APPROVED = IndicatorValue.Status.APPROVED


@pytest.fixture
def donor_report(world, builtin):
    return services.create_report(
        partnership=world.partnership,
        template=builtin["donor-semester"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        user=world.coordinator,
    )


def results_of(report):
    with translation.override("en"):
        content = report_content(report, today=dt.date(2025, 7, 1))
    return next(s for s in content["sections"] if s["kind"] == "results")


def row(section, title):
    return next(r for r in section["tables"][0]["rows"] if r[1] == title)


def test_a_cumulative_indicator_shows_the_latest_an_incremental_one_the_sum(world, donor_report):
    cumulative = make_indicator(world.partnership, world.partner_a, title="Trained so far")
    incremental = make_indicator(
        world.partnership,
        world.partner_a,
        title="Trained this quarter",
        accumulation=Indicator.Accumulation.INCREMENTAL,
    )
    for indicator, values in ((cumulative, ("40", "70")), (incremental, ("40", "30"))):
        for period, value in zip(indicator.periods.all(), values, strict=True):
            make_value(period, value, APPROVED)
    section = results_of(donor_report)
    # Targets 10 and 20: cumulative 70 against 20; incremental 40 + 30 against 10 + 20.
    assert row(section, "Trained so far")[4:7] == ["20", "70", "350%"]
    assert row(section, "Trained this quarter")[4:7] == ["30", "70", "233%"]


def test_a_breakdown_that_does_not_add_up_is_said_in_the_report(world, donor_report):
    sex = Dimension.objects.create(partnership=world.partnership, name="Sex")
    female = DimensionCategory.objects.create(dimension=sex, name="Female", order=1)
    male = DimensionCategory.objects.create(dimension=sex, name="Male", order=2)
    indicator = make_indicator(world.partnership, world.partner_a, title="Kader", periods=1)
    indicator.dimensions.add(sex)
    period = indicator.periods.get()
    make_value(period, "80", APPROVED)
    make_value(period, "42", APPROVED, category=female)
    make_value(period, "30", APPROVED, category=male)
    section = results_of(donor_report)
    breakdown = next(t for t in section["tables"] if t["title"] == "Kader — Sex")
    assert breakdown["rows"] == [["Female", "42"], ["Male", "30"], ["All", "72"]]
    assert section["notes"] == ["Kader (Sex): The categories add up to 72, not to the total 80."]


def test_a_percentage_across_districts_is_shown_per_district_and_flagged(world, donor_report):
    district = Dimension.objects.create(partnership=world.partnership, name="District")
    kupang = DimensionCategory.objects.create(dimension=district, name="Kupang")
    belu = DimensionCategory.objects.create(dimension=district, name="Belu")
    indicator = make_indicator(
        world.partnership,
        world.partner_a,
        title="Weighed",
        periods=1,
        measure=Indicator.Measure.PERCENTAGE,
    )
    indicator.dimensions.add(district)
    period = indicator.periods.get()
    make_value(period, "65", APPROVED)
    make_value(period, "80", APPROVED, category=kupang)
    make_value(period, "50", APPROVED, category=belu)
    section = results_of(donor_report)
    breakdown = next(t for t in section["tables"] if t["title"] == "Weighed — District")
    assert breakdown["rows"][-1] == ["All", "—"]  # never 130
    assert "read it per category" in section["notes"][0]
    assert Decimal(breakdown["cells"][0][1]) in (Decimal(50), Decimal(80))


def test_the_sections_are_made_without_a_report_for_other_reports_to_build_on(world):
    from simitra.reports.content import SectionSpec, partnership_sections

    sections = partnership_sections(
        world.partnership,
        [SectionSpec("results"), SectionSpec("narrative", "Story", "Line one")],
        language="en",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
    )
    assert [(s["number"], s["kind"], s["title"]) for s in sections] == [
        (1, "results", "Results and indicators"),
        (2, "narrative", "Story"),
    ]


def test_an_incremental_indicator_is_on_its_path_by_its_running_total(world, donor_report):
    # Adds 5, then 10, against targets of 10 a quarter: 15 of the 20 due, behind. Read as a
    # level (the latest value, 10, against the latest target, 10) it would pass as on path.
    indicator = make_indicator(
        world.partnership,
        world.partner_a,
        title="Added",
        targets=[Decimal(10), Decimal(10)],
        accumulation=Indicator.Accumulation.INCREMENTAL,
    )
    for period, value in zip(indicator.periods.all(), ("5", "10"), strict=True):
        make_value(period, value, APPROVED)
    assert row(results_of(donor_report), "Added")[4:8] == ["20", "15", "75%", "behind"]
