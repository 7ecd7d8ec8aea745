"""The gate checks whose data the partnerships app itself holds."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import gates
from .models import Phase


@gates.check(Phase.IDENTIFYING, "two_partners_two_sectors", order=10)
def two_confirmed_partners_from_two_sectors(partnership) -> gates.Check:
    sectors = list(partnership.confirmed_partners().values_list("organisation__sector", flat=True))
    partners, distinct = len(sectors), len(set(sectors))
    passed = partners >= 2 and distinct >= 2
    now = ngettext(
        "now %(partners)d confirmed partner", "now %(partners)d confirmed partners", partners
    ) % {"partners": partners}
    now_sectors = ngettext("from %(sectors)d sector", "from %(sectors)d sectors", distinct) % {
        "sectors": distinct
    }
    return gates.Check(
        passed=passed,
        message=_("At least 2 confirmed partners from at least 2 sectors (%(now)s %(sectors)s).")
        % {"now": now, "sectors": now_sectors},
    )
