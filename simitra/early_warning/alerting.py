"""Recomputing early warning, raising alerts when a signal crosses its threshold, and telling
the coordinators.

When it runs (the other apps cannot call upward into `early_warning`, and the project keeps
domain flow out of signals, so it is not hooked into their saves):

- after the writes that change what a signal reads: their services (the pages that save without
  one, and the API) call `simitra.partnerships.recompute.inputs_changed`, which — once the write
  commits — queues `tasks.recompute_partnership_warning` for that partnership (one waiting task
  per partnership; `tasks.request_recompute`, registered from `apps.py`);
- every night for every active partnership, by the background task `early_warning.tasks.
  recompute_all_warnings` (queued by `manage.py recompute_warnings --enqueue`, run by
  `manage.py db_worker`);
- on demand: `manage.py recompute_warnings [--code CODE]`; when a partnership is closed.

The warning panel reads the stored state only (a view writes nothing).

An alert is one crossing: raised when a signal goes from ok (or nothing) to amber or red,
escalated when it then reaches red, resolved when it reads ok again (back below its amber
threshold) or stops being watched. One open alert per partnership and signal (a database
constraint) and the recomputes of a partnership run one at a time, so a crossing raises one
alert; an alert is e-mailed once per severity it reaches (a conditional update claims it
before sending). After recovery, a new crossing raises a new alert.
"""

import hashlib
import json
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from simitra.partnerships import events
from simitra.partnerships.models import Partnership

from . import warning
from .conf import warning_thresholds
from .models import SEVERITY_RANK, Alert, PartnershipWarning, Severity
from .selectors import active_partnerships, warning_facts

logger = logging.getLogger(__name__)
BATCH = 500


@dataclass
class Recomputed:
    partnerships: int = 0
    changed: int = 0
    raised: int = 0
    escalated: int = 0
    resolved: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _queryset(partnerships):
    if isinstance(partnerships, Partnership):
        return Partnership.objects.filter(pk=partnerships.pk)
    return partnerships


def _fingerprint(result: warning.Warning, health: tuple) -> str:
    content = {"level": result.level, "signals": [s.as_dict() for s in result.signals]}
    content["health"] = health
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _health_pair(facts: warning.PartnershipFacts) -> tuple:
    if facts.health is None or not facts.health.shown:
        return (None, None)
    return (facts.health.overall, facts.health.previous)


def _store(results: dict, facts: dict, ids, now) -> int:
    """Write each partnership's state; only those that changed are rewritten."""
    known, known_levels = {}, {}
    for pk, fingerprint, level in PartnershipWarning.objects.filter(
        partnership__in=ids
    ).values_list("partnership_id", "fingerprint", "level"):
        known[pk], known_levels[pk] = fingerprint, level
    PartnershipWarning.objects.filter(partnership__in=ids).update(computed_at=now)
    rows = []
    for pk, result in results.items():
        health = _health_pair(facts[pk]["facts"])
        fingerprint = _fingerprint(result, health)
        if known.get(pk) == fingerprint:
            continue
        if pk in known_levels and known_levels[pk] != result.level:
            events.emit(
                events.EventType.WARNING_LEVEL_CHANGED,
                partnership_id=pk,
                record_kind="partnership",
                record_pk=pk,
                data={"level": result.level, "previous_level": known_levels[pk]},
            )
        rows.append(
            PartnershipWarning(
                partnership_id=pk,
                level=result.level,
                rank=warning.LEVEL_RANK[result.level],
                red_count=result.red_count,
                amber_count=result.amber_count,
                signals=[s.as_dict() for s in result.signals],
                fingerprint=fingerprint,
                health_mean=health[0],
                health_previous=health[1],
                computed_at=now,
                changed_at=now,
            )
        )
    PartnershipWarning.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["partnership"],
        update_fields=[
            "level",
            "rank",
            "red_count",
            "amber_count",
            "signals",
            "fingerprint",
            "health_mean",
            "health_previous",
            "computed_at",
            "changed_at",
        ],
    )
    return len(rows)


def _alerts(results: dict, ids, now) -> tuple[list[Alert], list[Alert], list[Alert]]:
    """Raise, escalate and resolve alerts from the signals just computed."""
    open_alerts = {
        (alert.partnership_id, alert.signal): alert
        for alert in Alert.objects.open().filter(partnership__in=ids)
    }
    new, escalated, resolved = [], [], []
    for pk, result in results.items():
        signals = {signal.code: signal for signal in result.signals}
        for code in warning.SIGNALS:
            signal, alert = signals.get(code), open_alerts.get((pk, code))
            if signal is not None and signal.raised:
                if alert is None:
                    new.append(
                        Alert(
                            partnership_id=pk,
                            signal=code,
                            severity=signal.state,
                            value=signal.value,
                            details=signal.as_dict(),
                            raised_at=now,
                        )
                    )
                elif SEVERITY_RANK[signal.state] > SEVERITY_RANK[alert.severity]:
                    alert.severity = signal.state
                    alert.value = signal.value
                    alert.details = signal.as_dict()
                    alert.escalated_at = now
                    escalated.append(alert)
            elif alert is not None and (signal is None or signal.state == warning.OK):
                # Back below the threshold, or no longer watched in this phase. A signal whose
                # data has gone (absent) has not recovered: its alert stays open.
                alert.resolved_at = now
                resolved.append(alert)
    if new:
        bulk_create_with_history(new, Alert, batch_size=BATCH)
    if escalated:
        bulk_update_with_history(
            escalated, Alert, ["severity", "value", "details", "escalated_at"], batch_size=BATCH
        )
    if resolved:
        bulk_update_with_history(resolved, Alert, ["resolved_at"], batch_size=BATCH)
    return new, escalated, resolved


def _resolve_ended(partnerships, now) -> int:
    """Resolve the open alerts of partnerships that have ended (they are no longer watched)."""
    ended = list(
        Alert.objects.open().filter(
            partnership__in=partnerships.exclude(status=Partnership.Status.ACTIVE).values("pk")
        )
    )
    for alert in ended:
        alert.resolved_at = now
    if ended:
        bulk_update_with_history(ended, Alert, ["resolved_at"], batch_size=BATCH)
    return len(ended)


def recompute_warnings(partnerships=None, *, now=None, notify: bool = True) -> Recomputed:
    """Recompute the early warning of `partnerships` (one partnership, a queryset, or None for
    all), store it, raise and resolve alerts, and — after the transaction commits — e-mail the
    coordinators about new and escalated alerts. Closed partnerships are skipped (their open
    alerts are resolved). The number of queries does not depend on the number of partnerships
    (writes only for those whose warning changed, in batches)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    thresholds = warning_thresholds()
    given = _queryset(partnerships)
    given = Partnership.objects.all() if given is None else given
    watched = active_partnerships(given)
    summary = Recomputed()
    with transaction.atomic():
        summary.resolved = _resolve_ended(given, now)
        # One recompute of a partnership at a time (PostgreSQL row locks that do not block
        # records pointing to the partnership; SQLite writes one transaction at a time anyway).
        locked = list(watched.select_for_update(no_key=True).order_by("pk").values_list("pk"))
        if not locked:
            return summary
        ids = watched.values("pk")
        facts = warning_facts(watched, now)
        results = {
            pk: warning.assess(item["facts"], today, thresholds) for pk, item in facts.items()
        }
        summary.partnerships = len(results)
        summary.changed = _store(results, facts, ids, now)
        new, escalated, resolved = _alerts(results, ids, now)
        summary.raised, summary.escalated = len(new), len(escalated)
        summary.resolved += len(resolved)
        if notify and (new or escalated):
            transaction.on_commit(lambda: notify_alerts(now))
    return summary


def recompute_all_warnings(*, now=None) -> dict:
    """The nightly run: every active partnership (open alerts of those that have ended are
    resolved), then the alerts whose e-mail failed earlier are sent again."""
    now = now or timezone.now()
    result = recompute_warnings(None, now=now, notify=False).as_dict()
    result["emails"] = notify_alerts()
    return result


def _recipients(partnership_ids) -> dict[int, list]:
    through = Partnership.coordinators.through
    recipients: dict[int, list] = {}
    for row in through.objects.filter(partnership_id__in=partnership_ids).select_related("user"):
        if row.user.is_active and row.user.email:
            recipients.setdefault(row.partnership_id, []).append(row.user)
    return recipients


def _email(alert: Alert, user) -> EmailMessage:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "alert": alert,
            "partnership": alert.partnership,
            "user": user,
            "escalated": alert.escalated_at is not None,
            "url": settings.SITE_URL.rstrip("/")
            + reverse("early_warning:warning", args=[alert.partnership.code]),
        }
        subject = " ".join(
            render_to_string("early_warning/email/alert_subject.txt", context).split()
        )
        body = render_to_string("early_warning/email/alert_body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def _has_recipient():
    return Exists(
        Partnership.coordinators.through.objects.filter(
            partnership_id=OuterRef("partnership_id"), user__is_active=True
        ).exclude(user__email="")
    )


def notify_alerts(moment=None) -> int:
    """E-mail the coordinators about open alerts not yet e-mailed at their severity: those
    raised or turned red at `moment` (one recompute), or all of them. Returns the number of
    e-mails sent."""
    pending = Alert.objects.open().exclude(notified_severity=F("severity"))
    if moment is not None:
        pending = pending.filter(Q(raised_at=moment) | Q(escalated_at=moment))
    # Nobody to tell (no coordinator with an e-mail address): marked as told, in one update
    # per severity, however many alerts.
    for severity in (Severity.AMBER, Severity.RED):
        pending.filter(~_has_recipient(), severity=severity).update(
            notified_severity=severity, notified_at=timezone.now()
        )
    pending = list(pending.select_related("partnership").order_by("pk"))
    if not pending:
        return 0
    recipients = _recipients({alert.partnership_id for alert in pending})
    sent = 0
    for alert in pending:
        # Claim the alert first: whoever updates the row sends the e-mail, nobody else.
        claimed = Alert.objects.filter(
            pk=alert.pk, notified_severity=alert.notified_severity
        ).update(notified_severity=alert.severity, notified_at=timezone.now())
        if not claimed:
            continue
        messages = [_email(alert, user) for user in recipients.get(alert.partnership_id, [])]
        try:
            sent += get_connection().send_messages(messages) or 0
        except OSError:
            logger.exception("Could not e-mail alert %s; it will be tried again.", alert.pk)
            Alert.objects.filter(pk=alert.pk).update(
                notified_severity=alert.notified_severity, notified_at=alert.notified_at
            )
    return sent


@transaction.atomic
def acknowledge_alert(*, alert: Alert, acknowledged_by) -> Alert:
    """A coordinator has seen the alert (acknowledging twice keeps the first)."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.acknowledged_at is None:
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = acknowledged_by
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert
