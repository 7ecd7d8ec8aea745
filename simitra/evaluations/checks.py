"""The Reviewing gate's evaluation check: a completed evaluation."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .models import Evaluation


@gates.check(Phase.REVIEWING, "evaluation_completed", order=20)
def has_completed_evaluation(partnership) -> gates.Check:
    statuses = list(
        Evaluation.objects.filter(partnership=partnership).values_list("status", flat=True)
    )
    completed = statuses.count(Evaluation.Status.COMPLETED)
    if completed:
        now = ngettext(
            "now %(count)d completed evaluation", "now %(count)d completed evaluations", completed
        ) % {"count": completed}
    elif statuses:
        now = _("now a draft, not completed")
    else:
        now = _("now no evaluation yet")
    return gates.Check(
        passed=completed > 0,
        message=_("An evaluation completed, against the initial plan and the indicators (%(now)s).")
        % {"now": now},
    )
