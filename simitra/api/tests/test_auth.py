"""The API's credentials: personal API tokens (simitra.accounts.models.ApiToken) and sessions."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from simitra.accounts.models import ApiToken, hash_key
from simitra.accounts.testing import issue_token

from .conftest import assert_error

pytestmark = pytest.mark.django_db

READ = ApiToken.Scope.READ


def signed(api_for, key, keyword="Token"):
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {key}")
    return client


def detail_url(world):
    return f"/api/v1/partnerships/{world.partnership.code}/"


def test_a_token_signs_the_client_in(world, api_for):
    client = signed(api_for, issue_token(world.partner_user))
    assert client.get(detail_url(world)).status_code == 200
    # it acts as its user: a partner may not change the partnership
    assert_error(client.patch(detail_url(world), {"title": "x"}, format="json"), 403)


def test_the_bearer_form_works_too(world, api_for):
    client = signed(api_for, issue_token(world.coordinator), keyword="Bearer")
    assert client.get(detail_url(world)).status_code == 200
    response = client.patch(detail_url(world), {"title": "Lewat bearer"}, format="json")
    assert response.status_code == 200
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Lewat bearer"


@pytest.mark.parametrize("header", ["Token", "Token a b", "Bearer wrong-key"])
def test_a_malformed_or_unknown_token_is_refused(world, api_for, header):
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/partnerships/")
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


class TestReadOnlyTokens:
    def test_it_reads(self, world, api_for):
        client = signed(api_for, issue_token(world.coordinator, scope=READ))
        assert client.get(detail_url(world)).status_code == 200
        assert client.get("/api/v1/partnerships/").status_code == 200
        assert client.head(detail_url(world)).status_code == 200
        assert client.options(detail_url(world)).status_code == 200

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_it_cannot_write_with_any_unsafe_method(self, world, api_for, method):
        client = signed(api_for, issue_token(world.coordinator, scope=READ))
        url = "/api/v1/partnerships/" if method == "post" else detail_url(world)
        body = assert_error(
            getattr(client, method)(url, {"title": "x", "code": "X-1"}, format="json"),
            403,
            "permission_denied",
        )
        assert "baca" in body["detail"]  # "Token ini hanya-baca …"
        world.partnership.refresh_from_db()
        assert world.partnership.title == "Kemitraan Uji"

    def test_every_write_operation_of_the_schema_refuses_it(self, world, api_for):
        """Walked through the schema: each operation that is not a read, whatever endpoint."""
        import re

        client = signed(api_for, issue_token(world.coordinator, scope=READ))
        schema = client.get("/api/v1/schema/?format=json").json()
        refused = []
        for template, operations in schema["paths"].items():
            url = re.sub(r"\{\w+\}", "1", template)
            for method in operations:
                if method in ("get", "head", "options", "parameters"):
                    continue
                response = getattr(client, method)(url, {}, format="json")
                assert_error(response, 403, "permission_denied")
                refused.append(f"{method} {template}")
        assert len(refused) > 30

    def test_it_cannot_take_workflow_steps(self, world, api_for):
        client = signed(api_for, issue_token(world.coordinator, scope=READ))
        response = client.post(f"{detail_url(world)}advance/", {}, format="json")
        assert_error(response, 403, "permission_denied")


def test_a_revoked_token_is_refused_at_once(world, api_for):
    key = issue_token(world.coordinator)
    client = signed(api_for, key)
    assert client.get("/api/v1/partnerships/").status_code == 200
    ApiToken.objects.for_key(key).revoke(by=world.coordinator)
    body = assert_error(client.get("/api/v1/partnerships/"), 401, "authentication_failed")
    assert "dicabut" in body["detail"]


def test_an_expired_token_is_refused(world, api_for):
    key = issue_token(world.coordinator, days=30)
    client = signed(api_for, key)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29, hours=23)):
        assert client.get("/api/v1/partnerships/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=30, seconds=1)):
        body = assert_error(client.get("/api/v1/partnerships/"), 401, "authentication_failed")
    assert "kedaluwarsa" in body["detail"]


def test_last_used_is_written_at_most_once_a_minute(world, api_for, django_assert_num_queries):
    key = issue_token(world.coordinator)
    token = ApiToken.objects.for_key(key)
    assert token.last_used_at is None
    client = signed(api_for, key)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/api/v1/organisations/")
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        assert first == start
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        client.get("/api/v1/organisations/")
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    later = start + dt.timedelta(minutes=1, seconds=1)
    with time_machine.travel(later, tick=False):
        client.get("/api/v1/organisations/")
        assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_a_stale_copy_writes_last_used_once(world):
    """Two requests that read the token at the same moment: the UPDATE's own condition lets
    only one of them write."""
    key = issue_token(world.coordinator)
    one, other = ApiToken.objects.for_key(key), ApiToken.objects.for_key(key)
    now = timezone.now()
    one.record_use(now)
    other.record_use(now + dt.timedelta(seconds=5))
    assert ApiToken.objects.get(pk=one.pk).last_used_at == now


def test_an_inactive_users_token_is_refused(world, api_for):
    key = issue_token(world.partner_user)
    world.partner_user.is_active = False
    world.partner_user.save(update_fields=["is_active"])
    assert_error(signed(api_for, key).get("/api/v1/partnerships/"), 401, "authentication_failed")


@override_settings(DEMO_LOGIN_ALLOWED=False)
def test_demo_accounts_cannot_use_tokens_on_a_production_server(world, api_for):
    world.partner_user.is_demo = True
    world.partner_user.save(update_fields=["is_demo"])
    key = issue_token(world.partner_user)
    assert_error(signed(api_for, key).get("/api/v1/partnerships/"), 401, "authentication_failed")


def test_session_writes_need_the_csrf_token(world):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.patch(detail_url(world), {"title": "x"}, format="json")
    assert_error(response, 403, "permission_denied")
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Kemitraan Uji"


def test_the_old_token_page_sends_to_the_profile(client_for, world):
    response = client_for(world.partner_user).get("/api/v1/token/")
    assert response.status_code == 301
    assert response["Location"] == "/akun/profil/#api-tokens"


def test_the_schema_describes_both_header_forms(api_for):
    schema = api_for(None).get("/api/v1/schema/?format=json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": schemes["tokenAuth"]["description"],
    }
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert "read-only" in schemes["tokenAuth"]["description"].lower()
    security = schema["paths"]["/api/v1/partnerships/"]["get"]["security"]
    assert {"tokenAuth": []} in security and {"bearerAuth": []} in security


class TestTheCommand:
    def test_it_prints_a_new_working_key(self, world, capsys, api_for):
        call_command("api_token", world.coordinator.username)
        key = capsys.readouterr().out.strip()
        token = ApiToken.objects.get(user=world.coordinator)
        assert token.key_hash == hash_key(key) and token.scope == ApiToken.Scope.READ_WRITE
        assert signed(api_for, key).get("/api/v1/partnerships/").status_code == 200

    def test_replace_revokes_the_others(self, world, capsys):
        call_command("api_token", world.coordinator.username)
        old = capsys.readouterr().out.strip()
        call_command("api_token", world.coordinator.username, "--replace", "--read-only")
        new = capsys.readouterr().out.strip()
        assert new != old
        assert ApiToken.objects.for_key(old).revoked_at is not None
        assert ApiToken.objects.for_key(new).is_read_only

    def test_revoke_revokes_all(self, world, capsys):
        issue_token(world.coordinator)
        issue_token(world.coordinator)
        call_command("api_token", world.coordinator.username, "--revoke")
        assert "2 token(s) revoked." in capsys.readouterr().out
        assert not ApiToken.objects.filter(user=world.coordinator).active().exists()


class TestTheMigrationOfOldTokens:
    """accounts 0003 turns rest_framework.authtoken's tokens into personal tokens."""

    def migrate(self):
        from django.apps import apps

        module = importlib.import_module("simitra.accounts.migrations.0003_api_tokens")

        class Editor:
            pass

        editor = Editor()
        editor.connection = connection
        module.migrate_authtoken_tokens(apps, editor)

    def test_an_old_key_keeps_working_as_a_migrated_token(self, world, api_for):
        old_key = "0123456789abcdef0123456789abcdef01234567"
        created = timezone.now() - dt.timedelta(days=100)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
                "created timestamp with time zone NOT NULL, user_id integer NOT NULL)"
                if connection.vendor == "postgresql"
                else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
                "created datetime NOT NULL, user_id integer NOT NULL)"
            )
            cursor.execute(
                "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
                [
                    old_key,
                    created if connection.vendor == "postgresql" else created.replace(tzinfo=None),
                    world.coordinator.pk,
                ],
            )
        self.migrate()
        token = ApiToken.objects.get(user=world.coordinator)
        assert token.name == "migrated token" and token.scope == ApiToken.Scope.READ_WRITE
        assert token.key_hash == hash_key(old_key) and token.prefix == old_key[:8]
        assert abs(token.created_at - created) < dt.timedelta(seconds=1)
        assert token.expires_at > timezone.now() + dt.timedelta(days=364)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM authtoken_token")
            assert cursor.fetchone() == (0,)  # the keys in clear are gone
        assert signed(api_for, old_key).get("/api/v1/partnerships/").status_code == 200

    def test_without_the_old_table_it_does_nothing(self, world):
        self.migrate()
        assert not ApiToken.objects.exists()
