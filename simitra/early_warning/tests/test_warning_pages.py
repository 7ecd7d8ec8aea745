"""The warning panel (overview, tabs 5 and 6, its page) and the alerts list with acknowledge."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simitra.early_warning import warning
from simitra.early_warning.alerting import recompute_warnings
from simitra.early_warning.models import Alert, PartnershipWarning
from simitra.governance.models import Decision
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partnership, Phase
from simitra.partnerships.panels import panels_for
from simitra.partnerships.testing import build_world, make_partnership

from .warning_data import NOW, ago, make_alert

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def managing(db):
    world = build_world(phase=Phase.MANAGING)
    Decision.objects.create(
        partnership=world.partnership, text="Lapor dana", owner=world.partner_a, due_date=ago(30)
    )
    return world


@pytest.fixture
def computed(managing):
    """The decision's write asked for a recompute; the queued task has run."""
    recompute_warnings(managing.partnership)
    return managing


def url(world, name="warning", *args):
    return reverse(f"early_warning:{name}", args=[world.partnership.code, *args])


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def test_the_panel_is_registered_on_the_managing_and_reviewing_tabs_first():
    for phase in (Phase.MANAGING, Phase.REVIEWING):
        first = panels_for(phase)[0]
        assert (first.url_name, first.order) == ("early_warning:warning", 5)


@pytest.mark.parametrize("who", ["coordinator", "partner_user", "observer", "admin"])
def test_readers_see_the_stored_warning_and_opening_it_writes_nothing(computed, client_for, who):
    assert PartnershipWarning.objects.get(partnership=computed.partnership).level == "amber"
    client = english(client_for(getattr(computed, who)))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(computed), HTTP_HX_REQUEST="true")
        overview = client.get(url(computed) + "?overview=1", HTTP_HX_REQUEST="true")
        page = client.get(url(computed))
    assert (response.status_code, overview.status_code, page.status_code) == (200, 200, 200)
    body = response.content.decode()
    assert "Amber" in body
    assert "1 decision is overdue: Lapor dana (30 days late)." in body
    assert Alert.objects.filter(signal=warning.DECISIONS_OVERDUE).count() == 1
    assert not _writes(queries)


def _writes(queries) -> list[str]:
    """The statements that write, apart from the session's own row (a log-in touches it)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in query["sql"]
    ]


def test_a_partnership_never_recomputed_reads_not_assessed(managing, client_for):
    client = english(client_for(managing.coordinator))
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url(managing) + "?overview=1", HTTP_HX_REQUEST="true").content.decode()
    assert "Not assessed" in body
    assert not _writes(queries)
    assert not PartnershipWarning.objects.exists()


def test_the_overview_shows_the_level_and_the_raised_signals(computed, client_for):
    managing = computed
    client = english(client_for(managing.partner_user))
    page = client.get(managing.partnership.get_absolute_url()).content.decode()
    assert f'hx-get="{url(managing)}?overview=1"' in page
    body = client.get(url(managing) + "?overview=1", HTTP_HX_REQUEST="true").content.decode()
    assert "Early warning" in body and "Amber" in body and "Decisions overdue" in body


def test_the_overview_shows_nothing_to_a_reader_of_a_published_partnership(managing, client_for):
    Partnership.objects.filter(pk=managing.partnership.pk).update(
        visibility=Partnership.Visibility.PUBLIC
    )
    response = client_for(managing.outsider).get(url(managing) + "?overview=1")
    assert response.status_code == 200 and response.content == b""
    panel = english(client_for(managing.outsider)).get(url(managing))
    assert "shared only with the partners" in panel.content.decode()
    assert not PartnershipWarning.objects.exists()  # nothing computed for them


def test_an_outsider_gets_404(managing, client_for):
    client = client_for(managing.outsider)
    assert client.get(url(managing)).status_code == 404
    alert = make_alert(managing.partnership)
    assert client.post(url(managing, "alert_acknowledge", alert.pk)).status_code == 404


def test_an_ended_partnership_is_no_longer_watched(managing, client_for):
    Partnership.objects.filter(pk=managing.partnership.pk).update(
        status=Partnership.Status.COMPLETED
    )
    body = english(client_for(managing.coordinator)).get(url(managing)).content.decode()
    assert "no longer watches it" in body
    assert not PartnershipWarning.objects.exists()


def _alert(world):
    return make_alert(world.partnership)


def test_a_coordinator_acknowledges_an_alert(managing, client_for):
    alert = _alert(managing)
    client = client_for(managing.coordinator)
    response = client.post(url(managing, "alert_acknowledge", alert.pk), {"return_to": "alerts"})
    assert response.status_code == 302 and response.url == reverse("early_warning:alerts")
    alert.refresh_from_db()
    assert alert.acknowledged_by == managing.coordinator and alert.acknowledged_at == NOW
    again = client.post(url(managing, "alert_acknowledge", alert.pk))
    assert again.url == url(managing)  # any other value goes back to the warning page
    alert.refresh_from_db()
    assert alert.acknowledged_at == NOW


@pytest.mark.parametrize("who", ["partner_user", "observer"])
def test_partners_and_observers_cannot_acknowledge(managing, client_for, who):
    alert = _alert(managing)
    client = client_for(getattr(managing, who))
    assert client.post(url(managing, "alert_acknowledge", alert.pk)).status_code == 403
    alert.refresh_from_db()
    assert alert.acknowledged_at is None
    assert client.get(url(managing, "alert_acknowledge", alert.pk)).status_code == 405


def test_the_page_lists_the_alerts_with_acknowledge_for_coordinators_only(computed, client_for):
    managing = computed  # the recompute raised the alert
    coordinator = english(client_for(managing.coordinator)).get(url(managing)).content.decode()
    assert "Decisions overdue" in coordinator and ">Acknowledge<" in coordinator
    partner = english(client_for(managing.partner_user)).get(url(managing)).content.decode()
    assert "Decisions overdue" in partner and ">Acknowledge<" not in partner


def test_the_alerts_list_shows_only_the_users_partnerships(computed, client_for):
    managing = computed
    other = make_partnership(phase=Phase.MANAGING, title="Kemitraan lain")
    make_alert(other, warning.ACTIVITIES_OVERDUE, "red")
    mine = english(client_for(managing.partner_user)).get(reverse("early_warning:alerts"))
    body = mine.content.decode()
    assert managing.partnership.code in body and other.code not in body
    assert ">Acknowledge<" not in body
    stranger = english(client_for(managing.outsider)).get(reverse("early_warning:alerts"))
    assert "1 alert" not in stranger.content.decode()
    assert "0 alerts" in stranger.content.decode()
    admin = (
        english(client_for(managing.admin)).get(reverse("early_warning:alerts")).content.decode()
    )
    assert other.code in admin and managing.partnership.code in admin


def test_the_alerts_list_filters_open_unacknowledged_and_all(managing, client_for):
    open_alert = _alert(managing)
    make_alert(managing.partnership, warning.ACTIVITIES_OVERDUE, resolved_at=NOW)
    client = english(client_for(managing.coordinator))
    assert "1 alert<" in client.get(reverse("early_warning:alerts")).content.decode()
    assert "2 alerts" in client.get(reverse("early_warning:alerts") + "?state=all").content.decode()
    open_alert.acknowledged_at = NOW
    open_alert.save()
    body = client.get(reverse("early_warning:alerts") + "?state=unacknowledged").content.decode()
    assert "0 alerts" in body
    assert client.get(reverse("early_warning:alerts") + "?state=bogus").status_code == 200


def _get(client, path, **headers):
    assert client.get(path, **headers).status_code == 200


def test_pages_do_not_grow_with_the_number_of_alerts(managing, client_for):
    client = client_for(managing.coordinator)
    for signal in (warning.ACTIVITIES_OVERDUE, warning.PLEDGES_PAST_DUE):
        make_alert(managing.partnership, signal)
    recompute_warnings(managing.partnership)
    small = (
        count_queries(_get, client, url(managing)),
        count_queries(_get, client, reverse("early_warning:alerts")),
    )
    for n in range(6):
        make_alert(
            managing.partnership,
            warning.ACTIVITIES_OVERDUE,
            "red",
            resolved_at=NOW,
            acknowledged_by=managing.coordinator if n % 2 else None,
        )
    large = (
        count_queries(_get, client, url(managing)),
        count_queries(_get, client, reverse("early_warning:alerts") + "?state=all"),
    )
    assert large == small
