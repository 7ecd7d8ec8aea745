"""Companies' CSR endpoints: with the pages' visibility (the company's own people, the planners
observing the region; an outsider sees nothing and gets 404), a realisation recorded by the
company's people only (a planner who reads it: 403; the form's own message on a bad value),
and list queries that do not grow with the rows."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.models import ObserverGrant
from simitra.partnerships.testing import make_member, make_organisation, make_user
from simitra.reference.models import Region
from simitra.regional.models import CsrCommitment, CsrRealisation

from .conftest import assert_error

pytestmark = pytest.mark.django_db
COMMITMENTS, REALISATIONS = "/api/v1/csr-commitments/", "/api/v1/csr-realisations/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def cast(db):
    company = make_organisation("PT Pangan", Sector.PRIVATE)
    other = make_organisation("PT Lain", Sector.PRIVATE)
    officer, other_officer, outsider = make_user("csr"), make_user("lain"), make_user("luar")
    make_member(officer, company)
    make_member(other_officer, other)
    tts, kupang = Region.objects.get(code="53.02"), Region.objects.get(code="53.01")
    planner = make_user("bappeda-tts")
    ObserverGrant.objects.create(user=planner, region=tts)
    mine = CsrCommitment.objects.create(
        organisation=company,
        region=tts,
        year=2026,
        amount=Decimal("5000000"),
        report_due=dt.date(2027, 1, 31),
    )
    theirs = CsrCommitment.objects.create(
        organisation=other, region=kupang, year=2026, amount=Decimal("700")
    )
    CsrRealisation.objects.create(
        commitment=theirs, amount=Decimal("300"), programme="Gizi", reported_on=dt.date(2027, 1, 2)
    )
    return locals()


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_each_sees_what_the_pages_show(cast, api_for):
    mine, theirs = cast["mine"], cast["theirs"]
    officer = api_for(cast["officer"])
    assert _ids(officer.get(COMMITMENTS)) == [mine.pk]
    row = officer.get(f"{COMMITMENTS}{mine.pk}/").json()
    assert row["organisation_name"] == "PT Pangan" and row["region"] == "53.02"
    assert (row["realised"], row["reports"], row["overdue"]) == ("0.00", 0, True)
    assert_error(officer.get(f"{COMMITMENTS}{theirs.pk}/"), 404)
    assert _ids(officer.get(REALISATIONS)) == []
    planner = api_for(cast["planner"])  # observes 53.02 only
    assert _ids(planner.get(COMMITMENTS)) == [mine.pk]
    other = api_for(cast["other_officer"])
    assert _ids(other.get(COMMITMENTS)) == [theirs.pk]
    realisation = CsrRealisation.objects.get()
    assert _ids(other.get(REALISATIONS)) == [realisation.pk]
    assert other.get(f"{COMMITMENTS}{theirs.pk}/").json()["realised"] == "300.00"
    outsider = api_for(cast["outsider"])
    assert _ids(outsider.get(COMMITMENTS)) == [] and _ids(outsider.get(REALISATIONS)) == []
    assert_error(outsider.get(f"{COMMITMENTS}{mine.pk}/"), 404)
    assert_error(outsider.get(f"{REALISATIONS}{realisation.pk}/"), 404)
    assert_error(api_for(None).get(COMMITMENTS), 401)


def _report(cast, **fields):
    return {
        "commitment": cast["mine"].pk,
        "amount": "2000000",
        "programme": "Air bersih desa",
        "district": "53.02.01",
        "beneficiaries": 120,
        "reported_on": "2027-01-15",
        **fields,
    }


def test_the_companys_people_record_a_realisation_and_no_one_else(cast, api_for):
    response = api_for(cast["officer"]).post(REALISATIONS, _report(cast), format="json")
    assert response.status_code == 201, response.content
    realisation = CsrRealisation.objects.get(commitment=cast["mine"])
    assert realisation.reported_by == cast["officer"] and realisation.district_id == "53.02.01"
    assert response.json()["district"] == "53.02.01"
    assert (
        api_for(cast["officer"]).get(f"{COMMITMENTS}{cast['mine'].pk}/").json()["overdue"] is False
    )
    # The planner reads the commitment but does not report for the company.
    assert_error(api_for(cast["planner"]).post(REALISATIONS, _report(cast), format="json"), 403)
    # Another company, an outsider: the commitment is unknown to them.
    for who in ("other_officer", "outsider"):
        body = assert_error(
            api_for(cast[who]).post(REALISATIONS, _report(cast), format="json"), 400
        )
        assert "commitment" in body["fields"]
    assert CsrRealisation.objects.filter(commitment=cast["mine"]).count() == 1


def test_the_forms_own_messages(cast, api_for):
    client = api_for(cast["officer"])
    body = assert_error(
        client.post(REALISATIONS, _report(cast, district="53.01.01"), format="json"), 400
    )
    assert "district" in body["fields"]  # outside the commitment's region
    body = assert_error(client.post(REALISATIONS, _report(cast, amount="-1"), format="json"), 400)
    assert "amount" in body["fields"]
    assert not CsrRealisation.objects.filter(commitment=cast["mine"]).exists()


def _add(cast, n):
    for i in range(n):
        company = make_organisation(f"PT {i}-{CsrCommitment.objects.count()}", Sector.PRIVATE)
        make_member(cast["officer"], company)
        commitment = CsrCommitment.objects.create(
            organisation=company, region=cast["tts"], year=2026, amount=Decimal("10")
        )
        CsrRealisation.objects.create(
            commitment=commitment,
            amount=Decimal("1"),
            programme="x",
            reported_on=dt.date(2027, 1, 1),
        )


@pytest.mark.parametrize("url", [COMMITMENTS, REALISATIONS])
@pytest.mark.parametrize("who", ["officer", "planner", "outsider"])
def test_lists_do_not_grow_with_rows(cast, api_for, url, who):
    def get(client):
        assert client.get(url, {"page_size": 200}).status_code == 200

    client = api_for(cast[who])
    _add(cast, 2)
    small = count_queries(get, client)
    _add(cast, 12)
    assert count_queries(get, client) == small
