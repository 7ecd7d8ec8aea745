"""Geometry of the two drawings of scoping, computed here and drawn by templates (so every
text is escaped by the template engine): the problem tree and the stakeholder grid.

Problem tree: effects on top (the branches), the core problem in the middle (the trunk), causes
below (the roots). A node without a parent hangs on the core problem; deeper causes sit a row
further down, further effects a row further up. Arrows point the way causation runs: from a
cause up to what it causes, from the core problem up to its effects.

Stakeholder grid: interest (1–5) across, influence (1–5) up. "High" means 3 or more:

    influence ≥ 3, interest ≥ 3  → manage closely
    influence ≥ 3, interest < 3  → keep satisfied
    influence < 3, interest ≥ 3  → keep informed
    influence < 3, interest < 3  → monitor
"""

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

WIDTH = 960
GAP = 16
ROW_GAP = 44
MAX_BOX = 230
LINE_HEIGHT = 15
PAD = 10
MAX_LINES = 5
CHAR_WIDTH = 6.6  # average width of a 12px sans-serif character
CHAR_WIDTH_BOLD = 7.6  # the core problem is drawn bold
MAX_DEPTH = 6


@dataclass(frozen=True)
class TreeNode:
    id: int
    text: str
    parent_id: int | None = None


@dataclass
class Box:
    key: str
    kind: str  # "cause" | "core" | "effect"
    text: str
    lines: list[str]
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0

    @property
    def cx(self) -> float:
        return round(self.x + self.w / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + PAD + 11, 1)

    @property
    def line_positions(self) -> list[tuple[float, str]]:
        return [
            (round(self.text_y + i * LINE_HEIGHT, 1), line) for i, line in enumerate(self.lines)
        ]


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float

    def __post_init__(self):
        for name in ("x1", "y1", "x2", "y2"):
            object.__setattr__(self, name, round(getattr(self, name), 1))


@dataclass
class TreeLayout:
    width: int
    height: float
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def wrap(text: str, width_px: float, char_width: float = CHAR_WIDTH) -> list[str]:
    chars = max(8, int((width_px - 2 * PAD) / char_width))
    lines = textwrap.wrap(" ".join(text.split()), chars, break_long_words=True) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: max(0, chars - 1)].rstrip() + "…"
    return lines


def _depths(nodes: list[TreeNode]) -> dict[int, int]:
    """1 for a node hanging on the core, 2 for one under it, …; a node caught in a cycle of
    parents hangs on the core."""
    by_id = {n.id: n for n in nodes}

    def depth(node: TreeNode) -> int:
        level, seen, current = 1, {node.id}, node
        while current.parent_id in by_id and level < MAX_DEPTH:
            current = by_id[current.parent_id]
            if current.id in seen:
                return 1
            seen.add(current.id)
            level += 1
        return level

    return {node.id: depth(node) for node in nodes}


def _rows(nodes: list[TreeNode], kind: str) -> list[list[TreeNode]]:
    """Rows outward from the core; within a row, children follow their parents' order."""
    depths = _depths(nodes)
    rows: list[list[TreeNode]] = []
    order = {n.id: i for i, n in enumerate(nodes)}
    placed: dict[int, int] = {}
    for level in sorted(set(depths.values())):
        row = [n for n in nodes if depths[n.id] == level]
        row.sort(key=lambda n: (placed.get(n.parent_id, -1) if level > 1 else 0, order[n.id]))
        for i, n in enumerate(row):
            placed[n.id] = i
        rows.append(row)
    return rows


def _place_row(boxes: list[Box], y: float) -> float:
    n = len(boxes)
    w = min(MAX_BOX, (WIDTH - (n + 1) * GAP) / n)
    total = n * w + (n - 1) * GAP
    x = (WIDTH - total) / 2
    for box in boxes:
        box.lines = wrap(box.text, w)
        box.w = w
        box.h = 2 * PAD + len(box.lines) * LINE_HEIGHT
        box.x, box.y = x, y
        x += w + GAP
    return max(box.h for box in boxes)


def tree_layout(core: str, causes: Iterable[TreeNode], effects: Iterable[TreeNode]) -> TreeLayout:
    causes, effects = list(causes), list(effects)
    effect_rows = _rows(effects, "effect")
    cause_rows = _rows(causes, "cause")
    # Top to bottom: furthest effects, …, direct effects, core, direct causes, …, root causes.
    rows: list[list[Box]] = []
    for row in reversed(effect_rows):
        rows.append([Box(key=f"e{n.id}", kind="effect", text=n.text, lines=[]) for n in row])
    core_box = Box(key="core", kind="core", text=core, lines=[])
    rows.append([core_box])
    for row in cause_rows:
        rows.append([Box(key=f"c{n.id}", kind="cause", text=n.text, lines=[]) for n in row])

    y = GAP
    for row in rows:
        height = _place_core(core_box, y) if row[0] is core_box else _place_row(row, y)
        for box in row:
            box.y = y + (height - box.h) / 2
        y += height + ROW_GAP
    boxes = {box.key: box for row in rows for box in row}
    # Deeper rows sit under their parents, placed outward from the core.
    parent_key = {f"c{n.id}": f"c{n.parent_id}" for n in causes if n.parent_id}
    parent_key |= {f"e{n.id}": f"e{n.parent_id}" for n in effects if n.parent_id}
    core_index = len(effect_rows)
    for index in [*range(core_index + 2, len(rows)), *range(core_index - 2, -1, -1)]:
        _under_parents(
            rows[index],
            {
                b.key: boxes[parent_key[b.key]]
                for b in rows[index]
                if parent_key.get(b.key) in boxes
            },
        )
    for box in boxes.values():  # tidy numbers for the SVG
        box.x, box.y, box.w, box.h = (round(v, 1) for v in (box.x, box.y, box.w, box.h))

    edges = []
    for node in causes:
        lower = boxes[f"c{node.id}"]
        upper = boxes.get(f"c{node.parent_id}") if node.parent_id else None
        upper = upper or core_box
        edges.append(Edge(lower.cx, lower.y, upper.cx, upper.y + upper.h))
    for node in effects:
        upper = boxes[f"e{node.id}"]
        lower = boxes.get(f"e{node.parent_id}") if node.parent_id else None
        lower = lower or core_box
        edges.append(Edge(lower.cx, lower.y, upper.cx, upper.y + upper.h))
    return TreeLayout(
        width=WIDTH, height=round(y - ROW_GAP + GAP, 1), boxes=list(boxes.values()), edges=edges
    )


def _place_core(box: Box, y: float) -> float:
    w = min(WIDTH - 2 * GAP, 2 * MAX_BOX)
    box.lines = wrap(box.text, w, CHAR_WIDTH_BOLD)
    box.w = w
    box.h = 2 * PAD + len(box.lines) * LINE_HEIGHT
    box.x, box.y = (WIDTH - w) / 2, y
    return box.h


def _under_parents(row: list[Box], parents: dict[str, Box]) -> None:
    """Move each box of a deeper row under its parent, keeping order and gaps, and inside
    the drawing."""
    groups: list[list[Box]] = []
    for box in row:
        if groups and parents.get(box.key) is parents.get(groups[-1][0].key):
            groups[-1].append(box)
        else:
            groups.append([box])
    for group in groups:  # siblings centred together under their parent
        parent = parents.get(group[0].key)
        if parent is None:
            continue
        x = parent.cx - (sum(b.w for b in group) + GAP * (len(group) - 1)) / 2
        for box in group:
            box.x = x
            x += box.w + GAP
    previous_end = 0.0
    for box in row:
        box.x = max(box.x, previous_end + GAP)
        previous_end = box.x + box.w
    next_start = WIDTH
    for box in reversed(row):
        box.x = min(box.x, next_start - GAP - box.w)
        next_start = box.x


QUADRANTS = {
    "manage_closely": _("Manage closely"),
    "keep_satisfied": _("Keep satisfied"),
    "keep_informed": _("Keep informed"),
    "monitor": _("Monitor"),
}
HIGH = 3


def quadrant(interest: int, influence: int) -> str:
    if influence >= HIGH:
        return "manage_closely" if interest >= HIGH else "keep_satisfied"
    return "keep_informed" if interest >= HIGH else "monitor"


@dataclass(frozen=True)
class GridPoint:
    number: int
    name: str
    interest: int
    influence: int
    is_partner: bool = False


@dataclass
class GridCell:
    interest: int
    influence: int
    quadrant: str
    points: list[GridPoint] = field(default_factory=list)


def stakeholder_grid(points: Iterable[GridPoint]) -> list[list[GridCell]]:
    """Rows from influence 5 (top) to 1; cells from interest 1 (left) to 5."""
    rows = [
        [GridCell(interest=i, influence=f, quadrant=quadrant(i, f)) for i in range(1, 6)]
        for f in range(5, 0, -1)
    ]
    for point in points:
        if not (1 <= point.interest <= 5 and 1 <= point.influence <= 5):
            raise ValueError("Interest and influence run from 1 to 5.")
        rows[5 - point.influence][point.interest - 1].points.append(point)
    return rows
