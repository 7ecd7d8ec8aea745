"""Words the results pages share with other apps read in their own sense in Indonesian: the
catalogues of all apps are merged, so a word another app translates differently (the MoU's
"Number" column, a signatory's "Title") must not take the indicator's place."""

from django.utils import translation

from simitra.results.forms import IndicatorForm
from simitra.results.models import Indicator


def test_the_number_measure_reads_jumlah():
    with translation.override("id"):
        assert str(Indicator.Measure.NUMBER.label) == "Jumlah"
        assert dict(Indicator.Measure.choices)["number"] == "Jumlah"


def test_an_indicator_s_title_is_a_judul_not_a_job_title():
    with translation.override("id"):
        assert str(IndicatorForm.base_fields["title"].label) == "Judul"
