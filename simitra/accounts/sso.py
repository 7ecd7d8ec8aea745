"""Single sign-on: the providers this site offers and the organisations' e-mail-domain policy.

An organisation may require its members whose address is at one of its domains to log in
through one provider (`Organisation.sso_email_domains`, `Organisation.sso_provider`); the
password log-in is refused for them. Only members are bound, so no organisation can shut
strangers who share a mail domain with it out of their password."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter

PROVIDER = "openid_connect"


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    # Where its log-in starts (scheme://host[:port]): a log-in form may be sent on to it.
    origin: str = ""


@dataclass(frozen=True)
class Requirement:
    organisation: str
    provider: Provider


def providers(request=None) -> list[Provider]:
    """The OpenID Connect providers configured in the environment and in the admin."""
    return [
        Provider(id=app.provider_id, name=app.name, origin=_origin(app.settings.get("server_url")))
        for app in get_adapter().list_apps(request, provider=PROVIDER)
        if app.provider_id and not app.settings.get("hidden")
    ]


def _origin(url) -> str:
    parts = urlsplit(str(url or ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} else ""


def split_domains(value: str) -> set[str]:
    return {part.strip().lower().lstrip("@") for part in value.replace(";", ",").split(",")} - {""}


def required_provider(user, request=None) -> Requirement | None:
    """The provider `user` must log in with, or None when the password log-in is open to them."""
    if not user.email or "@" not in user.email:
        return None
    domain = user.email.rsplit("@", 1)[1].lower()
    policies = user.memberships.exclude(organisation__sso_provider="").values_list(
        "organisation__name", "organisation__sso_email_domains", "organisation__sso_provider"
    )
    for organisation, domains, provider_id in policies:
        if domain in split_domains(domains):
            names = {provider.id: provider.name for provider in providers(request)}
            return Requirement(
                organisation=organisation,
                provider=Provider(id=provider_id, name=names.get(provider_id, provider_id)),
            )
    return None
