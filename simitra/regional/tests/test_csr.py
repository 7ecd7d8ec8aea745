"""Companies' CSR: a company's people record commitments and report realisations (others 404,
a non-company 404); overdue reports are flagged; the planners of a region see its companies'
CSR and no other region's; the public page lists only published partnerships' realisations."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from simitra.organisations.models import Sector
from simitra.partnerships.models import ObserverGrant, Partnership
from simitra.partnerships.testing import make_member, make_organisation, make_partnership, make_user
from simitra.reference.models import Region
from simitra.regional.models import CsrCommitment, CsrRealisation

from .helpers import make_plan

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def cast():
    company = make_organisation("PT Pangan", Sector.PRIVATE)
    other_company = make_organisation("PT Lain", Sector.PRIVATE)
    ngo = make_organisation("Yayasan", Sector.NGO)
    csr_officer, other_officer, ngo_member = make_user("csr"), make_user("lain"), make_user("lsm")
    make_member(csr_officer, company)
    make_member(other_officer, other_company)
    make_member(ngo_member, ngo)
    tts, kupang = Region.objects.get(code="53.02"), Region.objects.get(code="53.01")
    published = make_partnership(code="UMUM", visibility=Partnership.Visibility.PUBLIC)
    private = make_partnership(code="RAHASIA")
    return locals()


def _commit(cast, **fields):
    fields.setdefault("organisation", cast["company"])
    fields.setdefault("region", cast["tts"])
    fields.setdefault("year", 2026)
    fields.setdefault("amount", Decimal("1000"))
    return CsrCommitment.objects.create(**fields)


def test_the_companys_officer_adds_a_commitment_and_reports_its_realisation(cast, client_for):
    client = client_for(cast["csr_officer"])
    response = client.post(
        reverse("regional:csr"),
        {"organisation": cast["company"].pk, "region": "53.02", "year": 2026, "amount": "5000000"},
    )
    assert response.status_code == 302
    commitment = CsrCommitment.objects.get()
    assert commitment.created_by == cast["csr_officer"]
    url = reverse("regional:csr_realisation", args=[commitment.pk])
    response = client.post(
        url,
        {
            "amount": "2000000",
            "programme": "Air bersih desa",
            "district": "53.02.01",
            "beneficiaries": 120,
            "reported_on": "2027-01-15",
        },
    )
    assert response.status_code == 302
    realisation = CsrRealisation.objects.get()
    assert (realisation.amount, realisation.beneficiaries) == (Decimal("2000000"), 120)
    body = client.get(reverse("regional:csr")).content.decode()
    assert "Rp2.000.000" in body and "Rp5.000.000" in body


def test_a_company_cannot_commit_or_report_for_another(cast, client_for):
    commitment = _commit(cast)
    client = client_for(cast["other_officer"])
    response = client.post(
        reverse("regional:csr"),
        {"organisation": cast["company"].pk, "region": "53.02", "year": 2026, "amount": "1"},
    )
    assert response.status_code == 400  # not among the companies it may choose
    url = reverse("regional:csr_realisation", args=[commitment.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"amount": "1", "programme": "x", "reported_on": "2027-01-01"}).status_code
        == 404
    )
    assert CsrCommitment.objects.count() == 1 and not CsrRealisation.objects.exists()


def test_a_non_company_user_gets_404(cast, client_for):
    assert client_for(cast["ngo_member"]).get(reverse("regional:csr")).status_code == 404
    assert client_for(make_user("luar")).get(reverse("regional:csr")).status_code == 404


def test_an_overdue_report_is_flagged(cast, client_for):
    _commit(cast, report_due=dt.date(2027, 1, 31))
    reported = _commit(cast, year=2025, report_due=dt.date(2026, 1, 31))
    CsrRealisation.objects.create(
        commitment=reported, amount=Decimal("10"), programme="Gizi", reported_on=dt.date(2026, 1, 5)
    )
    _commit(cast, year=2027, report_due=dt.date(2028, 1, 31))
    body = client_for(cast["csr_officer"]).get(reverse("regional:csr")).content.decode()
    assert "1 laporan realisasi terlambat" in body


def test_planners_see_their_regions_companies_only(cast, client_for):
    _commit(cast, report_due=dt.date(2027, 1, 31))
    _commit(cast, organisation=cast["other_company"], region=cast["kupang"])
    plan = make_plan("53")
    tts_observer = make_user("bappeda-tts")
    ObserverGrant.objects.create(user=tts_observer, region=cast["tts"])
    body = client_for(tts_observer).get(reverse("regional:region", args=[plan.pk])).content.decode()
    assert "PT Pangan" in body and "PT Lain" not in body and "lewat tenggat" in body
    coordinator = make_user("koord")
    cast["private"].coordinators.add(coordinator)
    body = client_for(coordinator).get(reverse("regional:region", args=[plan.pk])).content.decode()
    assert "PT Pangan" not in body  # a coordinator is no planner of the region's companies


def test_the_public_page_lists_only_published_partnerships_realisations(cast, client_for):
    for partnership, programme in ((cast["published"], "Air bersih"), (cast["private"], "Rahasia")):
        commitment = _commit(cast, partnership=partnership)
        CsrRealisation.objects.create(
            commitment=commitment,
            amount=Decimal("750"),
            programme=programme,
            beneficiaries=40,
            reported_on=dt.date(2027, 1, 10),
        )
    no_partnership = _commit(cast)
    CsrRealisation.objects.create(
        commitment=no_partnership,
        amount=Decimal("5"),
        programme="Tanpa",
        reported_on=dt.date(2027, 1, 1),
    )
    for url in (
        reverse("regional:csr_public", args=["53.02"]),
        reverse("regional:csr_public", args=["53"]),
    ):
        body = client_for(None).get(url).content.decode()
        assert "Air bersih" in body and "UMUM" in body and "Rp750" in body
        assert "Rahasia" not in body and "RAHASIA" not in body and "Tanpa" not in body
    body = client_for(None).get(reverse("regional:csr_public", args=["53.01"])).content.decode()
    assert "Air bersih" not in body
    assert client_for(None).get(reverse("regional:csr_public", args=["99"])).status_code == 404
