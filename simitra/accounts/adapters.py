"""How django-allauth fits Simitra's accounts: no local sign-up, our own log-in page, the
password back-end for the session, and new single sign-on accounts without any access."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from simitra.lib.views import refused

SESSION_BACKEND = "simitra.accounts.backends.SimitraModelBackend"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts come from an invitation, an admin, or a first single sign-on (below).
        return False

    def login(self, request, user) -> None:
        # The session remembers the back-end that loads the user on later requests; without
        # one set, allauth would take the first in AUTHENTICATION_BACKENDS (axes', which loads
        # nobody).
        if not hasattr(user, "backend"):
            user.backend = SESSION_BACKEND
        super().login(request, user)

    def pre_login(self, request, user, **kwargs):
        # Demo accounts stay shut on production servers whichever way one logs in (the
        # password back-end refuses them; a provider vouching for their address must too).
        if getattr(user, "is_demo", False) and not settings.DEMO_LOGIN_ALLOWED:
            return refused(
                request,
                _("Demo accounts are switched off on this server."),
                reverse("accounts:login"),
                status=403,
            )
        return super().pre_login(request, user, **kwargs)

    def add_message(self, request, level, message_template=None, *args, **kwargs) -> None:
        # Simitra says nothing on a successful log-in or log-out; allauth's other messages
        # (two-factor set up, codes generated, …) stay.
        if message_template in {
            "account/messages/logged_in.txt",
            "account/messages/logged_out.txt",
        }:
            return
        super().add_message(request, level, message_template, *args, **kwargs)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # A person an identity provider vouches for gets an account on the first log-in: it
        # belongs to no organisation, so it sees only what is public until an organisation
        # admin adds them.
        return True

    def pre_social_login(self, request, sociallogin) -> None:
        # allauth has already linked a verified address to its account (EMAIL_AUTHENTICATION).
        # An address the provider has not verified links nothing: whoever controls the
        # provider's account could otherwise take over the local one with that address.
        if sociallogin.is_existing:
            return
        addresses = [address.email for address in sociallogin.email_addresses if address.email]
        taken = any(
            get_user_model().objects.filter(email__iexact=address).exists() for address in addresses
        )
        if taken:
            raise ImmediateHttpResponse(render(request, "accounts/sso_refused.html", status=403))
