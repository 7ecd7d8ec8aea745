"""django-allauth's pages under /akun/: single sign-on (oidc/<provider>/login/…), the
two-factor pages (2fa/…) and re-authentication. Its own log-in and sign-up pages are not
offered: /akun/masuk/ is the one log-in, and accounts are not signed up for here."""

from django.urls import include, path
from django.views.generic import RedirectView

from . import views

to_login = RedirectView.as_view(pattern_name="accounts:login", query_string=True)

urlpatterns = [
    # The authenticator-code step under axes (views.SecondStepView), in place of allauth's.
    path("2fa/authenticate/", views.SecondStepView.as_view(), name="mfa_authenticate"),
    path("login/", to_login, name="account_login"),
    path("signup/", to_login, name="account_signup"),
    path("", include("allauth.urls")),
]
