import re

import pytest
from django.urls import reverse

from simitra.partnerships.models import Partner, Partnership
from simitra.partnerships.testing import (
    make_member,
    make_organisation,
    make_partnership,
    make_user,
)

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Air Bersih Sumba",
    "code": "ntt-air-2027",
    "currency": "IDR",
    "visibility": "private",
    "regions": "53.11",
    "sdg_targets": "6.1, 6.2",
    "dac_sector": "14030",
    "start_date": "2027-01-01",
    "end_date": "2028-12-31",
}


def test_the_creator_coordinates_and_their_organisation_joins(client_for):
    user = make_user()
    organisation = make_organisation()
    make_member(user, organisation)
    response = client_for(user).post(
        reverse("partnerships:create"), {**VALID, "lead_organisation": organisation.pk}
    )
    partnership = Partnership.objects.get(code="NTT-AIR-2027")
    assert response.status_code == 302
    assert list(partnership.coordinators.all()) == [user]
    partner = Partner.objects.get(partnership=partnership)
    assert partner.organisation == organisation and partner.status == "confirmed"
    assert set(partnership.sdg_targets.values_list("code", flat=True)) == {"6.1", "6.2"}


def test_an_unknown_sdg_target_is_refused_and_nothing_saved(client_for):
    response = client_for(make_user()).post(
        reverse("partnerships:create"), {**VALID, "sdg_targets": "6.1, 18.1"}
    )
    body = response.content.decode()
    assert "Target TPB tidak dikenal: “18.1”." in body
    assert 'value="Air Bersih Sumba"' in body
    assert not Partnership.objects.exists()


def test_bad_dates_and_unknown_codes_are_refused_in_english_for_an_english_user(client_for):
    user = make_user(language="en")
    response = client_for(user).post(
        reverse("partnerships:create"),
        {**VALID, "end_date": "2026-01-01", "dac_sector": "99999", "regions": "99"},
    )
    body = response.content.decode()
    assert "The end date cannot be before the start date." in body
    assert "Unknown DAC sector: “99999”." in body
    assert "Unknown region: “99”." in body
    assert not Partnership.objects.exists()


def _without_tokens(body: str) -> str:
    """The page without what differs on every response (the CSRF token, the CSP nonce)."""
    return re.sub(r"[A-Za-z0-9+/=_-]{20,}", "TOKEN", body)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("id", "Kode ini tidak dapat dipakai; coba {}-2."),
        ("en", "This code cannot be used; try {}-2."),
    ],
)
def test_a_taken_code_reads_the_same_whether_its_partnership_is_hidden_or_not(
    client_for, language, sentence
):
    hidden = make_partnership(code="RAHASIA-1", title="Kemitraan Rahasia")
    published = make_partnership(
        code="TERBUKA-1", title="Kemitraan Terbuka", visibility=Partnership.Visibility.PUBLIC
    )
    client = client_for(make_user(language=language))
    bodies = {}
    for partnership in (hidden, published):
        response = client.post(
            reverse("partnerships:create"), {**VALID, "code": partnership.code.lower()}
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert sentence.format(partnership.code) in body
        assert hidden.title not in body
        normalised = re.sub(partnership.code, "CODE", body, flags=re.IGNORECASE)
        bodies[partnership.code] = _without_tokens(normalised)
    assert bodies[hidden.code] == bodies[published.code]
    assert Partnership.objects.count() == 2


def test_the_suggested_code_is_free_and_can_be_used(client_for, world):
    code = world.partnership.code
    make_partnership(code=f"{code}-2")
    client = client_for(world.coordinator)
    response = client.post(reverse("partnerships:create"), {**VALID, "code": code})
    assert f"Kode ini tidak dapat dipakai; coba {code}-3." in response.content.decode()
    response = client.post(reverse("partnerships:create"), {**VALID, "code": f"{code}-3"})
    assert response.status_code == 302
    assert Partnership.objects.filter(code=f"{code}-3").exists()


def test_a_suggestion_for_a_long_code_fits_the_field(world):
    long = "A" * 40
    make_partnership(code=long)
    assert Partnership.objects.free_code(long) == "A" * 38 + "-2"


def test_a_partner_cannot_be_added_twice(world, client_for):
    response = client_for(world.coordinator).post(
        reverse("partnerships:partner_add", args=[world.partnership.code]),
        {"organisation": world.org_a.slug, "status": "confirmed", "relationship": "undetermined"},
    )
    assert response.status_code == 200
    assert "Organisasi ini sudah ada dalam kemitraan." in response.content.decode()
    assert (
        Partner.objects.filter(partnership=world.partnership, organisation=world.org_a).count() == 1
    )


def test_the_coordinator_adds_a_partner(world, client_for):
    newcomer = make_organisation("Universitas Baru", sector="university")
    response = client_for(world.coordinator).post(
        reverse("partnerships:partner_add", args=[world.partnership.code]),
        {
            "organisation": newcomer.slug,
            "status": "invited",
            "iati_role": "4",
            "relationship": "collaborative",
        },
    )
    assert response.status_code == 302
    assert Partner.objects.get(partnership=world.partnership, organisation=newcomer).iati_role == 4


def test_the_last_coordinator_cannot_be_removed(world, client_for):
    client_for(world.coordinator).post(
        reverse(
            "partnerships:coordinator_remove", args=[world.partnership.code, world.coordinator.pk]
        )
    )
    assert world.partnership.coordinators.count() == 1


def test_password_reset_sends_a_mail(client, mailoutbox):
    make_user("lupa", email="lupa@example.test")
    response = client.post(reverse("accounts:password_reset"), {"email": "lupa@example.test"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "/akun/sandi/reset/" in mailoutbox[0].body


def test_the_coordinator_grants_and_removes_an_observer(world, client_for):
    from simitra.partnerships.models import ObserverGrant

    bappeda = make_user("bappeda")
    client = client_for(world.coordinator)
    url = reverse("partnerships:observers", args=[world.partnership.code])
    assert client.post(url, {"username": "bappeda"}).status_code == 302
    grant = ObserverGrant.objects.get(user=bappeda, partnership=world.partnership)
    assert client_for(bappeda).get(world.partnership.get_absolute_url()).status_code == 200
    again = client.post(url, {"username": "bappeda"})
    assert "sudah memantau" in again.content.decode()
    client.post(reverse("partnerships:observer_remove", args=[world.partnership.code, grant.pk]))
    assert client_for(bappeda).get(world.partnership.get_absolute_url()).status_code == 404


def test_only_the_coordinator_manages_observers(world, client_for):
    url = reverse("partnerships:observers", args=[world.partnership.code])
    assert client_for(world.partner_user).get(url).status_code == 403
    assert client_for(world.observer).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404


@pytest.mark.parametrize("page", ["partnerships:coordinators", "partnerships:observers"])
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("id", "Nama pengguna atau surel paling banyak 254 karakter."),
        ("en", "A username or e-mail has at most 254 characters."),
    ],
)
def test_a_name_longer_than_any_user_is_refused_before_looking(
    world, client_for, page, language, sentence
):
    world.coordinator.language = language
    world.coordinator.save(update_fields=["language"])
    url = reverse(page, args=[world.partnership.code])
    response = client_for(world.coordinator).post(url, {"username": "x" * 60_000})
    assert response.status_code == 200
    assert sentence in response.content.decode()
    assert list(world.partnership.coordinators.all()) == [world.coordinator]
    assert not world.partnership.observer_grants.exclude(user=world.observer).exists()
