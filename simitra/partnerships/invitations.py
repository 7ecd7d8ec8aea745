"""The invitation's e-mails and the signed link that lets someone without an account join the
invited organisation and answer for it.

The link carries the partner and the e-mail address it was sent to, signed with the site's
secret and valid for `TOKEN_DAYS` days; the account it creates has that address, so one link
makes one account."""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Partner, PartnerStatus

logger = logging.getLogger(__name__)

TOKEN_DAYS = 30
_SALT = "simitra.partnerships.invitation"


class InvalidToken(Exception):
    pass


def make_token(partner: Partner, address: str) -> str:
    return signing.dumps({"partner": partner.pk, "email": address.strip().lower()}, salt=_SALT)


def read_token(token: str) -> tuple[int, str]:
    """The partner id and e-mail address a link was made for; `InvalidToken` when the link
    was altered, is not one of ours, or is older than `TOKEN_DAYS` days."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_DAYS * 24 * 3600)
        return int(data["partner"]), str(data["email"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _message(partner: Partner, to: str, language: str, context: dict) -> EmailMessage:
    with translation.override(language):
        context = {"partner": partner, "partnership": partner.partnership, **context}
        subject = " ".join(
            render_to_string("partnerships/email/invitation_subject.txt", context).split()
        )
        body = render_to_string("partnerships/email/invitation_body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])


def invitation_messages(partner: Partner, addresses: list[str]) -> list[EmailMessage]:
    """One e-mail per active member of the invited organisation with an address (in their
    language), and one per address given, with a link to join (in the default language)."""
    answer_url = _absolute(reverse("partnerships:invitation", args=[partner.partnership.code]))
    members = partner.organisation.memberships.select_related("user").filter(user__is_active=True)
    messages, known = [], set()
    for membership in members:
        user = membership.user
        if user.email:
            known.add(user.email.lower())
            messages.append(
                _message(
                    partner,
                    user.email,
                    user.language or settings.LANGUAGE_CODE,
                    {"name": user.display_name, "url": answer_url, "joining": False},
                )
            )
    for address in addresses:
        if address.lower() in known:
            continue
        url = _absolute(
            reverse("partnerships:invitation_join", args=[make_token(partner, address)])
        )
        messages.append(
            _message(partner, address, settings.LANGUAGE_CODE, {"url": url, "joining": True})
        )
    return messages


def send_invitation_emails(partner_id: int, addresses: list[str]) -> int:
    partner = (
        Partner.objects.select_related("partnership", "organisation").filter(pk=partner_id).first()
    )
    if partner is None or partner.status != PartnerStatus.INVITED:
        return 0  # answered or withdrawn before the queue got to it: nothing to tell
    messages = invitation_messages(partner, addresses)
    try:
        return get_connection().send_messages(messages) or 0
    except OSError:
        logger.exception("Could not e-mail the invitation of partner %s.", partner_id)
        raise
