"""Personal API tokens (simitra.accounts.models.ApiToken) as the API's credentials.

`Authorization: Token <key>` or `Authorization: Bearer <key>`. A revoked or expired token, an
inactive user's, or — like the log-in page — a demo account's on a production server is
refused with 401; a read-only token may only read (403 on any other method)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from simitra.accounts.models import ApiToken

KEYWORDS = (b"token", b"bearer")


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key after the word Token or Bearer, separated by one space.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This token is not known.")) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not known."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.is_expired():
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("This token's user is inactive."))
        if user.is_demo and not settings.DEMO_LOGIN_ALLOWED:
            raise exceptions.AuthenticationFailed(_("Demo accounts cannot use the API here."))
        token.record_use()
        return user, token

    def authenticate_header(self, request) -> str:
        return "Token"


class TokenScope(permissions.BasePermission):
    """A read-only token reads: any unsafe method is refused, whatever the user may do."""

    message = _("This token is read-only: it cannot change anything.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        return not (
            isinstance(token, ApiToken)
            and token.is_read_only
            and request.method not in permissions.SAFE_METHODS
        )


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's security schemes: the same personal token under either header form."""

    target_class = "simitra.api.authentication.TokenAuthentication"
    name = ["tokenAuth", "bearerAuth"]
    priority = 1

    def get_security_requirement(self, auto_schema):
        return [{"tokenAuth": []}, {"bearerAuth": []}]  # either one, not both

    def get_security_definition(self, auto_schema):
        described = (
            "A personal API token, created on the profile page (shown once). Read-only "
            "tokens get 403 on any method but GET, HEAD and OPTIONS; a revoked or expired "
            "token gets 401."
        )
        return [
            {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": f'{described} Sent as "Token <key>".',
            },
            {"type": "http", "scheme": "bearer", "description": f"{described} Sent as a bearer."},
        ]
