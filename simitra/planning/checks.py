"""The Building gate's plan check."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .selectors import plan_readiness_for


@gates.check(Phase.BUILDING, "plan_ready", order=20)
def action_plan_is_ready(partnership) -> gates.Check:
    readiness = plan_readiness_for(partnership)
    if readiness.ready:
        return gates.Check(
            passed=True,
            message=_("The action plan passes its readiness check (%(n)d activities).")
            % {"n": readiness.activity_count},
        )
    problems = len(readiness.problems)
    return gates.Check(
        passed=False,
        message=ngettext(
            "The action plan passes its readiness check (%(n)d problem left, e.g. %(first)s)",
            "The action plan passes its readiness check (%(n)d problems left, e.g. %(first)s)",
            problems,
        )
        % {"n": problems, "first": readiness.problems[0].message},
    )
