"""The demo world: idempotent, every role present, and the outsider sees nothing private."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from simitra.lib.testing import shared_rows
from simitra.organisations.models import Organisation
from simitra.partnerships.models import Partner, Partnership, Phase

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded today, once for the tests of this module (they only read it)."""
    yield from shared_rows(django_db_blocker, call_command, "load_demo", stdout=io.StringIO())


def test_it_is_idempotent(demo):
    counts = (Partnership.objects.count(), Partner.objects.count(), Organisation.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Partnership.objects.count(),
        Partner.objects.count(),
        Organisation.objects.count(),
    ) == counts


def test_it_has_partnerships_in_different_phases(demo):
    phases = dict(Partnership.objects.values_list("code", "phase"))
    assert phases["NTT-STUNTING-2025"] == Phase.MANAGING
    assert phases["NTB-AIRBERSIH-2026"] == Phase.SCOPING
    assert phases["SULSEL-UMKM-2023"] == Phase.SUSTAINING


def test_the_outside_partner_cannot_see_the_private_demo_partnership_anywhere(demo, client):
    client.login(username="mitraluar", password="simitra-demo")
    private = Partnership.objects.get(code="NTT-STUNTING-2025")
    assert client.get(private.get_absolute_url()).status_code == 404
    for url, params in [
        (reverse("home"), {}),
        (reverse("partnerships:list"), {}),
        (reverse("partnerships:list"), {"q": "Stunting"}),
        (reverse("partnerships:list"), {"region": "53"}),
        (reverse("organisations:detail", args=["nusa-pangan"]), {}),
    ]:
        body = client.get(url, params).content.decode()
        assert "Timor Tengah Selatan" not in body, url
        assert "NTT-STUNTING-2025" not in body, url
    listing = client.get(reverse("partnerships:list")).content.decode()
    assert "1 kemitraan" in listing  # only the published one


def test_each_demo_role_sees_what_it_should(demo, client):
    private = Partnership.objects.get(code="NTT-STUNTING-2025")
    for username, status in [
        ("koordinator", 200),
        ("mitra", 200),
        ("pemantau", 200),
        ("adminorg", 200),
        ("admin", 200),
    ]:
        client.login(username=username, password="simitra-demo")
        assert client.get(private.get_absolute_url()).status_code == status, username
    client.login(username="mitra", password="simitra-demo")
    assert client.get(reverse("partnerships:edit", args=[private.code])).status_code == 403
    client.login(username="pemantau", password="simitra-demo")
    assert client.get(reverse("partnerships:edit", args=[private.code])).status_code == 403


def test_seed_scale_makes_the_requested_numbers(db):
    out = io.StringIO()
    call_command("seed_scale", partnerships=30, organisations=12, stdout=out)
    assert Partnership.objects.filter(code__startswith="SKALA-").count() == 30
    assert Organisation.objects.filter(slug__startswith="skala-").count() == 12
    assert Partner.objects.filter(partnership__code__startswith="SKALA-").count() >= 60
    call_command("seed_scale", partnerships=5, organisations=2, stdout=out)
    assert Partnership.objects.filter(code__startswith="SKALA-").count() == 35
