"""The reference lists a device keeps: only what the user may record against, the forms'
messages in both languages, the installable app's manifest and its service worker."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from simitra.lib.testing import count_queries
from simitra.partnerships.testing import make_partnership
from simitra.resources.services import cancel_pledge
from simitra.resources.testing import make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


def lists(client):
    response = client.get(reverse("field:reference"))
    assert response.status_code == 200
    return response.json()


def test_it_lists_only_what_the_user_may_record_against(world, client_for):
    mine = make_pledge(world.partner_a)
    make_pledge(world.partner_b)  # another partner's: not hers to deliver
    cancel_pledge(pledge=make_pledge(world.partner_a), reason="Batal")
    indicator = make_indicator(world.partnership, world.partner_a)
    make_indicator(world.partnership, world.partner_b)
    make_partnership(title="Kemitraan Lain")  # not visible to her at all
    data = lists(client_for(world.partner_user))
    assert [p["id"] for p in data["pledges"]] == [mine.pk]
    assert [i["id"] for i in data["indicators"]] == [indicator.pk]
    assert [p["code"] for p in data["partnerships"]] == [world.partnership.code]
    assert data["user"] == world.partner_user.pk


def test_an_outsider_and_an_observer_get_empty_lists(world, client_for):
    make_pledge(world.partner_a)
    make_indicator(world.partnership, world.partner_a)
    for user in (world.outsider, world.observer):
        data = lists(client_for(user))
        assert data["pledges"] == [] and data["indicators"] == [] and data["partnerships"] == []


def test_only_begun_periods_with_room_for_a_value_are_open(world, client_for, time_machine):
    time_machine.move_to("2025-05-15")
    indicator = make_indicator(world.partnership, world.partner_a, periods=3)
    first, second, _third = indicator.periods.order_by("start")
    make_value(first, "4", status=IndicatorValue.Status.APPROVED)
    data = lists(client_for(world.partner_user))
    assert [p["id"] for p in data["periods"]] == [second.pk]  # begun, no value yet


def test_messages_come_in_both_languages(world, client_for):
    messages = lists(client_for(world.partner_user))["messages"]
    assert messages["en"]["number"] == "Enter a number."
    assert messages["en"]["future"] == "A delivery cannot be dated in the future."
    assert messages["id"]["future"] != messages["en"]["future"]
    assert messages["id"]["required"] != messages["en"]["required"]


def test_its_queries_do_not_grow_with_rows(world, client_for):
    client = client_for(world.partner_user)
    make_pledge(world.partner_a)
    make_indicator(world.partnership, world.partner_a)
    few = count_queries(lists, client)
    for _ in range(5):
        make_pledge(world.partner_a)
        make_indicator(world.partnership, world.partner_a, periods=3)
    assert count_queries(lists, client) <= few


def test_it_asks_for_a_login(client):
    assert client.get(reverse("field:reference")).status_code == 302


def test_the_manifest_validates(client):
    manifest = client.get(reverse("field:manifest"))
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] and data["short_name"] == "Simitra"
    assert data["start_url"] == reverse("field:tasks") and data["scope"] == "/"
    assert data["display"] in {"standalone", "fullscreen", "minimal-ui"}
    assert data["start_url"].startswith(data["scope"])
    sizes = set()
    for icon in data["icons"]:
        assert icon["type"] == "image/png"
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add(image.width)
    assert {192, 512} <= sizes


def test_the_service_worker_carries_the_release(client, settings):
    settings.SIMITRA_RELEASE = "2026.12.1"
    response = client.get(reverse("field:service_worker"))
    assert response["Content-Type"] == "text/javascript"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    text = response.content.decode()
    assert '"release": "2026.12.1"' in text
    assert "/static/field/outbox.js" in text and reverse("field:tasks") in text
    settings.SIMITRA_RELEASE = "2026.12.2"
    assert client.get(reverse("field:service_worker")).content.decode() != text


def test_logging_out_clears_the_devices_storage(world, client_for):
    response = client_for(world.partner_user).post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_every_page_shows_the_outbox_count_and_the_manifest(world, client_for):
    page = client_for(world.partner_user).get(reverse("home")).content.decode()
    assert "data-outbox-count" in page and 'rel="manifest"' in page
    assert f'data-field-user="{world.partner_user.pk}"' in page


def test_the_tasks_page_asks_for_a_login(client, world, client_for):
    assert client.get(reverse("field:tasks")).status_code == 302
    assert client_for(world.partner_user).get(reverse("field:tasks")).status_code == 200
