"""The events of a partnership that other systems may hear about (webhooks).

The cycle apps announce what happened with `emit(...)` from their services; the announcement
is sent with the `partnership_event` signal only once the transaction commits, so an action
that is rolled back announces nothing. The webhooks app listens (it sits above the API, which
the cycle apps may not import); nothing here knows who listens.

An event names the record as the API knows it (`record_kind` is the API's basename, e.g.
"contribution" for `/api/v1/contributions/<pk>/`), so a listener can show the record as the API
shows it to each reader."""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    PHASE_CHANGED = "partnership.phase_changed", _("Partnership phase changed")
    PARTNER_CONFIRMED = "partner.confirmed", _("Partner confirmed")
    CONTRIBUTION_PLEDGED = "contribution.pledged", _("Contribution pledged")
    CONTRIBUTION_DELIVERED = "contribution.delivered", _("Contribution delivered")
    VALUE_SUBMITTED = "indicator_value.submitted", _("Indicator value submitted")
    VALUE_APPROVED = "indicator_value.approved", _("Indicator value approved")
    VALUE_RETURNED = "indicator_value.returned", _("Indicator value returned")
    AGREEMENT_SIGNED = "agreement.signed", _("MoU signed")
    RISK_RAISED = "risk.raised", _("Risk raised")
    WARNING_LEVEL_CHANGED = "warning.level_changed", _("Early-warning level changed")
    # Sent by reports.services.finalise_report; the record is the API's report.
    REPORT_FINALISED = "report.finalised", _("Report finalised")


@dataclass(frozen=True)
class Event:
    type: str
    partnership_id: int
    record_kind: str
    record_pk: int
    data: dict = field(default_factory=dict)
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    occurred_at: dt.datetime = field(default_factory=timezone.now)


# Sent with `event=Event(...)` after the action's transaction commits.
partnership_event = Signal()


def emit(
    event_type: EventType,
    *,
    partnership_id: int,
    record_kind: str,
    record_pk: int,
    data: dict | None = None,
) -> Event:
    """Announce `event_type` once the current transaction commits (at once outside one)."""
    event = Event(
        type=str(event_type),
        partnership_id=partnership_id,
        record_kind=record_kind,
        record_pk=record_pk,
        data=data or {},
    )
    # robust: a listener that fails is logged and never undoes or breaks the action itself.
    transaction.on_commit(lambda: partnership_event.send(sender=Event, event=event), robust=True)
    return event
