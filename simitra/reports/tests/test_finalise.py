"""A finalised report is frozen: stored files with their SHA-256, the data as of finalising,
downloadable by who may read the partnership, unchanged by later data."""

import hashlib
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from simitra.reports import services
from simitra.reports.models import Report
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

from .conftest import narrative

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(world, report):
    section = narrative(report)
    services.save_narrative(
        section=section, text="Cerita lapangan", user=world.partner_user, submit=True
    )
    services.review_narrative(section=section, approve=True)
    return report


@pytest.fixture
def indicator(world):
    indicator = make_indicator(
        world.partnership, world.partner_a, title="Kader terlatih", periods=1
    )
    make_value(indicator.periods.get(), "1250000", IndicatorValue.Status.APPROVED)
    return indicator


def download(client, report, extension):
    return client.get(
        reverse("reports:download", args=[report.partnership.code, report.pk, extension])
    )


def test_finalising_stores_the_files_with_their_checksums(
    world, approved, indicator, client_for, immediate_tasks
):
    client = client_for(world.coordinator)
    response = client.post(reverse("reports:finalise", args=[world.partnership.code, approved.pk]))
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Report.Status.FINAL and approved.snapshot_at
    for extension in ("pdf", "docx", "xlsx"):
        data = b"".join(
            download(client_for(world.partner_user), approved, extension).streaming_content
        )
        assert hashlib.sha256(data).hexdigest() == getattr(approved, f"{extension}_sha256")


def test_a_final_report_does_not_change_when_the_data_does(world, approved, indicator, client_for):
    services.finalise_report(report=approved, user=world.coordinator)
    approved.refresh_from_db()
    before = b"".join(download(client_for(world.partner_user), approved, "docx").streaming_content)
    assert "1.250.000" in "\n".join(
        c.text for t in Document(io.BytesIO(before)).tables for r in t.rows for c in r.cells
    )
    IndicatorValue.objects.update(value=Decimal(7))
    indicator.title = "Judul baru"
    indicator.save()
    approved.refresh_from_db()
    after = b"".join(download(client_for(world.partner_user), approved, "docx").streaming_content)
    assert after == before
    assert "Judul baru" not in str(services.content_of(approved))
    assert "1.250.000" in str(services.content_of(approved))


def test_a_second_finalising_is_refused(world, approved, client_for):
    services.finalise_report(report=approved, user=world.coordinator)
    checksum = Report.objects.get().pdf_sha256
    response = client_for(world.coordinator).post(
        reverse("reports:finalise", args=[world.partnership.code, approved.pk])
    )
    assert response.status_code == 409
    assert Report.objects.get().pdf_sha256 == checksum


def test_the_outsider_gets_404_for_the_report_and_its_file(world, approved, client_for):
    services.finalise_report(report=approved, user=world.coordinator)
    world.partnership.visibility = "public"
    world.partnership.save()
    client = client_for(world.outsider)
    assert download(client, approved, "pdf").status_code == 404
    assert (
        client.get(
            reverse("reports:detail", args=[world.partnership.code, approved.pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("reports:list", args=[world.partnership.code])).status_code == 404


def test_a_draft_preview_is_for_the_coordinator(world, report, client_for, immediate_tasks):
    coordinator = client_for(world.coordinator)
    preview = reverse("reports:preview", args=[world.partnership.code, report.pk])
    assert coordinator.post(preview).status_code == 302
    assert download(coordinator, report, "pdf").status_code == 200
    assert download(client_for(world.observer), report, "pdf").status_code == 403


def test_the_overview_card_lists_final_reports(world, approved, client_for):
    services.finalise_report(report=approved, user=world.coordinator)
    url = reverse("reports:list", args=[world.partnership.code]) + "?overview=1"
    body = client_for(world.partner_user).get(url).content.decode()
    assert "Laporan Triwulan" in body
    assert client_for(world.outsider).get(url).status_code == 404


def test_the_list_page_queries_do_not_grow_with_rows(
    world, builtin, client_for, django_assert_max_num_queries
):
    import datetime as dt

    client = client_for(world.coordinator)
    url = reverse("reports:list", args=[world.partnership.code])

    def make(n):
        for _ in range(n):
            services.create_report(
                partnership=world.partnership,
                template=builtin["triwulan"],
                period_start=dt.date(2025, 1, 1),
                period_end=dt.date(2025, 3, 31),
                user=world.coordinator,
            )

    make(1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    make(9)
    with django_assert_max_num_queries(len(one)):
        assert client.get(url).status_code == 200


def test_finalising_announces_the_event_once(world, approved, django_capture_on_commit_callbacks):
    from simitra.partnerships.events import partnership_event

    heard = []

    def listen(sender, event, **kwargs):
        heard.append(event)

    partnership_event.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.finalise_report(report=approved, user=world.coordinator)
    finally:
        partnership_event.disconnect(listen)
    assert [(e.type, e.record_kind, e.record_pk) for e in heard] == [
        ("report.finalised", "report", approved.pk)
    ]
