"""The Agreeing gate's check: the MoU signed by every confirmed partner."""

from django.utils.translation import gettext as _

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .services import mou_signed_by_all


@gates.check(Phase.AGREEING, "mou_signed", order=10)
def mou_signed_by_every_confirmed_partner(partnership) -> gates.Check:
    signed, missing = mou_signed_by_all(partnership)
    if signed:
        return gates.Check(passed=True, message=_("The MoU is signed by every confirmed partner."))
    return gates.Check(
        passed=False,
        message=_("The MoU is signed by every confirmed partner (not yet signed by: %(missing)s).")
        % {"missing": ", ".join(missing) or "—"},
    )
