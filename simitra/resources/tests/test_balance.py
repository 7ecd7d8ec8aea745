"""The contribution balance measure (pure): properties and worked examples."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from simitra.resources.balance import (
    PartnerFact,
    PledgeFact,
    balance_index,
    contribution_balance,
)

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def english():
    """The reasons are asserted in English (the catalogue translates them to Indonesian)."""
    with translation.override("en"):
        yield


CATEGORIES = ["support", "reach", "endorsement", "manpower", "oversight"]

values = st.integers(min_value=0, max_value=10**12).map(Decimal)
pledge_strategy = st.builds(
    lambda partner, category, value, share, due: PledgeFact(
        partner_id=partner,
        category=category,
        value=value,
        delivered=(value * share).quantize(Decimal(1)),
        due_date=due,
    ),
    partner=st.integers(min_value=1, max_value=6),
    category=st.sampled_from(CATEGORIES),
    value=values,
    share=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1)]),
    due=st.one_of(st.none(), st.dates(dt.date(2024, 1, 1), dt.date(2028, 1, 1))),
)


def partners(n, led=None):
    return [
        PartnerFact(i, f"Mitra {i}", {"activities_led": (led or {}).get(i, 0)})
        for i in range(1, n + 1)
    ]


@given(n=st.integers(min_value=1, max_value=6), pledges=st.lists(pledge_strategy, max_size=25))
def test_the_index_is_always_between_0_and_1(n, pledges):
    result = contribution_balance(partners(n), pledges, today=TODAY)
    assert 0.0 <= result.index <= 1.0
    for partner in result.partners:
        assert 0.0 <= partner.score <= 1.0


@given(n=st.integers(min_value=2, max_value=6), pledges=st.lists(pledge_strategy, max_size=25))
def test_participation_scores_add_up_to_one_when_anything_is_recorded(n, pledges):
    result = contribution_balance(partners(n), pledges, today=TODAY)
    total = sum(p.score for p in result.partners)
    assert abs(total - 1) < 1e-9 or (total == 0 and not result.components)


@given(
    n=st.integers(min_value=2, max_value=7),
    value=st.integers(min_value=1, max_value=10**12).map(Decimal),
    categories=st.sets(st.sampled_from(CATEGORIES), min_size=1),
    delivered_share=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1)]),
    led=st.integers(min_value=0, max_value=5),
)
def test_equal_partners_score_one(n, value, categories, delivered_share, led):
    pledges = [
        PledgeFact(i, category, value, value * delivered_share)
        for i in range(1, n + 1)
        for category in sorted(categories)
    ]
    result = contribution_balance(
        partners(n, dict.fromkeys(range(1, n + 1), led)), pledges, today=TODAY
    )
    assert result.index == 1.0
    assert not result.flags


@given(
    n=st.integers(min_value=2, max_value=7),
    value=st.integers(min_value=1, max_value=10**12).map(Decimal),
    category=st.sampled_from(CATEGORIES),
    holder=st.integers(min_value=1, max_value=7),
)
def test_one_partner_with_everything_is_flagged(n, value, category, holder):
    holder = min(holder, n)
    result = contribution_balance(
        partners(n, {holder: 3}), [PledgeFact(holder, category, value, value)], today=TODAY
    )
    assert result.index == 0.0
    dominant = [f for f in result.flags if f.code == "dominant"]
    nothing = {f.partner_id for f in result.flags if f.code == "nothing"}
    assert [f.partner_id for f in dominant] == [holder]
    assert "Mitra" in dominant[0].reason and "%" in dominant[0].reason
    assert nothing == set(range(1, n + 1)) - {holder}


def test_a_partner_without_pledges_is_flagged_with_its_name():
    result = contribution_balance(
        partners(3),
        [PledgeFact(1, "support", Decimal(100)), PledgeFact(2, "reach", Decimal(90))],
        today=TODAY,
    )
    flag = next(f for f in result.flags if f.code == "nothing")
    assert flag.partner_id == 3
    assert "Mitra 3" in flag.reason


def test_a_worked_example():
    # Value shares: 3/4 and 1/4; categories 2 and 1 (2/3, 1/3); no deliveries, nothing led.
    result = contribution_balance(
        partners(2),
        [
            PledgeFact(1, "support", Decimal(300)),
            PledgeFact(1, "oversight", Decimal(0)),
            PledgeFact(2, "reach", Decimal(100)),
        ],
        today=TODAY,
    )
    first, second = result.partners
    assert first.score == (3 / 4 + 2 / 3) / 2
    assert second.score == (1 / 4 + 1 / 3) / 2
    # 1 − Σ|si − sj| / (2 (n − 1) Σ s) with n = 2: 1 − |s1 − s2|
    assert abs(result.index - (1 - abs(first.score - second.score))) < 1e-12
    assert result.components == ("pledged", "categories")
    assert any("value delivered" in reason for reason in result.reasons)


def test_fulfilment_counts_only_what_is_due_and_caps_each_pledge():
    result = contribution_balance(
        partners(2),
        [
            PledgeFact(1, "support", Decimal(100), Decimal(150), dt.date(2026, 1, 1)),
            PledgeFact(1, "support", Decimal(100), Decimal(0), dt.date(2026, 5, 1)),
            PledgeFact(1, "support", Decimal(100), Decimal(0), dt.date(2027, 1, 1)),
            PledgeFact(2, "reach", Decimal(50)),
        ],
        today=TODAY,
    )
    first, second = result.partners
    assert first.fulfilment == 0.5  # (min(150, 100) + 0) / (100 + 100)
    assert second.fulfilment is None


def test_nothing_recorded_gives_zero_with_a_reason():
    result = contribution_balance(partners(3), [], today=TODAY)
    assert result.index == 0.0
    assert result.reasons[0] == "No contributions recorded yet."
    assert len(result.flags) == 3


def test_the_gini_index_of_known_distributions():
    assert balance_index([1, 1, 1, 1]) == 1.0
    assert balance_index([1, 0, 0, 0]) == 0.0
    assert balance_index([0.5]) == 0.0
    # Σ|si − sj| over ordered pairs of (0.5, 0.5, 0) = 2 × (0.5 + 0.5) = 2; / (2 × 2 × 1)
    assert balance_index([0.5, 0.5, 0]) == 0.5
