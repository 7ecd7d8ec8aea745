"""Chart.js configurations for health-check results (fed to the page through json_script)."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .health import HealthResults

CURRENT_COLOUR = "#0f6b5c"
PREVIOUS_COLOUR = "#b7ddd5"
RANGE_COLOUR = "rgba(201, 138, 11, 0.35)"


def _lines(label: str, width: int = 20) -> list[str]:
    """A label broken into lines (Chart.js draws a list as several lines), so long names fit
    beside the bars on a phone."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def results_chart(results: HealthResults) -> dict:
    """Horizontal bars per question: this round's mean, the previous round's mean and, as a
    floating bar, the range between the lowest and highest partner mean (the disagreement)."""
    questions = [q for q in results.questions if q.mean is not None]
    labels = [_lines(Truncator(str(q.label)).chars(60)) for q in questions]
    datasets = [
        {
            "label": _("This round (mean)"),
            "data": [q.mean for q in questions],
            "backgroundColor": CURRENT_COLOUR,
        }
    ]
    if any(q.previous_mean is not None for q in questions):
        datasets.append(
            {
                "label": _("Previous round (mean)"),
                "data": [q.previous_mean for q in questions],
                "backgroundColor": PREVIOUS_COLOUR,
            }
        )
    if any(q.partners > 1 for q in questions):
        datasets.append(
            {
                "label": _("Range of partner means"),
                "data": [[q.lowest, q.highest] for q in questions],
                "backgroundColor": RANGE_COLOUR,
            }
        )
    return {
        "type": "bar",
        "data": {"labels": labels, "datasets": datasets},
        "options": {
            "indexAxis": "y",
            "scales": {"x": {"min": 0, "max": 5, "ticks": {"stepSize": 1}}},
            "plugins": {"legend": {"position": "bottom"}},
        },
    }
