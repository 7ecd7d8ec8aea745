"""Writes of the notification centre: making notifications (each recipient asked through the
rules, each kind as the recipient prefers), marking them read, e-mailing them at once or in a
digest (one e-mail per user per day or week)."""

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from simitra.accounts.models import Membership, User
from simitra.partnerships.models import Partnership, PartnerStatus

from .conf import digest_weekday
from .models import DEFAULT_DELIVERY, Delivery, Digest, Kind, Notification, Preference

logger = logging.getLogger(__name__)


# ---- recipients ----------------------------------------------------------------------------


def coordinators_of(partnership: Partnership) -> list[User]:
    return list(partnership.coordinators.filter(is_active=True))


def representatives_of(organisation_ids: Iterable[int]) -> list[User]:
    """The active users who work for these organisations."""
    ids = {pk for pk in organisation_ids if pk}
    if not ids:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(organisation_id__in=ids).values("user_id"),
        )
    )


def members_of(partnership: Partnership) -> list[User]:
    """Coordinators and the representatives of its confirmed partners."""
    organisations = partnership.partners.filter(status=PartnerStatus.CONFIRMED).values_list(
        "organisation_id", flat=True
    )
    return coordinators_of(partnership) + representatives_of(organisations)


# ---- preferences ---------------------------------------------------------------------------


def preferences(user) -> dict[str, str]:
    """How this user wants each kind (the default for kinds never set)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY) for kind in Kind.values}


@transaction.atomic
def save_preferences(*, user, choices: dict[str, str]) -> None:
    for kind, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


# ---- making notifications ------------------------------------------------------------------


def notify(
    *,
    users: Iterable[User],
    kind: str,
    partnership: Partnership,
    url: str = "",
    params: dict | None = None,
    now: dt.datetime | None = None,
) -> list[Notification]:
    """One notification of `kind` to each of `users` who may read the partnership and has not
    turned the kind off; those who want it at once get an e-mail (by the task queue)."""
    return _make(
        users=users,
        kind=kind,
        about={"partnership": partnership},
        may_receive=lambda user: user.has_perm("notifications.receive", partnership),
        url=url,
        params=params,
        now=now,
    )


def notify_organisation(
    *,
    users: Iterable[User],
    kind: str,
    organisation_id: int,
    url: str = "",
    params: dict | None = None,
    now: dt.datetime | None = None,
) -> list[Notification]:
    """`notify` for what concerns an organisation and no partnership (a company's CSR report):
    one notification to each of `users` who works for the organisation (and has not turned the
    kind off); it shows while they still do."""

    return _make(
        users=users,
        kind=kind,
        about={"organisation_id": organisation_id},
        may_receive=lambda user: organisation_id in user.organisation_ids(),
        url=url,
        params=params,
        now=now,
    )


def _make(*, users, kind, about: dict, may_receive, url, params, now) -> list[Notification]:
    unique = {user.pk: user for user in users if user is not None and user.is_active}
    if not unique:
        return []
    chosen = dict(
        Preference.objects.filter(user_id__in=unique, kind=kind).values_list("user_id", "delivery")
    )
    rows = []
    for user in unique.values():
        delivery = chosen.get(user.pk, DEFAULT_DELIVERY)
        if delivery == Delivery.OFF:
            continue
        if not may_receive(user):
            continue
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                url=url[:300],
                params=params or {},
                created_at=now or timezone.now(),
                delivery=delivery,
                **about,
            )
        )
    created = Notification.objects.bulk_create(rows)
    immediate = [n.pk for n in created if n.delivery == Delivery.IMMEDIATE and n.recipient.email]
    if immediate:
        from .tasks import email_notification  # the task module imports this one

        for pk in immediate:
            transaction.on_commit(lambda pk=pk: email_notification.enqueue(pk), robust=True)
    return created


def mark_read(*, notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(*, user) -> int:
    return Notification.objects.shown_to(user).unread().update(read_at=timezone.now())


# ---- e-mail --------------------------------------------------------------------------------


def _absolute(url: str) -> str:
    base = settings.SITE_URL.rstrip("/")
    return f"{base}{url}" if url.startswith("/") else (url or base)


def _language(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def email_notification(notification_id: int) -> int:
    """E-mail one notification to its recipient (at most once); returns the e-mails sent."""
    notification = (
        Notification.objects.select_related("recipient", "partnership", "organisation")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return 0
    user = notification.recipient
    # Asked again: access may have gone since the notification was made.
    if not user.email or not Notification.objects.shown_to(user).filter(pk=notification.pk):
        return 0
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return 0
    with translation.override(_language(user)):
        context = {
            "user": user,
            "notification": notification,
            "url": _absolute(notification.url),
            "settings_url": _absolute(reverse("notifications:preferences")),
        }
        subject = " ".join(render_to_string("notifications/email/one_subject.txt", context).split())
        body = render_to_string("notifications/email/one_body.txt", context)
    try:
        return (
            get_connection().send_messages(
                [EmailMessage(subject=subject, body=body, to=[user.email])]
            )
            or 0
        )
    except OSError:
        logger.exception(
            "Could not e-mail notification %s; it will be tried again.", notification.pk
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise


def _digest_email(user, frequency: str, notifications: list[Notification]) -> EmailMessage:
    with translation.override(_language(user)):
        by_partnership: dict[tuple, dict] = {}
        for notification in notifications:
            group = by_partnership.setdefault(
                (notification.partnership_id, notification.organisation_id),
                {
                    "partnership": notification.partnership,
                    "subject": notification.subject,
                    "items": [],
                },
            )
            group["items"].append(
                {
                    "notification": notification,
                    "message": notification.message(),
                    "url": _absolute(notification.url),
                }
            )
        context = {
            "user": user,
            "weekly": frequency == Delivery.WEEKLY,
            "count": len(notifications),
            "groups": list(by_partnership.values()),
            "list_url": _absolute(reverse("notifications:list")),
            "settings_url": _absolute(reverse("notifications:preferences")),
        }
        subject = " ".join(
            render_to_string("notifications/email/digest_subject.txt", context).split()
        )
        body = render_to_string("notifications/email/digest_body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_digest(user, frequency: str, day: dt.date) -> int:
    """The user's digest of `day`: everything of that frequency not yet in a digest, in one
    e-mail. A second call for the same day sends nothing. Returns the e-mails sent (0 or 1)."""
    try:
        with transaction.atomic():
            digest = Digest.objects.create(recipient=user, frequency=frequency, day=day)
            pending = Notification.objects.filter(
                recipient=user, delivery=frequency, digest__isnull=True
            )
            # Claimed for this digest, also those of partnerships the user may no longer read
            # (they are left out of the e-mail and never sent).
            pending.update(digest=digest)
            shown = list(
                Notification.objects.shown_to(user)
                .filter(digest=digest)
                .select_related("partnership", "organisation")
                .order_by("partnership__title", "organisation__name", "created_at", "pk")
            )
            if not shown or not user.email:
                return 0
            digest.count = len(shown)
            digest.sent_at = timezone.now()
            digest.save(update_fields=["count", "sent_at"])
            # An e-mail that fails undoes the claim: the next run sends it.
            return get_connection().send_messages([_digest_email(user, frequency, shown)]) or 0
    except IntegrityError:  # this user's digest of the day exists: sent already
        return 0


def send_digests(*, now: dt.datetime | None = None) -> dict:
    """Tonight's digests: the daily one of everyone who has something for it, and on the
    weekly digest's day (SIMITRA_DIGEST_WEEKDAY) the weekly one."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    frequencies = [Delivery.DAILY]
    if today.weekday() == digest_weekday():
        frequencies.append(Delivery.WEEKLY)
    sent = {}
    for frequency in frequencies:
        user_ids = (
            Notification.objects.filter(delivery=frequency, digest__isnull=True)
            .values_list("recipient_id", flat=True)
            .distinct()
        )
        count = 0
        for user in User.objects.filter(pk__in=list(user_ids), is_active=True).order_by("pk"):
            try:
                count += send_digest(user, frequency, today)
            except OSError:
                logger.exception(
                    "Could not e-mail the digest of user %s; tried again next run.", user.pk
                )
        sent[str(frequency)] = count
    return sent
