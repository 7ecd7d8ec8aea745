"""The Gantt chart's geometry, computed on the server and drawn as SVG (no script, no network).

`gantt_layout(...)` is pure: it turns activities (with dates, progress and dependencies) and
milestones into rows, bars, arrows, month ticks and the line for today, in SVG user units.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel.dates import format_date

LABEL_WIDTH = 270
CHART_WIDTH = 780
ROW_HEIGHT = 30
HEADER_HEIGHT = 40
BAR_HEIGHT = 16


@dataclass(frozen=True)
class GanttActivity:
    id: int
    title: str
    start: dt.date | None
    end: dt.date | None
    progress: int = 0
    status: str = "planned"
    responsible: str = ""
    depends_on: tuple[int, ...] = ()


@dataclass(frozen=True)
class GanttMilestone:
    title: str
    date: dt.date
    activity_id: int | None = None
    done: bool = False


@dataclass
class Bar:
    id: int
    title: str
    label: str
    y: float
    text_y: float
    row_y: float = 0
    x: float | None = None
    width: float = 0
    done_width: float = 0
    status: str = "planned"
    tooltip: str = ""


@dataclass
class Arrow:
    path: str
    backwards: bool


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Diamond:
    x: float
    y: float
    points: str
    title: str
    done: bool


@dataclass
class Gantt:
    width: int
    height: int
    label_width: int
    bars: list[Bar] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    diamonds: list[Diamond] = field(default_factory=list)
    today_x: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    header: int = HEADER_HEIGHT
    row_height: int = ROW_HEIGHT
    bar_height: int = BAR_HEIGHT

    @property
    def chart_right(self) -> int:
        return self.label_width + CHART_WIDTH


def _short(title: str, limit: int = 36) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def gantt_layout(
    activities: Sequence[GanttActivity],
    milestones: Sequence[GanttMilestone] = (),
    *,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    locale: str = "id",
) -> Gantt:
    dates = [d for a in activities for d in (a.start, a.end) if d]
    dates += [m.date for m in milestones]
    dates += [d for d in (start, end) if d]
    standalone = [m for m in milestones if m.activity_id is None]
    rows = len(activities) + len(standalone)
    height = HEADER_HEIGHT + max(rows, 1) * ROW_HEIGHT + 10
    gantt = Gantt(width=LABEL_WIDTH + CHART_WIDTH + 10, height=height, label_width=LABEL_WIDTH)
    if not dates:
        return gantt
    first = min(dates).replace(day=1)
    last_day = max(dates)
    last = (last_day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # next month's 1st
    gantt.start, gantt.end = first, last - dt.timedelta(days=1)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + (day - first).days / span * CHART_WIDTH, 1)

    months = _months(first, last - dt.timedelta(days=1))
    step = 1 if len(months) <= 12 else 3 if len(months) <= 36 else 6
    for i, month in enumerate(months):
        if i % step == 0:
            gantt.ticks.append(Tick(x(month), format_date(month, "MMM yy", locale=locale)))
    if first <= today <= last:
        gantt.today_x = x(today)

    row_of: dict[int, int] = {}
    for i, activity in enumerate(activities):
        row_of[activity.id] = i
        y = HEADER_HEIGHT + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        label = _short(activity.title)
        bar = Bar(
            id=activity.id,
            title=activity.title,
            label=label,
            y=y,
            text_y=y + BAR_HEIGHT - 4,
            row_y=HEADER_HEIGHT + i * ROW_HEIGHT,
            status=activity.status,
        )
        if activity.start and activity.end and activity.end >= activity.start:
            bar.x = x(activity.start)
            bar.width = max(x(activity.end + dt.timedelta(days=1)) - bar.x, 2)
            bar.done_width = round(bar.width * max(0, min(activity.progress, 100)) / 100, 1)
            bar.tooltip = (
                f"{activity.title} · {format_date(activity.start, 'd MMM yyyy', locale=locale)}"
                f" – {format_date(activity.end, 'd MMM yyyy', locale=locale)}"
                f" · {activity.progress}%"
                + (f" · {activity.responsible}" if activity.responsible else "")
            )
        else:
            bar.tooltip = activity.title
        gantt.bars.append(bar)

    by_id = {a.id: a for a in activities}
    for activity in activities:
        for required_id in activity.depends_on:
            required = by_id.get(required_id)
            if not (required and required.end and activity.start):
                continue
            x1 = x(required.end + dt.timedelta(days=1))
            y1 = HEADER_HEIGHT + row_of[required_id] * ROW_HEIGHT + ROW_HEIGHT / 2
            x2 = x(activity.start)
            y2 = HEADER_HEIGHT + row_of[activity.id] * ROW_HEIGHT + ROW_HEIGHT / 2
            elbow = x1 + 6
            if x2 >= elbow + 8:
                path = f"M{x1},{y1} H{elbow} V{y2} H{x2}"
            else:
                # The dependent starts (almost) where the required one ends: come round
                # between the rows so the arrow still points into the bar's start.
                between = y2 - ROW_HEIGHT / 2 if y2 > y1 else y2 + ROW_HEIGHT / 2
                path = f"M{x1},{y1} H{elbow} V{between} H{x2 - 8} V{y2} H{x2}"
            gantt.arrows.append(Arrow(path=path, backwards=required.end > activity.start))

    for i, milestone in enumerate(standalone):
        row = len(activities) + i
        label = _short(milestone.title)
        y = HEADER_HEIGHT + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        gantt.bars.append(
            Bar(
                id=0,
                title=milestone.title,
                label=label,
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                row_y=HEADER_HEIGHT + row * ROW_HEIGHT,
                status="milestone",
                tooltip=milestone.title,
            )
        )
    standalone_rows = {id(m): len(activities) + i for i, m in enumerate(standalone)}
    for milestone in milestones:
        if milestone.activity_id is not None and milestone.activity_id in row_of:
            row = row_of[milestone.activity_id]
        elif id(milestone) in standalone_rows:
            row = standalone_rows[id(milestone)]
        else:
            continue
        cx = x(milestone.date)
        cy = HEADER_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2
        r = 7
        gantt.diamonds.append(
            Diamond(
                x=cx,
                y=cy,
                points=f"{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}",
                title=f"{milestone.title} · {format_date(milestone.date, 'd MMM yyyy', locale=locale)}",
                done=milestone.done,
            )
        )
    return gantt
