import pytest
from django.core.management import call_command

from simitra.partnerships.models import Partnership
from simitra.results.models import BeneficiaryGroup, IndicatorValue, Period
from simitra.results.selectors import attach_progress, indicators_with_progress_data
from simitra.risks.models import Risk, RiskCategory

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_partnership_being_managed(reference, demo_day):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (idempotent)
    partnership = Partnership.objects.get(code="NTT-STUNTING-2025")
    # The results and risks demo dates follow today; the partnership's (shifted) dates hold them.
    periods = Period.objects.filter(indicator__partnership=partnership)
    assert partnership.start_date <= min(p.start for p in periods)
    assert max(p.end for p in periods) <= partnership.end_date
    indicators = attach_progress(indicators_with_progress_data(partnership))
    assert len(indicators) == 6
    for indicator in indicators:
        reported = {
            v.period_id
            for v in IndicatorValue.objects.filter(period__indicator=indicator, category=None)
        }
        assert 2 <= len(reported) <= 4
    assert [i.progress.on_path for i in indicators].count(False) == 1
    assert BeneficiaryGroup.objects.filter(partnership=partnership).count() >= 2
    risks = Risk.objects.filter(partnership=partnership)
    builtin = set(risks.filter(category__partnership=None).values_list("category__code", flat=True))
    assert builtin == set(RiskCategory.BuiltIn.values)
    for risk in risks.filter(category__partnership=None):
        assert sum(s.percent for s in risk.shares.all()) == 100
