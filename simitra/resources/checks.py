"""The Building gate's contribution check."""

from django.utils.translation import gettext as _

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .models import Pledge


@gates.check(Phase.BUILDING, "every_partner_contributes", order=10)
def every_confirmed_partner_contributes(partnership) -> gates.Check:
    partners = list(partnership.confirmed_partners())
    counts = Pledge.objects.confirmed_partner_counts(partnership)
    missing = [p.organisation.name for p in partners if not counts.get(p.pk)]
    if not partners:
        return gates.Check(passed=False, message=_("There are no confirmed partners yet."))
    if missing:
        return gates.Check(
            passed=False,
            message=_(
                "Every confirmed partner has at least one contribution (%(done)d of %(total)d; "
                "none yet from %(missing)s)."
            )
            % {
                "done": len(partners) - len(missing),
                "total": len(partners),
                "missing": ", ".join(missing),
            },
        )
    return gates.Check(
        passed=True,
        message=_("Every confirmed partner has at least one contribution (%(total)d of %(total)d).")
        % {"total": len(partners)},
    )
