"""The API lists finalised reports and serves their stored files, to who may read them."""

import hashlib

import pytest

from simitra.reports import services

from .conftest import narrative

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(world, report):
    section = narrative(report)
    services.save_narrative(section=section, text="Cerita", user=world.partner_user, submit=True)
    services.review_narrative(section=section, approve=True)
    return services.finalise_report(report=report, user=world.coordinator)


def api(client_for, user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_partner_lists_and_downloads_the_final_report(world, final, builtin, client_for):
    services.create_report(  # a draft: not listed
        partnership=world.partnership,
        template=builtin["closing"],
        period_start=final.period_start,
        period_end=final.period_end,
        user=world.coordinator,
    )
    client = api(client_for, world.partner_user)
    body = client.get("/api/v1/reports/").json()
    assert [r["id"] for r in body["results"]] == [final.pk]
    files = body["results"][0]["files"]
    assert set(files) == {"pdf", "docx", "xlsx"}
    response = client.get(files["pdf"]["url"])
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == files["pdf"]["sha256"] == final.pdf_sha256


def test_the_outsider_sees_no_report_and_gets_404_for_its_file(world, final, client_for):
    world.partnership.visibility = "public"
    world.partnership.save()
    client = api(client_for, world.outsider)
    assert client.get("/api/v1/reports/").json()["results"] == []
    assert client.get(f"/api/v1/reports/{final.pk}/download/pdf/").status_code == 404
