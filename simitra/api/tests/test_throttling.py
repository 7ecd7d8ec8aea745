"""Rate limits: anonymous clients per address (bad credentials included), users per user."""

import pytest
from django.conf import settings
from django.test import override_settings

from simitra.accounts.testing import issue_token

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def rates(anon: str, user: str):
    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }
    )


def test_anonymous_clients_are_limited(world, api_for):
    client = api_for(None)
    with rates("3/minute", "100/minute"):
        for _ in range(3):
            assert client.get("/api/v1/partnerships/").status_code == 401
        response = client.get("/api/v1/partnerships/")
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_guessing_tokens_is_limited_too(world, api_for):
    client = api_for(None)
    with rates("2/minute", "100/minute"):
        for n in range(2):
            client.credentials(HTTP_AUTHORIZATION=f"Token guess-{n}")
            assert client.get("/api/v1/partnerships/").status_code == 401
        client.credentials(HTTP_AUTHORIZATION="Token guess-3")
        assert_error(client.get("/api/v1/partnerships/"), 429, "throttled")


def test_signed_in_users_have_their_own_limit(world, api_for):
    key = issue_token(world.coordinator)
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with rates("1/minute", "4/minute"):
        for _ in range(4):
            assert client.get("/api/v1/partnerships/").status_code == 200
        assert_error(client.get("/api/v1/partnerships/"), 429, "throttled")
        # another user is not affected
        assert api_for(world.partner_user).get("/api/v1/partnerships/").status_code == 200
