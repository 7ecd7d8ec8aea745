"""Single sign-on providers (OpenID Connect) read from the environment, in the form allauth's
`SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]` takes.

SIMITRA_OIDC_PROVIDERS is a JSON list, one object per provider:

    [{"id": "pemprov", "name": "SSO Pemprov", "server_url": "https://sso.example.go.id/realms/x",
      "client_id": "simitra"}]

`server_url` is the issuer (`issuer` is accepted too). Each provider's client secret is never in
that list but in its own variable, SIMITRA_OIDC_SECRET_<ID> (the id in capitals, anything but
letters and digits as `_`): SIMITRA_OIDC_SECRET_PEMPROV above.
"""

import json
import re
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

PROVIDERS_VARIABLE = "SIMITRA_OIDC_PROVIDERS"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def secret_variable(provider_id: str) -> str:
    return "SIMITRA_OIDC_SECRET_" + re.sub(r"[^A-Z0-9]", "_", provider_id.upper())


def providers_from_environment(environ: Mapping[str, str]) -> list[dict]:
    """The providers SIMITRA_OIDC_PROVIDERS names, as allauth apps; a malformed entry stops
    start-up with what is wrong (a deployment should not run with half its log-ins missing)."""
    raw = environ.get(PROVIDERS_VARIABLE, "").strip()
    if not raw:
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{PROVIDERS_VARIABLE} is not valid JSON: {error}") from error
    if not isinstance(entries, list):
        raise ImproperlyConfigured(f"{PROVIDERS_VARIABLE} must be a JSON list of providers.")
    apps, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        where = f"{PROVIDERS_VARIABLE}[{number}]"
        if not isinstance(entry, dict):
            raise ImproperlyConfigured(f"{where} must be an object.")
        provider_id = str(entry.get("id", "")).strip()
        server_url = str(entry.get("server_url") or entry.get("issuer") or "").strip()
        client_id = str(entry.get("client_id", "")).strip()
        if not _ID.match(provider_id):
            raise ImproperlyConfigured(
                f"{where}: id must be lower-case letters, digits, '-' or '_' (got {provider_id!r})."
            )
        if provider_id in seen:
            raise ImproperlyConfigured(f"{where}: the id {provider_id!r} is used twice.")
        if not server_url.startswith(("https://", "http://")):
            raise ImproperlyConfigured(f"{where}: server_url (the issuer) must be an http(s) URL.")
        if not client_id:
            raise ImproperlyConfigured(f"{where}: client_id is missing.")
        seen.add(provider_id)
        apps.append(
            {
                "provider_id": provider_id,
                "name": str(entry.get("name") or provider_id),
                "client_id": client_id,
                "secret": environ.get(secret_variable(provider_id), ""),
                "settings": {"server_url": server_url},
            }
        )
    return apps
