"""The results of a round: who may read them, what the page, the panel and the CSV show."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from simitra.health import services
from simitra.partnerships.models import Partnership

from .conftest import answer, answer_all, open_round

pytestmark = pytest.mark.django_db


def url(name, health_round):
    return reverse(f"health:{name}", args=[health_round.partnership.code, health_round.pk])


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


@pytest.fixture
def named_round(reviewing):
    """A closed, named round: trust 5 / 4 / 2 (divergent), everything else 4."""
    health_round = open_round(reviewing)
    answer(health_round, reviewing.coordinator, reviewing.partner_broker, 4, trust=5)
    answer(health_round, reviewing.partner_user, reviewing.partner_a, 4, trust=4)
    answer(
        health_round, reviewing.partner_b_user, reviewing.partner_b, 4, "Dana belum cair", trust=2
    )
    return services.close_round(health_round=health_round, closed_by=reviewing.coordinator)


@pytest.mark.parametrize("who", ["coordinator", "partner_user", "observer", "admin"])
def test_partners_coordinators_and_observers_read_the_results(
    reviewing, named_round, client_for, who
):
    response = english(client_for(getattr(reviewing, who))).get(url("round", named_round))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Partners disagree on Trust: their means range from 2.0 (Dinas Kesehatan) to 5.0" in body
    assert 'id="health-chart"' in body and 'data-chart="health-chart"' in body


def test_the_chart_has_the_means_and_the_range_between_partners(reviewing, named_round, client_for):
    body = client_for(reviewing.observer).get(url("round", named_round)).content.decode()
    config = json.loads(re.search(r'id="health-chart"[^>]*>(.*?)</script>', body, re.S).group(1))
    means, ranges = config["data"]["datasets"][0], config["data"]["datasets"][-1]
    trust = config["data"]["labels"].index(["Kepercayaan"])
    assert means["data"][trust] == pytest.approx(3.67)
    assert ranges["data"][trust] == [2.0, 5.0]


def test_a_named_round_shows_each_partners_mean_and_signed_comments(
    reviewing, named_round, client_for
):
    body = (
        english(client_for(reviewing.partner_user)).get(url("round", named_round)).content.decode()
    )
    assert "Mean per partner" in body
    assert "Dana belum cair" in body
    assert re.search(r"Dana belum cair.*?Dinas Kesehatan", body, re.S)


def test_an_outsider_gets_404_and_a_stranger_to_a_published_partnership_403(
    reviewing, named_round, client_for
):
    client = client_for(reviewing.outsider)
    assert client.get(url("round", named_round)).status_code == 404
    assert client.get(url("export", named_round)).status_code == 404
    reviewing.partnership.visibility = Partnership.Visibility.PUBLIC
    reviewing.partnership.save()
    assert client.get(url("round", named_round)).status_code == 403
    assert client.get(url("export", named_round)).status_code == 403
    page = client.get(reverse("health:panel", args=[reviewing.partnership.code]))
    assert page.status_code == 403
    assert named_round.title not in page.content.decode()
    # Inside the published partnership's page (htmx), the panel says it in the panel.
    panel = client.get(
        reverse("health:panel", args=[reviewing.partnership.code]), HTTP_HX_REQUEST="true"
    )
    assert panel.status_code == 200
    assert named_round.title not in panel.content.decode()


def test_the_panel_lists_rounds_and_the_latest_call_outs(reviewing, named_round, client_for):
    open_round(reviewing, title="Putaran kedua")
    client = english(client_for(reviewing.partner_user))
    response = client.get(
        reverse("health:panel", args=[reviewing.partnership.code]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body  # an htmx fragment
    assert "Putaran kedua" in body and "is open" in body and "Answer now" in body
    assert "Partners disagree on Trust" in body


def test_the_partnership_page_loads_the_panel_on_tab_6(reviewing, client_for):
    body = (
        client_for(reviewing.coordinator)
        .get(reverse("partnerships:detail", args=[reviewing.partnership.code]), {"tab": 6})
        .content.decode()
    )
    assert reverse("health:panel", args=[reviewing.partnership.code]) in body


def test_the_csv_has_the_results_and_each_partners_mean(reviewing, named_round, client_for):
    response = english(client_for(reviewing.observer)).get(url("export", named_round))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Question", "Partners answered", "Mean"]
    assert {"Dinas Kesehatan", "PT Mitra Usaha", "Sekretariat Kemitraan"} <= set(rows[0])
    trust = next(row for row in rows if row[0] == "Trust")
    assert trust[1:6] == ["3", "3.67", "2.0", "5.0", "3.0"]


def test_the_trend_shows_against_the_previous_round(reviewing, named_round, client_for):
    second = open_round(reviewing, title="Putaran kedua")
    answer_all(reviewing, second, broker=3, a=3, b=3)
    services.close_round(health_round=second, closed_by=reviewing.coordinator)
    rows = list(
        csv.reader(
            io.StringIO(
                english(client_for(reviewing.coordinator))
                .get(url("export", second))
                .content.decode()
            )
        )
    )
    equity = next(row for row in rows if row[0] == "Equity")
    assert equity[6:8] == ["4.0", "-1.0"]
    assert "Equity is falling: 3.0 now, 4.0 in the previous round." in equity[8]


def test_a_csv_cell_never_starts_a_formula(reviewing, client_for):
    health_round = open_round(reviewing)
    services.add_question(health_round=health_round, text='=HYPERLINK("x")')
    answer_all(reviewing, health_round)
    body = client_for(reviewing.coordinator).get(url("export", health_round)).content.decode()
    assert "'=HYPERLINK" in body


def test_long_chart_labels_are_broken_into_lines():
    from simitra.lib.charts import wrapped

    assert wrapped("Prakarsa yang diciptakan bersama") == ["Prakarsa yang", "diciptakan bersama"]
    assert wrapped("Kepercayaan") == ["Kepercayaan"]
