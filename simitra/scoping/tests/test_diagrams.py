"""The geometry of the problem tree and of the stakeholder grid."""

import pytest

from simitra.scoping.diagrams import (
    WIDTH,
    GridPoint,
    TreeNode,
    quadrant,
    stakeholder_grid,
    tree_layout,
)


def overlaps(a, b):
    return not (a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y)


@pytest.fixture
def layout():
    causes = [
        TreeNode(1, "Asupan gizi kurang"),
        TreeNode(2, "Posyandu belum merata"),
        TreeNode(3, "Pangan lokal sulit dijangkau di musim kering", parent_id=1),
        TreeNode(4, "Pengetahuan gizi terbatas", parent_id=1),
        TreeNode(5, "Kader kurang terlatih", parent_id=2),
    ]
    effects = [TreeNode(10, "Tumbuh kembang terhambat"), TreeNode(11, "Capaian belajar rendah", 10)]
    return tree_layout("Stunting balita tinggi", causes, effects)


def test_effects_sit_above_the_core_and_causes_below(layout):
    boxes = {box.key: box for box in layout.boxes}
    core = boxes["core"]
    assert boxes["e10"].y < core.y and boxes["e11"].y < boxes["e10"].y
    assert boxes["c1"].y > core.y and boxes["c3"].y > boxes["c1"].y


def test_no_box_overlaps_another_or_leaves_the_drawing(layout):
    for box in layout.boxes:
        assert box.x >= 0 and box.x + box.w <= WIDTH
        assert box.y >= 0 and box.y + box.h <= layout.height
    for i, a in enumerate(layout.boxes):
        for b in layout.boxes[i + 1 :]:
            assert not overlaps(a, b), (a.key, b.key)


def test_every_arrow_runs_up_from_a_cause_to_what_it_causes(layout):
    boxes = {box.key: box for box in layout.boxes}
    assert len(layout.edges) == 7
    deeper = next(e for e in layout.edges if e.x1 == boxes["c3"].cx and e.y1 == boxes["c3"].y)
    assert (deeper.x2, deeper.y2) == (boxes["c1"].cx, boxes["c1"].y + boxes["c1"].h)
    assert all(edge.y1 > edge.y2 for edge in layout.edges)


def test_deeper_causes_keep_their_parents_order(layout):
    boxes = {box.key: box for box in layout.boxes}
    assert boxes["c3"].x < boxes["c4"].x < boxes["c5"].x


def test_children_are_centred_under_their_parent_when_there_is_room():
    causes = [
        TreeNode(1, "a"),
        TreeNode(2, "b"),
        TreeNode(3, "c", parent_id=1),
        TreeNode(4, "d", parent_id=1),
        TreeNode(5, "e", parent_id=2),
    ]
    boxes = {box.key: box for box in tree_layout("x", causes[:4], []).boxes}
    assert (boxes["c3"].cx + boxes["c4"].cx) / 2 == pytest.approx(boxes["c1"].cx, abs=1)
    boxes = {box.key: box for box in tree_layout("x", [*causes[:2], causes[4]], []).boxes}
    assert boxes["c5"].cx == pytest.approx(boxes["c2"].cx, abs=1)


def test_long_text_is_wrapped_and_cut():
    layout = tree_layout("inti " * 200, [], [])
    core = layout.boxes[0]
    assert 1 < len(core.lines) <= 5 and core.lines[-1].endswith("…")


def test_a_cycle_of_parents_does_not_hang_the_drawing():
    layout = tree_layout("x", [TreeNode(1, "a", parent_id=2), TreeNode(2, "b", parent_id=1)], [])
    assert {box.key for box in layout.boxes} == {"core", "c1", "c2"}


def test_quadrants_follow_interest_and_influence():
    assert quadrant(5, 5) == quadrant(3, 3) == "manage_closely"
    assert quadrant(2, 5) == "keep_satisfied"
    assert quadrant(5, 2) == "keep_informed"
    assert quadrant(1, 1) == "monitor"


def test_the_grid_puts_high_influence_on_top_and_high_interest_right():
    grid = stakeholder_grid(
        [GridPoint(1, "DPRD", interest=2, influence=5), GridPoint(2, "Warga", 5, 1)]
    )
    assert grid[0][1].points[0].name == "DPRD"
    assert grid[4][4].points[0].name == "Warga"
    assert grid[0][0].influence == 5 and grid[0][0].interest == 1
    with pytest.raises(ValueError):
        stakeholder_grid([GridPoint(3, "x", 6, 1)])
