import pytest
from django.urls import reverse

from simitra.partnerships.testing import make_user

pytestmark = pytest.mark.django_db


def test_it_logs_in_and_sets_the_users_language(client):
    make_user("dewi", language="en")
    response = client.post(
        reverse("accounts:login"), {"username": "dewi", "password": "pw-for-tests"}
    )
    assert response.status_code == 302
    assert response.cookies["simitra_language"].value == "en"


def test_it_refuses_a_wrong_password_in_indonesian(client):
    make_user("dewi")
    response = client.post(reverse("accounts:login"), {"username": "dewi", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()
    assert 'value="dewi"' in response.content.decode()


def test_demo_accounts_are_refused_when_demo_login_is_off(client, settings):
    make_user("koordinator", is_demo=True)
    settings.DEMO_LOGIN_ALLOWED = False
    response = client.post(
        reverse("accounts:login"), {"username": "koordinator", "password": "pw-for-tests"}
    )
    assert response.status_code == 200
    assert "Akun demo dinonaktifkan" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_backend_refuses_demo_accounts_too(settings):
    from django.contrib.auth import authenticate

    make_user("mitra", is_demo=True)
    settings.DEMO_LOGIN_ALLOWED = False
    assert authenticate(username="mitra", password="pw-for-tests") is None
    settings.DEMO_LOGIN_ALLOWED = True
    assert authenticate(username="mitra", password="pw-for-tests") is not None


def test_logout_needs_post(client_for):
    user = make_user()
    client = client_for(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
