"""Who reaches the two-factor pages and the provider buttons: the anonymous visitor, a user
(password account, with and without an authenticator app) and a platform admin (who must set
one up first)."""

import pytest
from django.urls import reverse

from simitra.partnerships.testing import make_user

from .test_two_factor import SECRET, with_totp

pytestmark = pytest.mark.django_db

MANAGE = [
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
]


def logged_in(client, username, *, reauthenticated=True, **fields):
    user = make_user(username, **fields)
    client.post(reverse("accounts:login"), {"username": username, "password": "pw-for-tests"})
    if reauthenticated:
        client.post(reverse("account_reauthenticate"), {"password": "pw-for-tests"})
    return user


@pytest.mark.parametrize("name", [*MANAGE, "mfa_authenticate"])
def test_the_anonymous_visitor_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith((reverse("accounts:login"), reverse("account_login")))


def test_the_anonymous_visitor_sees_the_provider_buttons(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "pemprov",
                    "name": "SSO Pemprov",
                    "client_id": "x",
                    "settings": {"server_url": "https://sso.example"},
                }
            ]
        }
    }
    assert "Masuk dengan SSO Pemprov" in client.get(reverse("accounts:login")).content.decode()
    # A signed-in user is sent on from the log-in page (no buttons to press).
    logged_in(client, "dewi", reauthenticated=False)
    assert client.get(reverse("accounts:login")).status_code == 302


@pytest.mark.parametrize("name", MANAGE)
def test_a_user_confirms_the_password_before_changing_two_factor(client, name):
    user = logged_in(client, "dewi", reauthenticated=False)
    if name != "mfa_activate_totp":
        with_totp(user, SECRET)  # set up since the log-in: there is something to change
    response = client.get(reverse(name))
    if name == "mfa_index":
        assert response.status_code == 200  # the overview only reads
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_reauthenticate"))


def test_a_user_without_totp_may_set_it_up_but_has_nothing_to_turn_off(client):
    logged_in(client, "dewi")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.get(reverse("mfa_deactivate_totp")).status_code == 404
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 404


def test_a_user_with_totp_may_turn_it_off_and_see_the_codes(client):
    user = logged_in(client, "dewi")
    with_totp(user, SECRET)
    assert client.get(reverse("mfa_activate_totp")).status_code == 302  # already on
    assert client.get(reverse("mfa_deactivate_totp")).status_code == 200
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 200


@pytest.mark.parametrize("name", [n for n in MANAGE if n != "mfa_activate_totp"])
def test_an_admin_without_totp_reaches_only_the_set_up(client, settings, name):
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = True
    logged_in(client, "root", is_staff=True, is_superuser=True)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_an_admin_with_totp_reaches_every_page(client, settings):
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = True
    admin = make_user("root", is_staff=True, is_superuser=True)
    with_totp(admin, SECRET)
    client.force_login(admin)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "user"])
def test_a_providers_confirmation_page_may_go_on_to_the_provider(client, settings, who):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "pemprov",
                    "name": "SSO Pemprov",
                    "client_id": "x",
                    "settings": {"server_url": "https://sso.example"},
                }
            ]
        }
    }
    if who == "user":
        logged_in(client, "dewi", reauthenticated=False)
    response = client.get(reverse("openid_connect_login", kwargs={"provider_id": "pemprov"}))
    assert response.status_code == 200
    assert "Masuk dengan SSO Pemprov" in response.content.decode()
    assert "https://sso.example" in response["Content-Security-Policy"]


def test_an_unknown_provider_is_not_found(client):
    response = client.get(reverse("openid_connect_login", kwargs={"provider_id": "nope"}))
    assert response.status_code == 404


def test_only_a_platform_admin_sets_up_providers_in_the_admin(client_for):
    url = reverse("admin:socialaccount_socialapp_add")
    admin = make_user("root", is_staff=True, is_superuser=True)
    page = client_for(admin).get(url)
    assert page.status_code == 200
    assert "openid_connect" in page.content.decode()
    user = client_for(make_user("dewi"))
    assert user.get(url, follow=True).status_code == 403  # via the admin's log-in: refused
    anonymous = client_for(None).get(url, follow=True)
    assert anonymous.redirect_chain[-1][0].startswith(reverse("accounts:login"))


def test_the_organisations_policy_is_set_in_the_admin(client_for):
    from simitra.partnerships.testing import make_organisation

    organisation = make_organisation("Bappeda")
    admin = make_user("root", is_staff=True, is_superuser=True)
    page = client_for(admin).get(
        reverse("admin:organisations_organisation_change", args=[organisation.pk])
    )
    assert 'name="sso_email_domains"' in page.content.decode()
    assert 'name="sso_provider"' in page.content.decode()
