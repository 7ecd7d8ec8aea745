"""Writes of the webhooks: subscribing, pausing, the sending of one delivery and its retries,
resending."""

import datetime as dt
import json
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.accounts.rules import can_read_private
from simitra.partnerships.models import Partnership

from . import conf, records, signing, transport
from .models import Delivery, Subscription
from .rules import can_subscribe
from .targets import TargetRefused, check_url

logger = logging.getLogger(__name__)
Status = Delivery.Status


class ResendRefused(Exception):
    pass


@transaction.atomic
def create_subscription(*, subscription: Subscription, partnership: Partnership, owner: User):
    subscription.partnership, subscription.owner = partnership, owner
    subscription.save()
    return subscription


@transaction.atomic
def pause_subscription(*, subscription: Subscription) -> Subscription:
    subscription.status = Subscription.Status.PAUSED
    subscription.paused_at, subscription.paused_by_failures = timezone.now(), False
    subscription.save(update_fields=["status", "paused_at", "paused_by_failures", "updated_at"])
    return subscription


@transaction.atomic
def resume_subscription(*, subscription: Subscription) -> Subscription:
    subscription.status = Subscription.Status.ACTIVE
    subscription.paused_at, subscription.paused_by_failures = None, False
    subscription.consecutive_failures = 0
    subscription.save(
        update_fields=[
            "status",
            "paused_at",
            "paused_by_failures",
            "consecutive_failures",
            "updated_at",
        ]
    )
    return subscription


def enqueue(delivery: Delivery, *, run_after: dt.datetime | None = None) -> None:
    from .tasks import deliver  # the task module imports this one

    task = deliver.using(run_after=run_after) if run_after else deliver
    pk = delivery.pk
    transaction.on_commit(lambda: task.enqueue(pk))


@transaction.atomic
def resend(*, delivery: Delivery) -> Delivery:
    """A new delivery of a past one's body (the same bytes; a new signature time)."""
    subscription = delivery.subscription
    if not subscription.is_active:
        raise ResendRefused(_("Resume the subscription first; a paused one sends nothing."))
    if not delivery.body:
        raise ResendRefused(_("This delivery was never sent, so there is nothing to send again."))
    copy = Delivery.objects.create(
        subscription=subscription,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        record_kind=delivery.record_kind,
        record_pk=delivery.record_pk,
        event_data=delivery.event_data,
        occurred_at=delivery.occurred_at,
        body=delivery.body,
        resent_from=delivery,
    )
    enqueue(copy)
    return copy


def body_for(delivery: Delivery, user: User) -> str | None:
    """The JSON of the event as `user` may read it, or None when the API shows them nothing."""
    record = records.record_as_seen_by(user, delivery.record_kind, delivery.record_pk)
    if record is None:
        return None
    content = {
        "id": str(delivery.event_id),
        "type": delivery.event_type,
        "time": delivery.occurred_at.isoformat(),
        "partnership": delivery.subscription.partnership.code,
        "data": delivery.event_data,
        "record": record,
    }
    return json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def _may_receive(subscription: Subscription) -> bool:
    owner, partnership = subscription.owner, subscription.partnership
    return bool(
        owner.is_active
        and can_subscribe(owner, partnership)
        and can_read_private(owner, partnership)
    )


def _finish(delivery: Delivery, **fields) -> None:
    for name, value in fields.items():
        setattr(delivery, name, value)
    delivery.save(update_fields=list(fields))


def deliver(delivery_id: int) -> str:
    try:
        return _deliver(delivery_id)
    except Exception:
        # Never left "sending": the log shows it failed, and a resend can try again.
        logger.exception("Webhook delivery %s failed unexpectedly", delivery_id)
        Delivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
            status=Status.FAILED, error=Delivery.Problem.INTERNAL
        )
        return Status.FAILED


def _deliver(delivery_id: int) -> str:
    """One try of a delivery (the task runs this): check that the owner may still read the
    record, build the body on the first try, sign and POST it; on failure schedule the next
    try (waits double) or, past the last try, count a failed delivery, which pauses the
    subscription after too many in a row. Returns the delivery's status."""
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=[Status.PENDING, Status.RETRYING]
    ).update(status=Status.SENDING)
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related(
        "subscription__owner", "subscription__partnership"
    ).get(pk=delivery_id)
    subscription = delivery.subscription
    now = timezone.now()
    if not subscription.is_active:
        _finish(delivery, status=Status.FAILED, error=Delivery.Problem.PAUSED)
        return delivery.status
    if not _may_receive(subscription):
        _finish(delivery, status=Status.WITHHELD, error=Delivery.Problem.NO_ACCESS)
        return delivery.status
    if not delivery.body:
        body = body_for(delivery, subscription.owner)
        if body is None:
            _finish(delivery, status=Status.WITHHELD, error=Delivery.Problem.NO_ACCESS)
            return delivery.status
        delivery.body = body
    delivery.attempts += 1
    delivery.last_attempt_at = now
    code, error, detail, retry = _post(subscription, delivery)
    delivery.response_code, delivery.error, delivery.error_detail = code, error, detail[:300]
    fields = ["body", "attempts", "last_attempt_at", "response_code", "error", "error_detail"]
    fields += ["status", "next_attempt_at"]
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            Status.DELIVERED,
            now,
            None,
        )
        delivery.save(update_fields=[*fields, "delivered_at"])
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
    elif retry and delivery.attempts < conf.max_attempts():
        wait = conf.retry_seconds() * 2 ** (delivery.attempts - 1)
        delivery.status = Status.RETRYING
        delivery.next_attempt_at = now + dt.timedelta(seconds=wait)
        with transaction.atomic():
            delivery.save(update_fields=fields)
            enqueue(delivery, run_after=delivery.next_attempt_at)
    else:
        delivery.status, delivery.next_attempt_at = Status.FAILED, None
        delivery.save(update_fields=fields)
        _count_failure(subscription)
    return delivery.status


def _post(subscription: Subscription, delivery: Delivery) -> tuple[int | None, str, str, bool]:
    """(response code, problem, its detail, worth retrying)."""
    body = delivery.body.encode()
    try:
        check_url(subscription.url)
    except TargetRefused as refusal:
        return None, Delivery.Problem.TARGET, refusal.reason, False
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Simitra-Webhooks/1",
        "Simitra-Event": delivery.event_type,
        "Simitra-Delivery": str(delivery.pk),
        signing.HEADER: signing.header_value(subscription.secret, int(time.time()), body),
    }
    try:
        code = transport.post(subscription.url, body, headers, timeout=conf.timeout_seconds())
    except TargetRefused as refusal:
        return None, Delivery.Problem.TARGET, refusal.reason, False
    except (OSError, transport.client_errors) as failure:
        return None, Delivery.Problem.CONNECTION, f"{type(failure).__name__}: {failure}", True
    if 200 <= code < 300:
        return code, "", "", True
    return code, Delivery.Problem.RESPONSE, "", True


def _count_failure(subscription: Subscription) -> None:
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(
            consecutive_failures=F("consecutive_failures") + 1
        )
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if not locked.is_active or locked.consecutive_failures < conf.pause_after():
            return
        locked.status = Subscription.Status.PAUSED
        locked.paused_at, locked.paused_by_failures = timezone.now(), True
        locked.save(update_fields=["status", "paused_at", "paused_by_failures", "updated_at"])
        transaction.on_commit(lambda: _tell_owner(locked))


def _tell_owner(subscription: Subscription) -> None:
    owner = subscription.owner
    if not owner.email:
        return
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        context = {
            "subscription": subscription,
            "host": urlsplit(subscription.url).hostname,
            "failures": subscription.consecutive_failures,
            "link": settings.SITE_URL.rstrip("/") + subscription.get_absolute_url(),
        }
        send_mail(
            _("Webhook paused: %(host)s") % {"host": context["host"]},
            render_to_string("webhooks/paused_email.txt", context),
            None,
            [owner.email],
        )
