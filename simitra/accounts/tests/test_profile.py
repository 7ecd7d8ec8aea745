import pytest
from django.urls import reverse

from simitra.partnerships.testing import make_user

pytestmark = pytest.mark.django_db


def test_it_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_saves_the_language_preference(client_for):
    user = make_user()
    response = client_for(user).post(
        reverse("accounts:profile"),
        {"first_name": "Dewi", "last_name": "", "email": "dewi@example.test", "language": "en"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en" and user.first_name == "Dewi"


def test_an_invalid_profile_keeps_what_was_typed(client_for):
    user = make_user()
    response = client_for(user).post(
        reverse("accounts:profile"),
        {"first_name": "Dewi", "email": "bukan-surel", "language": "id"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Dewi"' in body
    assert "Masukkan alamat email dengan format yang benar." in body
    user.refresh_from_db()
    assert user.first_name == ""


def test_the_language_switch_is_kept_for_a_signed_in_user(client_for):
    user = make_user()
    client = client_for(user)
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/kemitraan/"}
    )
    assert response.status_code == 302 and response["Location"] == "/kemitraan/"
    user.refresh_from_db()
    assert user.language == "en"
    assert "My partnerships" in client.get(reverse("home")).content.decode()


def test_the_language_switch_refuses_foreign_redirects(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://example.com/"}
    )
    assert response["Location"] == "/"
    assert response.cookies["simitra_language"].value == "en"


def test_the_language_switch_needs_post(client):
    assert client.get(reverse("accounts:set_language")).status_code == 405
