"""Writes of governance that partners make themselves, from the pages and from a device's
outbox: a decision's progress and a meeting's attendance. Each locks the row it checks, so two
writes of the same thing at the same moment take effect once."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simitra.accounts.models import User
from simitra.lib.forms import version_of
from simitra.partnerships import recompute

from .models import Attendance, Decision, Meeting


class GovernanceError(Exception):
    """The write is refused: the record's state on the server does not allow it."""


STALE_DECISION = gettext_lazy(
    "Someone changed this decision after you opened it (it is now: %(status)s). Nothing was "
    "saved: look at it again and record its progress on what it says now."
)


@transaction.atomic
def record_progress(
    *,
    decision: Decision,
    status: str,
    done_on,
    recorded_by: User,
    seen_version: str = "",
) -> Decision:
    """Set a decision's status and the day it was done (kept only when it is done). The stored
    row is locked and checked under the lock: a decision changed since `seen_version` (the
    version the user saw), or already done or dropped, is refused, so two progress reports
    sent at the same moment from one version change it once."""
    stored = Decision.objects.select_for_update().get(pk=decision.pk)
    if seen_version and seen_version != version_of(stored):
        raise GovernanceError(str(STALE_DECISION) % {"status": stored.get_status_display().lower()})
    if not stored.is_open():
        raise GovernanceError(
            _(
                "This decision is already %(status)s: its progress can no longer be recorded. "
                "The coordinator can reopen it."
            )
            % {"status": stored.get_status_display().lower()}
        )
    stored.status = status
    stored.done_on = done_on if status == Decision.Status.DONE else None
    stored._history_user = recorded_by  # the history says who, also outside a request
    stored.save(update_fields=["status", "done_on", "updated_at"])
    recompute.inputs_changed(stored.partnership_id)
    return stored


ALREADY_RECORDED = gettext_lazy("This person's attendance is already recorded.")


@transaction.atomic
def record_attendance(*, attendance: Attendance, recorded_by: User) -> Attendance:
    """Record one person's attendance at a meeting. The meeting's row is locked and the
    person looked for under the lock, so the same person sent twice at the same moment is
    recorded once."""
    meeting = Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
    attendance.person = attendance.person.strip()
    if Attendance.objects.filter(
        meeting=meeting, person__iexact=attendance.person, partner=attendance.partner
    ).exists():
        raise GovernanceError(str(ALREADY_RECORDED))
    attendance.recorded_by = recorded_by
    attendance._history_user = recorded_by
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError as error:  # the unique index, should a write pass the lock
        raise GovernanceError(str(ALREADY_RECORDED)) from error
    recompute.inputs_changed(meeting.partnership_id)
    return attendance
