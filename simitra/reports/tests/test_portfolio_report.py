"""The portfolio report: whose partnerships, counts, contributions by sector, indicators
combined by shared code with their rule, the files — and a query count that does not grow."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.models import ObserverGrant, Partnership, Phase
from simitra.partnerships.testing import (
    make_organisation,
    make_partner,
    make_partnership,
    make_user,
)
from simitra.reference.models import Region
from simitra.reports.portfolio import PortfolioReportForm, filtered, portfolio_content
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.models import Indicator, IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db

PAGE = reverse("reports:portfolio")
APPROVED = IndicatorValue.Status.APPROVED
PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def _partnership(coordinator, code, region):
    partnership = make_partnership(
        coordinators=[coordinator], phase=Phase.MANAGING, code=code, title=f"Kemitraan {code}"
    )
    partnership.regions.add(region)
    partner = make_partner(partnership, make_organisation())
    return partnership, partner


def _indicator(partner, code, values, **fields):
    indicator = make_indicator(
        partner.partnership, partner, periods=len(values), code=code, **fields
    )
    for period, value in zip(indicator.periods.order_by("start"), values, strict=True):
        make_value(period, value, status=APPROVED)
    return indicator


@pytest.fixture
def cast(reference):
    """Three private partnerships of one coordinator: A and B in Kupang (53.01), C in Makassar
    (73.71); a published one of someone else in Makassar; a whole-portfolio observer (who
    reads all four), an observer of Kupang only, an outsider."""
    coordinator = make_user("koordinator")
    kupang = Region.objects.get(code="53.01")
    makassar = Region.objects.get(code="73.71")
    a, partner_a = _partnership(coordinator, "KMT-A", kupang)
    b, partner_b = _partnership(coordinator, "KMT-B", kupang)
    c, partner_c = _partnership(coordinator, "KMT-C", makassar)
    published, partner_d = _partnership(make_user(), "KMT-UMUM", makassar)
    published.visibility = Partnership.Visibility.PUBLIC
    published.save(update_fields=["visibility"])
    # 3.2.1, cumulative: the latest per partnership (A: 70, not 110), then added.
    _indicator(partner_a, "3.2.1", ["40", "70"])
    _indicator(partner_b, "3.2.1", ["30"])
    _indicator(partner_c, "3.2.1", ["100"])
    _indicator(partner_d, "3.2.1", ["1000"])
    # 1.1.1, incremental: added over periods and across partnerships.
    _indicator(partner_a, "1.1.1", ["5", "5"], accumulation=Indicator.Accumulation.INCREMENTAL)
    _indicator(partner_c, "1.1.1", ["7"], accumulation=Indicator.Accumulation.INCREMENTAL)
    # 2.2.1, a percentage: never added; the range.
    _indicator(partner_a, "2.2.1", ["80"], measure=Indicator.Measure.PERCENTAGE, unit="%")
    _indicator(partner_c, "2.2.1", ["50"], measure=Indicator.Measure.PERCENTAGE, unit="%")
    # No code: never combined.
    _indicator(partner_b, "", ["9"])
    donor = make_partner(c, make_organisation(sector=Sector.DONOR))
    make_delivery(make_pledge(donor, value=2_000_000), amount=500_000)
    make_pledge(partner_a, value=1_000_000)
    everything = make_user("pemantau")
    ObserverGrant.objects.create(user=everything)
    narrow = make_user("pemantau-kupang")
    ObserverGrant.objects.create(user=narrow, region=kupang)
    return {
        "coordinator": coordinator,
        "everything": everything,
        "narrow": narrow,
        "outsider": make_user("luar"),
    }


def _content(user, **filters):
    form = PortfolioReportForm({**PERIOD, **filters})
    assert form.is_valid(), form.errors
    return portfolio_content(
        filtered(user, form, START, END), language="id", start=START, end=END, filters="—"
    )


def _section(content, kind):
    return next(s for s in content["sections"] if s["kind"] == kind)


def _annex_codes(content) -> set[str]:
    tables = _section(content, "annex")["tables"]
    return {row[0] for row in tables[0]["cells"]} if tables else set()


def _figures(content) -> dict:
    return {f.code: f for f in content["figures"]}


def test_it_combines_indicators_by_code_with_their_rule(cast):
    figures = _figures(_content(cast["coordinator"]))
    assert set(figures) == {"1.1.1", "2.2.1", "3.2.1"}
    assert figures["3.2.1"].value == Decimal(200)  # 70 + 30 + 100; summing periods: 240
    assert figures["3.2.1"].partnerships == 3
    assert figures["1.1.1"].value == Decimal(17)  # (5 + 5) + 7
    assert figures["2.2.1"].value is None  # 130 % would be wrong
    assert (figures["2.2.1"].low, figures["2.2.1"].high) == (Decimal(50), Decimal(80))
    assert "tidak pernah dijumlahkan" in figures["2.2.1"].rule


def test_it_does_not_combine_one_code_of_different_kinds(cast):
    partner = make_partner(Partnership.objects.get(code="KMT-B"), make_organisation())
    _indicator(partner, "1.1.1", ["3"])  # cumulative, where the others are incremental
    figure = _figures(_content(cast["coordinator"]))["1.1.1"]
    assert figure.kind is None and figure.value is None
    assert "berbeda jenis atau satuannya" in figure.rule


def test_a_narrower_observer_misses_exactly_the_partnerships_it_may_not_see(cast):
    everything, narrow = _content(cast["everything"]), _content(cast["narrow"])
    unseen = set(
        Partnership.objects.readable_by(cast["everything"])
        .exclude(pk__in=Partnership.objects.readable_by(cast["narrow"]).values("pk"))
        .values_list("code", flat=True)
    )
    assert unseen == {"KMT-C", "KMT-UMUM"}  # private C; the published one, only visible
    assert _annex_codes(everything) == {"KMT-A", "KMT-B", "KMT-C", "KMT-UMUM"}
    assert _annex_codes(everything) - _annex_codes(narrow) == unseen
    assert _annex_codes(narrow) == {"KMT-A", "KMT-B"}
    wide, small = _figures(everything), _figures(narrow)
    # Every figure differs by C's and the published one's own, and by nothing else.
    assert wide["3.2.1"].value - small["3.2.1"].value == Decimal(100 + 1000)
    assert (wide["3.2.1"].partnerships, small["3.2.1"].partnerships) == (4, 2)
    assert wide["1.1.1"].value - small["1.1.1"].value == Decimal(7)
    assert (small["2.2.1"].low, small["2.2.1"].high) == (Decimal(80), Decimal(80))  # shown "80"
    assert everything["count"] - narrow["count"] == len(unseen)
    sectors = [row[0] for row in _section(narrow, "contributions")["tables"][0]["cells"]]
    assert "Donor" not in sectors and "Lembaga donor" not in sectors
    wide_sectors = _section(everything, "contributions")["tables"][0]["cells"]
    donor = next(row for row in wide_sectors if row[0] == str(Sector.DONOR.label))
    assert donor[3:] == [2_000_000.0, 500_000.0]


def test_an_outsider_gets_nothing(cast):
    content = _content(cast["outsider"])
    assert content["count"] == 0
    assert _annex_codes(content) == set()
    assert content["figures"] == []
    assert _section(content, "contributions")["tables"] == []


def test_it_filters_by_regency_and_sector(cast):
    assert _annex_codes(_content(cast["coordinator"], regency="73.71")) == {"KMT-C"}
    assert _annex_codes(_content(cast["everything"], sector=Sector.DONOR)) == {"KMT-C"}


def test_it_counts_by_phase_and_warning_level(cast):
    counts = _section(_content(cast["everything"]), "counts")["tables"]
    by_phase = {row[0]: row[1] for row in counts[0]["cells"]}
    assert by_phase[str(Phase.MANAGING.label)] == 4
    assert counts[1]["cells"][-1] == ["Semua", 4]


def test_the_query_count_does_not_grow_with_partnerships(cast):
    coordinator = cast["coordinator"]
    kupang = Region.objects.get(code="53.01")

    def run():
        return _content(coordinator)

    run()  # the first run reads what later ones find cached (content types, the language)
    few = count_queries(run)
    for n in range(27):
        _p, partner = _partnership(coordinator, f"KMT-X{n}", kupang)
        _indicator(partner, "3.2.1", ["1", "2"])
        make_pledge(partner, value=1000)
    assert _content(coordinator)["count"] == 30
    assert count_queries(run) == few


def test_the_page_shows_the_report_and_its_rules(client, cast):
    client.force_login(cast["narrow"])
    response = client.get(PAGE, PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "KMT-A" in page and "KMT-C" not in page
    assert "3.2.1" in page


def test_the_page_refuses_a_period_that_ends_before_it_starts(client, cast):
    client.force_login(cast["everything"])
    response = client.get(PAGE, {"start": "2025-12-31", "end": "2025-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["end"]


def test_the_page_asks_to_log_in(client, cast):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("extension", ["pdf", "docx", "xlsx"])
def test_the_files_hold_the_same_partnerships(client, cast, extension):
    client.force_login(cast["narrow"])
    response = client.get(reverse("reports:portfolio_download", args=[extension]), PERIOD)
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = _text(extension, data)
    assert "KMT-A" in text and "KMT-B" in text
    assert "KMT-C" not in text and "KMT-UMUM" not in text
    assert "3.2.1" in text


def test_an_unknown_file_kind_is_not_found(client, cast):
    client.force_login(cast["everything"])
    assert client.get(reverse("reports:portfolio_download", args=["exe"])).status_code == 404


def _text(extension: str, data: bytes) -> str:
    if extension == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if extension == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
    )


def test_the_report_is_written_in_its_language_filters_too(client, cast):
    client.force_login(cast["everything"])
    response = client.get(PAGE, {**PERIOD, "language": "en", "sector": Sector.DONOR})
    report = response.context["report"]
    assert report["title"] == "Portfolio report"
    assert (
        report["sections"][0]["paragraphs"][1]
        == "Filters: Partner sector: Donor / development agency."
    )
