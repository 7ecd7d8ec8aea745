"""The Reviewing gate's health-check check: a completed health-check round."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .models import HealthCheckRound


@gates.check(Phase.REVIEWING, "health_check_completed", order=10)
def has_completed_health_check(partnership) -> gates.Check:
    rounds = list(
        HealthCheckRound.objects.filter(partnership=partnership).values_list(
            "completed", "closed_at"
        )
    )
    completed = sum(1 for done, _closed in rounds if done)
    if completed:
        now = ngettext(
            "now %(count)d completed round", "now %(count)d completed rounds", completed
        ) % {"count": completed}
    elif any(closed is None for _done, closed in rounds):
        now = _("now a round is open")
    elif rounds:
        now = _("now no round is completed: a partner did not answer before closing")
    else:
        now = _("now no round yet")
    return gates.Check(
        passed=completed > 0,
        message=_(
            "A completed health-check round: every confirmed partner answered before it was "
            "closed (%(now)s)."
        )
        % {"now": now},
    )
