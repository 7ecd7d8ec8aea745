import datetime as dt

import pytest
from django.urls import reverse

from simitra.planning.gantt import GanttActivity, GanttMilestone, gantt_layout
from simitra.planning.testing import make_ready_plan

D = dt.date


def layout(activities, *, today=D(2025, 6, 15), milestones=(), **kwargs):
    return gantt_layout(activities, milestones, today=today, **kwargs)


def test_bars_sit_on_the_time_axis_in_order():
    gantt = layout(
        [
            GanttActivity(1, "Survei", D(2025, 1, 1), D(2025, 3, 31), progress=100),
            GanttActivity(2, "Intervensi", D(2025, 4, 1), D(2025, 12, 31), depends_on=(1,)),
        ]
    )
    first, second = gantt.bars
    assert first.x < second.x and first.y < second.y
    assert first.done_width == first.width
    assert gantt.start == D(2025, 1, 1) and gantt.end == D(2025, 12, 31)
    assert [tick.label for tick in gantt.ticks][:2] == ["Jan 25", "Feb 25"]


def test_today_is_marked_only_inside_the_chart():
    activities = [GanttActivity(1, "Survei", D(2025, 1, 1), D(2025, 12, 31))]
    assert layout(activities).today_x is not None
    assert layout(activities, today=D(2030, 1, 1)).today_x is None


def test_dependencies_are_drawn_and_backwards_ones_flagged():
    gantt = layout(
        [
            GanttActivity(1, "Survei", D(2025, 1, 1), D(2025, 6, 30)),
            GanttActivity(2, "Intervensi", D(2025, 3, 1), D(2025, 12, 31), depends_on=(1,)),
            GanttActivity(3, "Evaluasi", D(2026, 1, 1), D(2026, 3, 31), depends_on=(2,)),
        ]
    )
    assert [arrow.backwards for arrow in gantt.arrows] == [True, False]
    assert all(arrow.path.startswith("M") for arrow in gantt.arrows)


def test_milestones_and_undated_activities():
    gantt = layout(
        [GanttActivity(1, "Belum dijadwalkan", None, None)],
        milestones=[GanttMilestone("Rapat", D(2025, 6, 1))],
    )
    assert gantt.bars[0].x is None
    assert gantt.bars[1].status == "milestone"
    assert len(gantt.diamonds) == 1


def test_an_empty_plan_has_no_bars():
    assert layout([]).bars == []


@pytest.mark.django_db
def test_the_gantt_page_is_svg_without_inline_styles_or_scripts(world, client_for):
    make_ready_plan(world)
    response = client_for(world.partner_user).get(
        reverse("planning:gantt", args=[world.partnership.code])
    )
    body = response.content.decode()
    assert "<svg" in body and "gantt-bar" in body and "gantt-today" in body
    assert "style=" not in body and "<script>" not in body
    # Coordinates are plain numbers whatever the language (no decimal commas).
    assert 'x="' in body and not any(
        part.split('"')[0].count(",") for part in body.split(' x="')[1:]
    )
