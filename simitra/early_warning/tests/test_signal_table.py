"""Every early-warning signal is declared once, in `warning.KINDS`, and each row is whole."""

import dataclasses

import pytest
from django.utils import translation

from simitra.early_warning import warning

THRESHOLD_FIELDS = {field.name for field in dataclasses.fields(warning.Thresholds)}


def test_the_codes_are_the_table_in_order_and_unique():
    codes = [kind.code for kind in warning.KINDS]
    assert len(codes) == len(set(codes)) == 11
    assert tuple(codes) == warning.SIGNALS
    assert list(warning.LABELS) == list(warning.WATCHED_IN) == list(warning.CHECKS) == codes


@pytest.mark.parametrize("kind", warning.KINDS, ids=lambda kind: kind.code)
def test_each_row_is_whole(kind):
    assert {f"{kind.thresholds}_amber", f"{kind.thresholds}_red"} <= THRESHOLD_FIELDS
    assert set(kind.phases) <= set(range(1, 8)) and kind.phases
    with translation.override("en"):
        assert str(kind.label)
        absent = kind.check(
            warning.PartnershipFacts(phase=5), warning.dt.date(2026, 11, 20), warning.Thresholds()
        )
        assert absent.code == kind.code
        assert warning.describe(absent)


def test_only_low_health_falls_below():
    assert {warning.HEALTH_LOW} == warning.FALLING_BELOW


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        warning.describe(warning.Signal(code="nope", state=warning.OK))
