"""Reads of governance data that other apps' measures take."""

from django.db.models import Count

from .models import Attendance


def meetings_attended(partnership) -> dict[int, int]:
    """Partner id → number of this partnership's meetings someone of the partner attended
    (in person or online): governance's count for the contribution balance."""
    rows = (
        Attendance.objects.filter(
            meeting__partnership=partnership,
            partner__isnull=False,
            status__in=[Attendance.Status.PRESENT, Attendance.Status.ONLINE],
        )
        .values("partner_id")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    return {row["partner_id"]: row["n"] for row in rows}
