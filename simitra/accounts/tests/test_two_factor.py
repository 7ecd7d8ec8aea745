"""Two-factor log-in (allauth.mfa, TOTP) after our own password page: refused without the
code, accepted with it, recovery codes once each, axes over both steps, and platform admins
sent to set it up."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.urls import reverse

from simitra.partnerships.testing import make_user

pytestmark = pytest.mark.django_db

SECRET = pyotp.random_base32()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth remembers used TOTP codes in the cache: every test starts without them.
    cache.clear()


def with_totp(user, secret=SECRET):
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user)


def password_step(client, username="dewi", password="pw-for-tests"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_the_password_alone_does_not_log_in_a_user_with_totp(client):
    with_totp(make_user("dewi"))
    response = password_step(client)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302  # still anonymous


def test_the_code_step_is_in_the_sites_look_and_language(client):
    with_totp(make_user("dewi"))
    password_step(client)
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Kode aplikasi autentikator" in page
    assert 'class="form-control' in page


def test_the_right_code_logs_in(client):
    user = make_user("dewi", language="en")
    with_totp(user)
    password_step(client)
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(SECRET).now()})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_code_is_refused_with_a_message(client):
    with_totp(make_user("dewi"))
    password_step(client)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "invalid-feedback" in response.content.decode()


def test_the_code_step_needs_the_password_step_first(client):
    with_totp(make_user("dewi"))
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(SECRET).now()})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client):
    user = make_user("dewi")
    code = with_totp(user).get_unused_codes()[0]
    password_step(client)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    client.post(reverse("accounts:logout"))
    password_step(client)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_codes_lock_the_account_out(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    with_totp(make_user("dewi"))
    password_step(client)
    answers = [client.post(reverse("mfa_authenticate"), {"code": "000000"}) for _ in range(3)]
    assert [answer.status_code for answer in answers[:2]] == [200, 200]
    assert answers[2].status_code in {403, 429}
    # Locked: the right code no longer helps, nor does the password step.
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(SECRET).now()})
    assert response.status_code in {403, 429}
    assert "_auth_user_id" not in client.session
    assert password_step(client).status_code in {403, 429}


def test_wrong_passwords_still_lock_out(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    make_user("dewi")
    answers = [password_step(client, password="salah") for _ in range(3)]
    assert answers[-1].status_code in {403, 429}
    assert password_step(client).status_code in {403, 429}
    assert "_auth_user_id" not in client.session


def test_a_user_without_totp_logs_in_with_the_password_alone(client):
    user = make_user("dewi")
    response = password_step(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def confirm_password(client):
    """allauth asks for the password again before two-factor settings change."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302
    assert page.url.startswith(reverse("account_reauthenticate"))
    response = client.post(page.url, {"password": "pw-for-tests"})
    assert response.status_code == 302


def enrol(client, *, confirmed=False):
    """Set up TOTP through the pages, as a user does: the secret from the page, the code."""
    if not confirmed:
        confirm_password(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    return client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})


def test_a_user_enrols_and_disables_from_the_profile(client):
    user = make_user("dewi")
    password_step(client)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("mfa_activate_totp") in profile
    response = enrol(client)
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("mfa_deactivate_totp") in profile

    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_a_wrong_code_does_not_enrol(client):
    user = make_user("dewi")
    password_step(client)
    confirm_password(client)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()


def test_an_admin_without_totp_is_sent_to_enrol_first(client, settings):
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = True
    make_user("dewi", is_staff=True, is_superuser=True)
    response = password_step(client)
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home.url == reverse("mfa_activate_totp")
    assert client.get("/admin/").url == reverse("mfa_activate_totp")
    assert response.status_code == 302
    confirm_password(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert "Admin platform wajib" in page.content.decode()
    enrol(client, confirmed=True)
    assert client.get(reverse("home")).status_code == 200


def test_an_admin_with_totp_goes_on(client_for, settings):
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = True
    admin = make_user("dewi", is_staff=True)
    with_totp(admin)
    assert client_for(admin).get(reverse("home")).status_code == 200


def test_a_demo_admin_on_a_development_server_is_not_sent_to_enrol(client, settings):
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = True
    settings.DEMO_LOGIN_ALLOWED = True
    make_user("admin", is_staff=True, is_superuser=True, is_demo=True)
    password_step(client, username="admin")
    assert client.get(reverse("home")).status_code == 200


def test_the_admins_own_log_in_form_sends_to_ours_and_skips_no_step(client):
    admin = make_user("dewi", is_staff=True, is_superuser=True)
    with_totp(admin)
    response = client.post("/admin/login/", {"username": "dewi", "password": "pw-for-tests"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
