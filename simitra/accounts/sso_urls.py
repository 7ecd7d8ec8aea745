"""django-allauth's pages under /akun/: single sign-on (oidc/<provider>/login/…), the
two-factor pages (2fa/…) and re-authentication. Its own log-in and sign-up pages are not
offered: /akun/masuk/ is the one log-in, and accounts are not signed up for here."""

from django.urls import include, path
from django.views.generic import RedirectView

from . import views


def to(name: str):
    return RedirectView.as_view(pattern_name=name, query_string=True)


to_login = to("accounts:login")

urlpatterns = [
    # The authenticator-code step under axes (views.SecondStepView), in place of allauth's.
    path("2fa/authenticate/", views.SecondStepView.as_view(), name="mfa_authenticate"),
    path("oidc/<str:provider_id>/login/", views.provider_login, name="openid_connect_login"),
    path("login/", to_login, name="account_login"),
    path("signup/", to_login, name="account_signup"),
    # allauth's account pages that Simitra has its own of (allauth's forms link to them).
    path("password/reset/", to("accounts:password_reset"), name="account_reset_password"),
    path("password/change/", to("accounts:password_change"), name="account_change_password"),
    path("email/", to("accounts:profile"), name="account_email"),
    path("3rdparty/", to("accounts:profile"), name="socialaccount_connections"),
    path("", include("allauth.urls")),
]
