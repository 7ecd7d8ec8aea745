from decimal import Decimal as D

from simitra.risks.allocation import (
    PartnerInput,
    RiskInput,
    assess_allocation,
    equal_contribution_shares,
    heat_map,
)


def partners(*shares):
    return [
        PartnerInput(id=n, name=f"P{n}", contribution_share=D(s)) for n, s in enumerate(shares, 1)
    ]


def test_risk_is_weighted_by_score_and_share():
    risks = [
        RiskInput(1, "A", 20, {1: D(50), 2: D(50)}),
        RiskInput(2, "B", 5, {1: D(100)}),
    ]
    report = assess_allocation(risks, partners("0.5", "0.5"))
    first, second = report.partners
    assert first.carried == D(15) and second.carried == D(10)
    assert first.risk_share == D("0.6") and second.risk_share == D("0.4")
    assert report.healthy


def test_a_partner_carrying_risk_far_out_of_proportion_is_flagged_with_reasons():
    risks = [RiskInput(1, "A", 16, {1: D(70), 2: D(30)})]
    report = assess_allocation(risks, partners("0.2", "0.8"))
    flagged = report.flagged
    assert [p.id for p in flagged] == [1]
    assert "70" in flagged[0].reasons[0] and "20" in flagged[0].reasons[0]
    assert flagged[0].ratio == D("3.5")
    assert not report.healthy and report.reasons


def test_a_small_excess_is_not_a_warning():
    risks = [RiskInput(1, "A", 4, {1: D(8), 2: D(92)})]
    report = assess_allocation(risks, partners("0.02", "0.98"))
    assert not report.flagged  # 8 % of the risk against 2 %: four times, but only 6 points


def test_a_partner_contributing_nothing_but_carrying_risk_is_flagged():
    risks = [RiskInput(1, "A", 9, {1: D(50), 2: D(50)})]
    report = assess_allocation(risks, partners("1", "0"))
    assert [p.id for p in report.flagged] == [2]
    assert report.flagged[0].ratio is None


def test_unallocated_risks_are_flagged_and_left_out():
    risks = [
        RiskInput(1, "Dibagi", 10, {1: D(100)}),
        RiskInput(2, "Sebagian", 25, {1: D(60), 2: D(39)}),
        RiskInput(3, "Belum dibagi", 25, {}),
    ]
    report = assess_allocation(risks, partners("0.5", "0.5"))
    assert [r.id for r in report.unallocated] == [2, 3]
    assert report.partners[0].carried == D(10)
    assert any("99%" in reason for reason in report.reasons)
    assert any("0%" in reason for reason in report.reasons)


def test_equal_shares_are_the_fallback():
    shares = equal_contribution_shares([4, 5, 6, 7])
    assert set(shares.values()) == {D("0.25")}
    assert equal_contribution_shares([]) == {}


def test_the_heat_map_counts_risks_by_likelihood_and_impact():
    grid = heat_map([(5, 5), (5, 5), (1, 3), (4, 2)])
    assert len(grid) == 5 and all(len(row) == 5 for row in grid)
    assert grid[0][4].count == 2 and grid[0][4].level == "extreme"
    assert grid[4][2].count == 1 and grid[4][2].likelihood == 1 and grid[4][2].impact == 3
    assert grid[1][1].count == 1 and grid[1][1].score == 8 and grid[1][1].level == "medium"
    assert sum(cell.count for row in grid for cell in row) == 4
