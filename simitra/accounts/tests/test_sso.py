"""Single sign-on (allauth's OpenID Connect provider): providers from the environment, the
organisations' e-mail-domain policy at the password form, linking by verified address only,
and a first log-in that makes an account without access. The whole round trip through a real
provider is the browser test tests/browser/test_sso.py."""

import json

import pytest
from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from simitra.lib.oidc import providers_from_environment
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_member, make_organisation, make_partnership, make_user

pytestmark = pytest.mark.django_db

PROVIDERS = [{"id": "pemprov", "name": "SSO Pemprov", "server_url": "https://sso.example.go.id"}]


@pytest.fixture
def provider(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": providers_from_environment(
                {
                    "SIMITRA_OIDC_PROVIDERS": json.dumps(
                        [{**PROVIDERS[0], "client_id": "simitra"}]
                    ),
                    "SIMITRA_OIDC_SECRET_PEMPROV": "rahasia",
                }
            )
        }
    }


# --- providers from the environment -------------------------------------------------------


def test_providers_come_from_the_environment_with_their_secret_apart():
    apps = providers_from_environment(
        {
            "SIMITRA_OIDC_PROVIDERS": json.dumps(
                [
                    {
                        "id": "pemprov",
                        "name": "SSO Pemprov",
                        "server_url": "https://a.example",
                        "client_id": "c1",
                    },
                    {"id": "ngo-google", "issuer": "https://accounts.example", "client_id": "c2"},
                ]
            ),
            "SIMITRA_OIDC_SECRET_PEMPROV": "s1",
            "SIMITRA_OIDC_SECRET_NGO_GOOGLE": "s2",
        }
    )
    assert apps == [
        {
            "provider_id": "pemprov",
            "name": "SSO Pemprov",
            "client_id": "c1",
            "secret": "s1",
            "settings": {"server_url": "https://a.example"},
        },
        {
            "provider_id": "ngo-google",
            "name": "ngo-google",
            "client_id": "c2",
            "secret": "s2",
            "settings": {"server_url": "https://accounts.example"},
        },
    ]


def test_no_variable_means_no_providers():
    assert providers_from_environment({}) == []


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        '{"id": "x"}',
        '[{"id": "Bad Id", "server_url": "https://a", "client_id": "c"}]',
        '[{"id": "x", "server_url": "ftp://a", "client_id": "c"}]',
        '[{"id": "x", "server_url": "https://a"}]',
        '[{"id": "x", "server_url": "https://a", "client_id": "c"},'
        ' {"id": "x", "server_url": "https://b", "client_id": "d"}]',
    ],
)
def test_a_malformed_provider_list_stops_start_up(value):
    with pytest.raises(ImproperlyConfigured):
        providers_from_environment({"SIMITRA_OIDC_PROVIDERS": value})


def test_the_log_in_page_shows_a_button_per_provider(client, provider):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Masuk dengan SSO Pemprov" in page
    assert reverse("openid_connect_login", kwargs={"provider_id": "pemprov"}) in page


def test_providers_set_up_in_the_admin_are_listed_too(client, provider):
    from allauth.socialaccount.models import SocialApp

    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="dinas",
        name="SSO Dinas",
        client_id="x",
        settings={"server_url": "https://dinas.example"},
    )
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Masuk dengan SSO Pemprov" in page
    assert "Masuk dengan SSO Dinas" in page


def test_no_provider_no_buttons(client):
    assert 'id="sso"' not in client.get(reverse("accounts:login")).content.decode()


# --- the organisations' domain policy -------------------------------------------------------


def sso_member(provider_id="pemprov", email="dewi@bappeda.example.go.id"):
    user = make_user("dewi", email=email)
    organisation = make_organisation(
        "Bappeda Provinsi",
        sso_email_domains="bappeda.example.go.id, example.go.id",
        sso_provider=provider_id,
    )
    make_member(user, organisation)
    return user


def test_a_member_under_the_policy_is_refused_at_the_password_form(client, provider):
    sso_member()
    response = client.post(
        reverse("accounts:login"), {"username": "dewi", "password": "pw-for-tests"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bappeda Provinsi mewajibkan anggotanya masuk dengan SSO" in page
    assert "Masuk dengan SSO Pemprov" in page
    assert "_auth_user_id" not in client.session


def test_the_refusal_says_it_in_english_too(client, provider):
    sso_member()
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(reverse("accounts:login"), {"username": "dewi", "password": "x"})
    assert "Bappeda Provinsi logs its members in with single sign-on" in response.content.decode()


def test_the_backend_refuses_the_password_of_such_a_member(provider):
    from django.contrib.auth import authenticate

    sso_member()
    assert authenticate(username="dewi", password="pw-for-tests") is None


def test_the_policy_binds_only_its_own_domains(client, provider):
    sso_member(email="dewi@gmail.example")
    response = client.post(
        reverse("accounts:login"), {"username": "dewi", "password": "pw-for-tests"}
    )
    assert response.status_code == 302


def test_the_policy_binds_only_members(client, provider):
    make_user("dewi", email="dewi@bappeda.example.go.id")
    make_organisation("Bappeda", sso_email_domains="bappeda.example.go.id", sso_provider="pemprov")
    response = client.post(
        reverse("accounts:login"), {"username": "dewi", "password": "pw-for-tests"}
    )
    assert response.status_code == 302


def test_an_sso_session_of_such_a_member_still_loads(client, provider):
    user = sso_member()
    client.force_login(user, backend="simitra.accounts.backends.SimitraModelBackend")
    assert client.get(reverse("accounts:profile")).status_code == 200


# --- linking and first log-in -----------------------------------------------------------


def sso_request():
    request = RequestFactory().get("/akun/oidc/pemprov/login/callback/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = AnonymousUser()
    return request


def sso_log_in(sub, **claims):
    """What allauth does once the provider has answered: the claims become a social login."""
    request = sso_request()
    provider = get_adapter().get_provider(request, "pemprov")
    sociallogin = provider.sociallogin_from_response(
        request, {"userinfo": {"sub": sub, **claims}, "id_token": {"sub": sub}}
    )
    # allauth's middleware makes the request known to its adapters; here the test does.
    with context.request_context(request):
        response = complete_social_login(request, sociallogin)
    return request, response


def test_a_verified_address_logs_in_and_links_the_existing_account(provider):
    user = make_user("dewi", email="dewi@bappeda.example.go.id")
    request, response = sso_log_in("abc", email="Dewi@bappeda.example.go.id", email_verified=True)
    assert response.status_code == 302
    assert request.user == user
    assert SocialAccount.objects.get(uid="abc").user == user


def test_an_unverified_address_links_nothing(provider):
    user = make_user("dewi", email="dewi@bappeda.example.go.id")
    request, response = sso_log_in("abc", email="dewi@bappeda.example.go.id", email_verified=False)
    assert response.status_code == 403
    assert "tidak ditautkan" in response.content.decode()
    assert not request.user.is_authenticated
    assert not SocialAccount.objects.filter(user=user).exists()
    assert get_user_model().objects.count() == 1


def test_a_first_log_in_makes_an_account_without_any_access(provider, client):
    private = make_partnership(visibility=Partnership.Visibility.PRIVATE)
    request, response = sso_log_in(
        "new-1", email="budi@desa.example.id", email_verified=True, given_name="Budi"
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="budi@desa.example.id")
    assert request.user == user
    assert user.first_name == "Budi"
    assert not user.memberships.exists()
    assert not user.is_staff and not user.is_superuser
    assert not Partnership.objects.visible_to(user).filter(pk=private.pk).exists()
    client.force_login(user)
    assert client.get(private.get_absolute_url()).status_code == 404


def test_the_same_subject_logs_in_to_the_same_account_again(provider):
    sso_log_in("new-1", email="budi@desa.example.id", email_verified=True)
    request, _ = sso_log_in("new-1", email="budi@desa.example.id", email_verified=True)
    assert request.user.email == "budi@desa.example.id"
    assert get_user_model().objects.count() == 1


def test_the_log_in_page_lets_its_forms_go_on_to_the_providers(client, provider):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if "form-action" in part)
    assert "'self'" in form_action
    assert "https://sso.example.go.id" in form_action


def test_a_demo_account_is_refused_through_single_sign_on_when_demo_login_is_off(
    provider, settings
):
    make_user("koordinator", email="koordinator@demo.example", is_demo=True)
    settings.DEMO_LOGIN_ALLOWED = False
    request, response = sso_log_in("d1", email="koordinator@demo.example", email_verified=True)
    assert response.status_code == 403
    assert "Akun demo dinonaktifkan" in response.content.decode()
    assert not request.user.is_authenticated
