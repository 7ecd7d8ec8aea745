"""Writes of the results framework that carry rules: the joint agreement on the indicator set
and the approval flow of values."""

import datetime as dt
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.lib.dates import add_months
from simitra.partnerships import events, recompute
from simitra.partnerships.models import Partner, Partnership

from .models import FrameworkApproval, FrameworkProposal, Indicator, IndicatorValue, Period


class FlowError(Exception):
    """A step the rules of the flow do not allow now; the message says why."""


# --- the joint agreement on the indicator set -------------------------------------------------


def framework_snapshot(partnership: Partnership) -> dict:
    """The indicator set as partners agree to it: results, indicators and their targets."""
    indicators = (
        Indicator.objects.filter(partnership=partnership)
        .select_related("result", "responsible_partner__organisation")
        .prefetch_related("periods", "dimensions")
        .order_by("result__order", "result_id", "order", "pk")
    )
    items = []
    for indicator in indicators:
        items.append(
            {
                "id": indicator.pk,
                "result": indicator.result.title,
                "type": indicator.type,
                "title": indicator.title,
                "definition": indicator.definition,
                "unit": indicator.unit,
                "measure": indicator.measure,
                "direction": indicator.direction,
                "frequency": indicator.frequency,
                "baseline": str(indicator.baseline_value)
                if indicator.baseline_value is not None
                else None,
                "baseline_date": indicator.baseline_date.isoformat()
                if indicator.baseline_date
                else None,
                "code": indicator.code,
                "means_of_verification": indicator.means_of_verification,
                "responsible": indicator.responsible_partner.organisation.name,
                "disaggregations": sorted(d.name for d in indicator.dimensions.all()),
                "periods": [
                    {
                        "start": p.start.isoformat(),
                        "end": p.end.isoformat(),
                        "target": str(p.target) if p.target is not None else None,
                        "target_text": p.target_text,
                    }
                    for p in sorted(indicator.periods.all(), key=lambda p: p.start)
                ],
            }
        )
    return {"indicators": items}


def fingerprint(snapshot: dict) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True).encode()).hexdigest()


def live_proposal(partnership: Partnership) -> FrameworkProposal | None:
    return (
        FrameworkProposal.objects.filter(partnership=partnership, superseded_at__isnull=True)
        .select_related("proposed_by")
        .first()
    )


@transaction.atomic
def propose_framework(*, partnership: Partnership, proposed_by: User) -> FrameworkProposal:
    """Put the current indicator set to every confirmed partner (a new version)."""
    snapshot = framework_snapshot(partnership)
    if not snapshot["indicators"]:
        raise FlowError(_("Add at least one indicator before proposing the set."))
    current = live_proposal(partnership)
    digest = fingerprint(snapshot)
    if current and current.fingerprint == digest:
        raise FlowError(_("This indicator set is already proposed; nothing has changed since."))
    if current:
        _supersede(current, _("A new version was proposed."))
    last = FrameworkProposal.objects.filter(partnership=partnership).order_by("-version").first()
    return FrameworkProposal.objects.create(
        partnership=partnership,
        version=(last.version + 1) if last else 1,
        snapshot=snapshot,
        fingerprint=digest,
        proposed_by=proposed_by,
    )


def _supersede(proposal: FrameworkProposal, reason: str) -> None:
    proposal.superseded_at = timezone.now()
    proposal.superseded_reason = reason[:250]
    proposal.save(update_fields=["superseded_at", "superseded_reason"])


def framework_changed(*, partnership: Partnership) -> bool:
    """Call after any change to results, indicators or targets: when the set no longer is
    what the partners approved, the live proposal is superseded and approval starts again.
    Returns whether an agreement was reset."""
    recompute.inputs_changed(partnership.pk)  # indicators and targets feed the early warning
    current = live_proposal(partnership)
    if current is None or current.fingerprint == fingerprint(framework_snapshot(partnership)):
        return False
    _supersede(current, _("The indicator set changed after it was proposed."))
    return True


@transaction.atomic
def approve_framework(
    *, proposal: FrameworkProposal, partner: Partner, approved_by: User
) -> FrameworkApproval:
    """Record the approval of the proposal by one partner, for which this user acts: a user
    of two partner organisations approves for each one separately (one row each, naming who
    approved for which). Who may act for the partner is the caller's rule to ask
    (`results.approve_framework_for`)."""
    proposal = FrameworkProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_live:
        raise FlowError(_("This version has been superseded; approve the current one."))
    if framework_changed(partnership=proposal.partnership):
        raise FlowError(
            _("The indicator set changed after it was proposed; the coordinator proposes it again.")
        )
    if partner.partnership_id != proposal.partnership_id or partner.status != "confirmed":
        raise FlowError(_("Only confirmed partners approve the indicator set."))
    if proposal.approvals.filter(partner=partner).exists():
        raise FlowError(
            _("%(organisation)s has already approved this version.")
            % {"organisation": partner.organisation.name}
        )
    return FrameworkApproval.objects.create(
        proposal=proposal, partner=partner, approved_by=approved_by
    )


def agreement_status(partnership: Partnership) -> dict:
    """Where the joint agreement stands: the live proposal, who approved, who has not."""
    proposal = live_proposal(partnership)
    partners = list(partnership.confirmed_partners().order_by("organisation__name"))
    approvals = {}
    if proposal:
        approvals = {
            a.partner_id: a for a in proposal.approvals.select_related("approved_by").all()
        }
    missing = [p for p in partners if p.pk not in approvals]
    rows = [{"partner": p, "approval": approvals.get(p.pk)} for p in partners]
    return {
        "proposal": proposal,
        "rows": rows,
        "missing": missing,
        "agreed": bool(proposal) and not missing and bool(partners),
    }


# --- periods and targets ---------------------------------------------------------------------

MONTHS = {
    Indicator.Frequency.MONTHLY: 1,
    Indicator.Frequency.QUARTERLY: 3,
    Indicator.Frequency.YEARLY: 12,
}


@transaction.atomic
def add_periods(*, indicator: Indicator, first_start: dt.date, count: int) -> list[Period]:
    """`count` consecutive periods of the indicator's frequency from `first_start`; periods
    that would overlap existing ones are refused."""
    months = MONTHS[indicator.frequency]
    new = []
    try:
        for n in range(count):
            start = add_months(first_start, months * n)
            end = add_months(first_start, months * (n + 1)) - dt.timedelta(days=1)
            new.append(Period(indicator=indicator, start=start, end=end))
    except (ValueError, OverflowError):
        raise FlowError(
            _("These periods would end after the last date that can be recorded.")
        ) from None
    for period in new:
        if indicator.periods.filter(start__lte=period.end, end__gte=period.start).exists():
            raise FlowError(
                _("A period from %(start)s to %(end)s overlaps an existing period.")
                % {"start": period.start, "end": period.end}
            )
    Period.objects.bulk_create(new)
    framework_changed(partnership=indicator.partnership)
    return new


# --- the approval flow of values ---------------------------------------------------------------


# What only the approval flow writes: an edit of a value keeps them as they are stored.
_FLOW_FIELDS = (
    "status",
    "return_reason",
    "submitted_by_id",
    "submitted_at",
    "reviewed_by_id",
    "reviewed_at",
)


def _lock_open_periods(*period_ids: int) -> None:
    """Lock the periods and refuse when one is closed: a value and the closing of its period
    never pass each other. Locks are taken in one order everywhere — the value first (the edit
    pages and the API lock it before they save), then its periods by key — so that two writers
    never wait on each other; the closing locks only the period and reads its values."""
    for period in Period.objects.select_for_update().filter(pk__in=set(period_ids)).order_by("pk"):
        if period.is_closed:
            raise FlowError(str(Period.CLOSED_MESSAGE))


@transaction.atomic
def close_period(*, period: Period, closed_by: User) -> Period:
    """Close a period once its values are reviewed: it then takes no new value, and its values
    are neither changed nor submitted until it is reopened."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise FlowError(_("This period is already closed."))
    if period.values.filter(status=IndicatorValue.Status.SUBMITTED).exists():
        raise FlowError(
            _("Values of this period wait for review: approve or return them before closing it.")
        )
    period.closed_at, period.closed_by = timezone.now(), closed_by
    period.save(update_fields=["closed_at", "closed_by"])
    return period


@transaction.atomic
def reopen_period(*, period: Period) -> Period:
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        raise FlowError(_("This period is open."))
    period.closed_at, period.closed_by = None, None
    period.save(update_fields=["closed_at", "closed_by"])
    return period


@transaction.atomic
def save_value(*, value: IndicatorValue, indicator: Indicator, entered_by: User) -> IndicatorValue:
    """Save a draft (or returned) value. The stored row is locked and its state checked under
    the lock, and an edit never writes the flow's fields: an edit racing a submission either
    comes first (and is submitted) or is refused, never undoes the submission. Its period (and
    the one it moves from) is locked after the value and must be open."""
    if value.period.indicator_id != indicator.pk:
        raise FlowError(_("This period is not one of the indicator's periods."))
    periods = [value.period_id]
    if value.pk:
        stored = IndicatorValue.objects.select_for_update().get(pk=value.pk)
        periods.append(stored.period_id)  # the period it moves from, if it moves
        _lock_open_periods(*periods)
        if not stored.is_editable:
            raise FlowError(_("A submitted or approved value cannot be changed."))
        for field in _FLOW_FIELDS:
            setattr(value, field, getattr(stored, field))
    else:
        _lock_open_periods(*periods)
    value.entered_by = entered_by
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as error:  # another member saved this period's value at the same time
        raise FlowError(_("This period already has a value; open it to change it.")) from error
    return value


def _announce(event_type: events.EventType, value: IndicatorValue) -> None:
    """A step of the flow: announced, and the early warning asked to recompute (it reads the
    approved values and when partners last submitted)."""
    partnership_id = (
        Indicator.objects.filter(periods=value.period_id)
        .values_list("partnership_id", flat=True)
        .get()
    )
    recompute.inputs_changed(partnership_id)
    events.emit(
        event_type,
        partnership_id=partnership_id,
        record_kind="indicator-value",
        record_pk=value.pk,
    )


@transaction.atomic
def submit_value(*, value: IndicatorValue, submitted_by: User) -> IndicatorValue:
    value = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    _lock_open_periods(value.period_id)
    if not value.is_editable:
        raise FlowError(_("Only a draft or returned value can be submitted."))
    value.status = IndicatorValue.Status.SUBMITTED
    value.submitted_by, value.submitted_at = submitted_by, timezone.now()
    value.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    _announce(events.EventType.VALUE_SUBMITTED, value)
    return value


@transaction.atomic
def approve_value(*, value: IndicatorValue, reviewed_by: User) -> IndicatorValue:
    value = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    if value.status != IndicatorValue.Status.SUBMITTED:
        raise FlowError(_("Only a submitted value can be approved."))
    value.status = IndicatorValue.Status.APPROVED
    value.return_reason = ""
    value.reviewed_by, value.reviewed_at = reviewed_by, timezone.now()
    value.save(
        update_fields=["status", "return_reason", "reviewed_by", "reviewed_at", "updated_at"]
    )
    _announce(events.EventType.VALUE_APPROVED, value)
    return value


@transaction.atomic
def return_value(*, value: IndicatorValue, reviewed_by: User, reason: str) -> IndicatorValue:
    reason = reason.strip()
    if not reason:
        raise FlowError(_("Say why the value is returned."))
    value = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    if value.status != IndicatorValue.Status.SUBMITTED:
        raise FlowError(_("Only a submitted value can be returned."))
    value.status = IndicatorValue.Status.RETURNED
    value.return_reason = reason
    value.reviewed_by, value.reviewed_at = reviewed_by, timezone.now()
    value.save(
        update_fields=["status", "return_reason", "reviewed_by", "reviewed_at", "updated_at"]
    )
    _announce(events.EventType.VALUE_RETURNED, value)
    return value
