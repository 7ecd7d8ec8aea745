import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Throttling counts in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_for():
    """`api_for(user)` → an API client signed in as that user (None → anonymous)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The response is an error in the API's one shape."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "schemathesis: fuzzes the live API against its own OpenAPI schema (needs schemathesis)",
    )
