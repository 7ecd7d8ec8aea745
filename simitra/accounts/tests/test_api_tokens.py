"""The API tokens section of the profile page: create (shown once), list, revoke."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from simitra.accounts.models import ApiToken, hash_key
from simitra.accounts.testing import issue_token
from simitra.partnerships.testing import make_user

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
CREATE = reverse("accounts:token_create")


def revoke_url(token):
    return reverse("accounts:token_revoke", args=[token.pk])


@pytest.fixture
def owner():
    return make_user("pemilik")


@pytest.fixture
def token(owner):
    return ApiToken.objects.for_key(issue_token(owner, name="Dasbor kabupaten"))


class TestCreating:
    def test_the_key_is_shown_once_and_only_its_hash_is_stored(self, owner, client_for):
        client = client_for(owner)
        response = client.post(CREATE, {"name": "Sistem M&E donor", "scope": "read"})
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        token = ApiToken.objects.get(user=owner)
        page = response.content.decode()
        key = page.split('id="new-token">')[1].split("<")[0]
        assert key.startswith("smt_") and len(key) > 40
        assert token.key_hash == hash_key(key) and key not in token.key_hash
        # the key is in no column of the row, only its first characters
        assert all(key not in str(value) for value in vars(token).values())
        assert token.prefix == key[:8]
        assert token.scope == ApiToken.Scope.READ and token.name == "Sistem M&E donor"
        assert key not in client.get(PROFILE).content.decode()
        assert "Sistem M&amp;E donor" in client.get(PROFILE).content.decode()

    @time_machine.travel(dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC), tick=False)
    def test_the_expiry_defaults_and_has_a_maximum(self, owner, client_for, settings):
        settings.SIMITRA_API_TOKEN_DEFAULT_DAYS, settings.SIMITRA_API_TOKEN_MAX_DAYS = 90, 365
        client = client_for(owner)
        client.post(CREATE, {"name": "a", "scope": "read"})
        token = ApiToken.objects.get(user=owner)
        # the end of the 90th day, in the site's time zone (Asia/Jakarta)
        assert timezone.localtime(token.expires_at).date() == dt.date(2027, 3, 4)
        too_far = client.post(CREATE, {"name": "b", "scope": "read", "expires_on": "2027-12-05"})
        assert too_far.status_code == 400
        assert "paling lama 365 hari" in too_far.content.decode()
        past = client.post(CREATE, {"name": "c", "scope": "read", "expires_on": "2026-12-04"})
        assert "setelah hari ini" in past.content.decode()
        chosen = client.post(
            CREATE, {"name": "d", "scope": "read_write", "expires_on": "2027-12-04"}
        )
        assert chosen.status_code == 200
        assert ApiToken.objects.filter(user=owner).count() == 2

    def test_it_needs_a_name(self, owner, client_for):
        response = client_for(owner).post(CREATE, {"name": "", "scope": "read"})
        assert response.status_code == 400
        assert not ApiToken.objects.exists()

    def test_it_refuses_more_than_twenty_active_tokens(self, owner, client_for):
        for n in range(20):
            issue_token(owner, name=f"t{n}")
        response = client_for(owner).post(CREATE, {"name": "satu lagi", "scope": "read"})
        assert response.status_code == 400
        assert "cabut satu dulu" in response.content.decode()

    def test_it_needs_post(self, owner, client_for):
        assert client_for(owner).get(CREATE).status_code == 405


class TestAccess:
    @pytest.mark.parametrize("name", ["profile", "create", "revoke"])
    def test_anonymous_visitors_are_sent_to_log_in(self, client, token, name):
        url = {"profile": PROFILE, "create": CREATE, "revoke": revoke_url(token)}[name]
        response = client.get(url) if name != "create" else client.post(url, {"name": "x"})
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]

    def test_a_user_sees_only_their_own_tokens(self, token, client_for):
        other = make_user("lain")
        issue_token(other, name="Token orang lain")
        page = client_for(token.user).get(PROFILE).content.decode()
        assert "Dasbor kabupaten" in page and "Token orang lain" not in page
        assert token.prefix in page

    def test_another_user_cannot_revoke_my_token(self, token, client_for):
        client = client_for(make_user("lain"))
        assert client.get(revoke_url(token)).status_code == 404
        assert client.post(revoke_url(token)).status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_an_unknown_token_is_404(self, owner, client_for):
        assert client_for(owner).get("/akun/profil/token/999999/cabut/").status_code == 404

    def test_the_platform_admin_can_revoke_any(self, token, client_for):
        admin = make_user("akar", is_superuser=True, is_staff=True)
        client = client_for(admin)
        page = client.get(revoke_url(token)).content.decode()
        assert "milik pemilik" in page  # says whose token it is
        assert client.post(revoke_url(token)).status_code == 302
        token.refresh_from_db()
        assert token.revoked_at is not None and token.revoked_by == admin

    def test_the_query_count_does_not_grow_with_tokens(
        self, owner, client_for, django_assert_max_num_queries
    ):
        client = client_for(owner)
        for n in range(3):
            issue_token(owner, name=f"t{n}")
        with django_assert_max_num_queries(12) as few:
            client.get(PROFILE)
        for n in range(15):
            issue_token(owner, name=f"u{n}")
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(PROFILE)


class TestRevoking:
    def test_it_asks_first_then_revokes(self, token, client_for):
        client = client_for(token.user)
        confirm = client.get(revoke_url(token))
        assert confirm.status_code == 200
        assert "tidak dapat dibatalkan" in confirm.content.decode()
        token.refresh_from_db()
        assert token.revoked_at is None  # asking changes nothing
        response = client.post(revoke_url(token))
        assert response["Location"] == f"{PROFILE}#api-tokens"
        token.refresh_from_db()
        assert token.revoked_at is not None and token.revoked_by == token.user
        page = client.get(PROFILE).content.decode()
        assert "telah dicabut" in page and "dicabut" in page

    def test_revoking_twice_keeps_the_first_time(self, token, client_for):
        client = client_for(token.user)
        client.post(revoke_url(token))
        token.refresh_from_db()
        first = token.revoked_at
        client.post(revoke_url(token))
        token.refresh_from_db()
        assert token.revoked_at == first

    def test_the_page_shows_expired_and_last_used(self, token, client_for):
        token.record_use()
        page = client_for(token.user).get(PROFILE).content.decode()
        assert "belum pernah" not in page
        with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
            page = client_for(token.user).get(PROFILE).content.decode()
        assert "kedaluwarsa" in page


class TestTheAdmin:
    def test_it_lists_every_token_with_its_facts_and_revokes(self, token, client_for):
        admin = make_user("akar", is_superuser=True, is_staff=True)
        client = client_for(admin)
        page = client.get("/admin/accounts/apitoken/").content.decode()
        for fact in ("Dasbor kabupaten", "pemilik", token.prefix, "hanya baca"):
            assert fact in page
        for column in ("dibuat", "berlaku sampai", "terakhir dipakai", "dicabut"):
            assert column in page.lower()
        response = client.post(
            "/admin/accounts/apitoken/",
            {"action": "revoke_tokens", "_selected_action": [token.pk]},
        )
        assert response.status_code == 302
        token.refresh_from_db()
        assert token.revoked_at is not None and token.revoked_by == admin

    def test_it_creates_and_deletes_none(self, token, client_for):
        client = client_for(make_user("akar", is_superuser=True, is_staff=True))
        assert client.get("/admin/accounts/apitoken/add/").status_code == 403
        assert client.get(f"/admin/accounts/apitoken/{token.pk}/delete/").status_code == 403

    def test_others_cannot_see_it(self, token, client_for):
        response = client_for(make_user("staf", is_staff=True)).get("/admin/accounts/apitoken/")
        assert response.status_code == 403
