"""The gate check whose data this app holds."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .models import Period


@gates.check(Phase.MANAGING, "approved_indicator_values", order=10)
def has_a_period_with_approved_values(partnership) -> gates.Check:
    periods = (
        Period.objects.filter(indicator__partnership=partnership, values__status="approved")
        .distinct()
        .count()
    )
    now = ngettext(
        "now %(count)d period has approved values",
        "now %(count)d periods have approved values",
        periods,
    ) % {"count": periods}
    return gates.Check(
        passed=periods >= 1,
        message=_("At least one reporting period with approved indicator values (%(now)s).")
        % {"now": now},
    )
