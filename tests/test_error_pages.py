"""Error pages of Simitra's own, in the user's language, that say what happened and where to go
(with DEBUG off, as in production). The 500 page has no template logic that could fail."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_404_with_our_page_in_indonesian_by_default(client, settings):
    settings.DEBUG = False
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman ini tidak ada, atau tidak dibagikan kepada Anda" in body
    assert 'href="/"' in body and "Simitra" in body


def test_a_refused_page_is_403_with_our_page_in_the_users_language(world, client_for, settings):
    settings.DEBUG = False
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    client = client_for(world.partner_user)
    response = client.get(reverse("partnerships:edit", args=[world.partnership.code]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "You may not do this here" in body
    assert "403 Forbidden" not in body


def test_a_form_without_its_token_is_refused_with_our_page(world, settings):
    from django.test import Client

    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.post(reverse("partnerships:edit", args=[world.partnership.code]), {})
    assert response.status_code == 403
    assert "Formulir ini sudah kedaluwarsa" in response.content.decode()


def test_the_400_page_is_ours(rf_request):
    response = defaults.bad_request(rf_request, Exception("x"))
    assert response.status_code == 400
    assert "Permintaan ini tidak dapat dipahami" in response.content.decode()


def test_the_500_page_renders_without_context_and_in_both_languages(rf_request):
    response = defaults.server_error(rf_request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi kesalahan di server" in body and "Something went wrong on the server" in body
    template = engines["django"].engine.get_template("500.html")
    assert "{%" not in template.source and "{{" not in template.source


def test_a_permission_denied_renders_the_403_page(rf_request):
    response = defaults.permission_denied(rf_request, PermissionDenied())
    assert response.status_code == 403


@pytest.fixture
def rf_request(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_indonesian_is_the_default_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    assert client.get("/").headers["Content-Language"] == "en"  # chosen, and kept
