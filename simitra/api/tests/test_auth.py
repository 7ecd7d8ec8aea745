import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.authtoken.models import Token

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_a_token_signs_the_client_in(world, api_for):
    token = Token.objects.create(user=world.partner_user)
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get(f"/api/v1/partnerships/{world.partnership.code}/")
    assert response.status_code == 200
    assert_error(
        client.patch(
            f"/api/v1/partnerships/{world.partnership.code}/", {"title": "x"}, format="json"
        ),
        403,
    )


def test_an_inactive_users_token_is_refused(world, api_for):
    token = Token.objects.create(user=world.partner_user)
    world.partner_user.is_active = False
    world.partner_user.save(update_fields=["is_active"])
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert_error(client.get("/api/v1/partnerships/"), 401, "authentication_failed")


@override_settings(DEMO_LOGIN_ALLOWED=False)
def test_demo_accounts_cannot_use_tokens_on_a_production_server(world, api_for):
    world.partner_user.is_demo = True
    world.partner_user.save(update_fields=["is_demo"])
    token = Token.objects.create(user=world.partner_user)
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert_error(client.get("/api/v1/partnerships/"), 401, "authentication_failed")


def test_session_writes_need_the_csrf_token(world):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.patch(
        f"/api/v1/partnerships/{world.partnership.code}/", {"title": "x"}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Kemitraan Uji"


class TestTokenPage:
    url = "/api/v1/token/"

    def test_it_asks_anonymous_visitors_to_log_in(self, client_for):
        assert client_for(None).get(self.url).status_code == 302

    def test_it_creates_shows_once_replaces_and_deletes(self, world, client_for):
        client = client_for(world.partner_user)
        page = client.get(self.url).content.decode()
        assert "Anda belum punya token API." in page
        created = client.post(self.url, {"action": "create"}).content.decode()
        key = Token.objects.get(user=world.partner_user).key
        assert key in created
        assert key not in client.get(self.url).content.decode()
        client.post(self.url, {"action": "replace"})
        assert Token.objects.get(user=world.partner_user).key != key
        response = client.post(self.url, {"action": "delete"})
        assert response.status_code == 302
        assert not Token.objects.filter(user=world.partner_user).exists()

    def test_it_only_touches_ones_own_token(self, world, client_for):
        other = Token.objects.create(user=world.coordinator)
        client_for(world.partner_user).post(self.url, {"action": "delete"})
        assert Token.objects.filter(pk=other.pk).exists()


def test_the_command_prints_a_token(world, capsys):
    call_command("api_token", world.coordinator.username)
    key = capsys.readouterr().out.strip()
    assert Token.objects.get(user=world.coordinator).key == key
    call_command("api_token", world.coordinator.username, "--replace")
    assert capsys.readouterr().out.strip() != key
