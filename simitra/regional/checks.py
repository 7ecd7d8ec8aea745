"""The Building gate's check: a partnership with a government partner supports the regional
plan. A warning unless the deployment sets SIMITRA_ALIGNMENT_GATE_BLOCKS (setting or
environment variable) to make it hold the gate."""

import os

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from simitra.organisations.models import Sector
from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .models import Alignment


def alignment_blocks() -> bool:
    value = getattr(settings, "SIMITRA_ALIGNMENT_GATE_BLOCKS", None)
    if value is None:
        value = os.environ.get("SIMITRA_ALIGNMENT_GATE_BLOCKS", "")
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


@gates.check(Phase.BUILDING, "regional_plan_alignment", order=90)
def aligned_with_regional_plan(partnership) -> gates.Check:
    warning = not alignment_blocks()
    has_government = (
        partnership.confirmed_partners().filter(organisation__sector=Sector.GOVERNMENT).exists()
    )
    if not has_government:
        return gates.Check(
            passed=True,
            message=_("No government partner: alignment with a regional plan is not asked."),
            warning=warning,
        )
    aligned = Alignment.objects.filter(partnership=partnership).exists()
    return gates.Check(
        passed=aligned,
        message=_(
            "A partnership with a government partner supports at least one programme of the "
            "regional plan."
        ),
        warning=warning,
    )
