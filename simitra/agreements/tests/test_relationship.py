"""The transactional / collaborative suggestion (pure)."""

from decimal import Decimal

from django.utils import translation

from simitra.agreements.relationship import RelationshipFacts, suggest_relationship


def suggest(pledges=0, own=0, received=0):
    return suggest_relationship(
        RelationshipFacts(1, "Yayasan Uji", pledges, Decimal(own), Decimal(received))
    )


def test_a_partner_only_paid_for_services_is_transactional():
    suggestion = suggest(received=900_000_000)
    assert suggestion.kind == "transactional"
    assert "Rp900.000.000" in suggestion.reason and "Yayasan Uji" in suggestion.reason


def test_a_partner_contributing_little_of_its_own_is_mostly_a_sub_contract():
    assert suggest(pledges=1, own=50_000_000, received=900_000_000).kind == "transactional"


def test_a_partner_that_contributes_is_collaborative_even_when_paid():
    assert suggest(pledges=2, own=363_000_000, received=900_000_000).kind == "collaborative"
    assert suggest(pledges=1, own=0).kind == "collaborative"


def test_nothing_recorded_is_undetermined():
    assert suggest().kind == "undetermined"


def test_the_reason_says_the_money_in_the_readers_language():
    with translation.override("en"):
        assert "Rp900,000,000" in suggest(received=900_000_000).reason
    with translation.override("id"):
        assert "Rp900.000.000" in suggest(received=900_000_000).reason
