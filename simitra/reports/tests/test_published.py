"""A finalised report of a published partnership is published with it: its PDF for anyone,
and a `document-link` (category A07) in the partnership's IATI activity."""

import datetime as dt

import pytest
from django.urls import reverse
from lxml import etree

from simitra.interop.iati.export import export_to_bytes
from simitra.partnerships.models import Partner, Partnership
from simitra.reports import services

from .conftest import narrative

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(world, report):
    section = narrative(report)
    services.save_narrative(section=section, text="Cerita", user=world.partner_user, submit=True)
    services.review_narrative(section=section, approve=True)
    return services.finalise_report(report=report, user=world.coordinator)


def _publish(partnership):
    Partnership.objects.filter(pk=partnership.pk).update(visibility=Partnership.Visibility.PUBLIC)


def _url(report):
    return reverse("reports:published", args=[report.partnership.code, report.pk])


def _links(world):
    # What IATI requires of any activity (as simitra/interop/tests/test_iati_documents.py).
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="Ringkasan.", start_date=dt.date(2025, 1, 1)
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)
    root = etree.fromstring(export_to_bytes(Partnership.objects.filter(pk=world.partnership.pk)))
    return root.find("iati-activity").findall("document-link")


def test_anyone_downloads_a_published_partnerships_final_report(world, final, client):
    _publish(world.partnership)
    response = client.get(_url(final))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_private_partnerships_report_is_not_published(world, final, client, client_for):
    assert client.get(_url(final)).status_code == 404
    # Not even for its own members at this address: they use the report's own download.
    assert client_for(world.coordinator).get(_url(final)).status_code == 404
    assert _links(world) == []


def test_a_draft_is_not_published(world, report, client):
    _publish(world.partnership)
    assert client.get(_url(report)).status_code == 404


def test_the_iati_activity_links_the_final_report(world, final, settings):
    settings.SITE_URL = "https://simitra.example.go.id/"
    _publish(world.partnership)
    [link] = _links(world)
    assert link.get("url") == f"https://simitra.example.go.id{_url(final)}"
    assert link.get("format") == "application/pdf"
    assert link.find("category").get("code") == "A07"
    assert link.findtext("title/narrative") == final.title
    assert link.find("document-date").get("iso-date") == str(final.period_end)


def _portal(client, partnership):
    return client.get(reverse("knowledge:partnership_public", args=[partnership.code]))


def test_the_portal_page_links_the_final_reports_pdf(world, final, builtin, client):
    draft = services.create_report(
        partnership=world.partnership,
        template=builtin["donor-semester"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        user=world.coordinator,
        title="Draf semester",
    )
    _publish(world.partnership)
    Partnership.objects.filter(pk=world.partnership.pk).update(status=Partnership.Status.COMPLETED)
    response = _portal(client, world.partnership)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{_url(final)}"' in body and final.title in body
    assert _url(draft) not in body and "Draf semester" not in body
    # What the page links, anyone downloads.
    assert client.get(_url(final)).status_code == 200


def test_a_private_partnerships_report_is_not_on_the_portal(world, final, client):
    from simitra.reports.views import public_reports

    assert _portal(client, world.partnership).status_code == 404
    assert public_reports(Partnership.objects.get(pk=world.partnership.pk)) == []
