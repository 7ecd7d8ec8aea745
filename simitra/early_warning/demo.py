"""The early warning of the demo partnerships, computed once the cycle apps before it have
loaded their demo data (alerts are raised, not e-mailed: the nightly task sends them).

NTT-STUNTING-2025 comes out amber, for four stated reasons — one indicator behind its expected
path (Kelas ibu balita), two contributions past due and not fully delivered (the DKPA grant and
the NPL volunteers, due 30 June 2026), one high risk past its review date (the supplier conflict
of interest) and one decision overdue (faster posyandu funds) — and nothing red.
"""

from django.db import transaction

from simitra.partnerships.models import Partnership

from .alerting import recompute_warnings


@transaction.atomic
def load(world) -> None:
    codes = [partnership.code for partnership in world.partnerships.values()]
    recompute_warnings(Partnership.objects.filter(code__in=codes), notify=False)
