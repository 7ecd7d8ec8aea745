"""The public copy of a published partnership's signed MoU: who may read it, and which one."""

import datetime as dt

import pytest
from django.urls import reverse

from simitra.agreements import services
from simitra.agreements.models import AgreementStatus
from simitra.agreements.testing import make_mou
from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

PUBLIC = Partnership.Visibility.PUBLIC


def _url(partnership) -> str:
    return reverse("agreements:public_mou", args=[partnership.code])


def _publish(partnership) -> None:
    partnership.visibility = PUBLIC
    partnership.save(update_fields=["visibility"])


def test_anyone_reads_the_signed_mou_of_a_published_partnership(ready, signed, client_for):
    _publish(ready.partnership)
    response = client_for(None).get(_url(ready.partnership))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")


def test_a_private_partnerships_mou_has_no_public_copy_even_for_its_members(
    ready, signed, client_for
):
    assert not ready.partnership.is_public
    for user in (None, ready.outsider, ready.partner_user, ready.coordinator, ready.admin):
        assert client_for(user).get(_url(ready.partnership)).status_code == 404


def test_no_public_copy_before_every_party_has_signed(ready, client_for):
    make_mou(ready)
    _publish(ready.partnership)
    assert client_for(None).get(_url(ready.partnership)).status_code == 404
    assert services.published_mou(ready.partnership) is None


def test_an_unknown_code_is_404(db, client_for):
    response = client_for(None).get(reverse("agreements:public_mou", args=["TIDAK-ADA"]))
    assert response.status_code == 404


def test_a_terminated_mou_is_no_longer_public(ready, signed, client_for):
    _publish(ready.partnership)
    services.enter_into_force(agreement=signed, effective_date=dt.date(2025, 2, 1))
    assert client_for(None).get(_url(ready.partnership)).status_code == 200
    services.terminate(agreement=signed, reason="Diakhiri bersama.", on=dt.date(2025, 6, 1))
    assert client_for(None).get(_url(ready.partnership)).status_code == 404


def test_the_newest_binding_version_is_the_public_one(ready, signed):
    _publish(ready.partnership)
    services.enter_into_force(agreement=signed, effective_date=dt.date(2025, 2, 1))
    amendment = services.amend(agreement=signed, created_by=ready.coordinator)
    # A draft amendment does not bind yet: the version in force stays the public one.
    assert services.published_mou(ready.partnership) == signed
    signed.refresh_from_db()
    assert signed.status == AgreementStatus.IN_FORCE
    assert amendment.version == 2


def test_the_public_page_links_the_mou(ready, signed, client_for):
    _publish(ready.partnership)
    page = reverse("knowledge:partnership_public", args=[ready.partnership.code])
    response = client_for(None).get(page)
    assert response.status_code == 200
    assert _url(ready.partnership) in response.content.decode()
    assert signed.title in response.content.decode()


def test_the_public_page_says_when_no_mou_is_signed(ready, client_for):
    _publish(ready.partnership)
    page = reverse("knowledge:partnership_public", args=[ready.partnership.code])
    client = client_for(None)
    client.post(reverse("accounts:set_language"), {"language": "en"})  # chosen, not the browser's
    response = client.get(page)
    assert _url(ready.partnership) not in response.content.decode()
    assert "Not signed yet." in response.content.decode()


def test_the_agreement_page_tells_its_members_the_mou_is_public(ready, signed, client_for):
    detail = reverse("agreements:detail", args=[ready.partnership.code, signed.pk])
    client = client_for(ready.coordinator)
    assert _url(ready.partnership) not in client.get(detail).content.decode()
    _publish(ready.partnership)
    assert _url(ready.partnership) in client.get(detail).content.decode()
