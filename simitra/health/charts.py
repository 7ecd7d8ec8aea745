"""Chart.js configurations for health-check results (fed to the page through json_script)."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from simitra.lib import charts

from .health import HealthResults


def results_chart(results: HealthResults) -> dict:
    """Horizontal bars per question: this round's mean, the previous round's mean and, as a
    floating bar, the range between the lowest and highest partner mean (the disagreement)."""
    questions = [q for q in results.questions if q.mean is not None]
    labels = [charts.wrapped(Truncator(str(q.label)).chars(60)) for q in questions]
    datasets = [charts.dataset(_("This round (mean)"), [q.mean for q in questions], charts.BRAND)]
    if any(q.previous_mean is not None for q in questions):
        datasets.append(
            charts.dataset(
                _("Previous round (mean)"),
                [q.previous_mean for q in questions],
                charts.BRAND_LIGHT,
            )
        )
    if any(q.partners > 1 for q in questions):
        datasets.append(
            charts.dataset(
                _("Range of partner means"),
                [[q.lowest, q.highest] for q in questions],
                charts.ACCENT_RANGE,
            )
        )
    return charts.horizontal_bars(
        labels, datasets, x={"min": 0, "max": 5, "ticks": {"stepSize": 1}}
    )
