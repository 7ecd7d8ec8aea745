"""Early-warning thresholds are configurable per deployment: a setting, else the environment."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from simitra.early_warning.conf import warning_thresholds
from simitra.early_warning.warning import Thresholds


def test_the_defaults_are_the_documented_ones():
    assert warning_thresholds() == Thresholds()
    assert Thresholds().pair("governance_quiet") == (120, 180)
    assert Thresholds().pair("health_low") == (Decimal("3.0"), Decimal("2.5"))


def test_a_setting_overrides_the_default(settings):
    settings.SIMITRA_WARNING_QUIET_DAYS_AMBER = 60
    settings.SIMITRA_WARNING_HEALTH_LOW_AMBER = "3.5"
    thresholds = warning_thresholds()
    assert thresholds.quiet_days_amber == 60
    assert thresholds.health_low_amber == Decimal("3.5")


def test_the_environment_overrides_the_default(monkeypatch):
    monkeypatch.setenv("SIMITRA_WARNING_GRACE_DAYS", "14")
    monkeypatch.setenv("SIMITRA_WARNING_SILENT_DAYS", "90")
    thresholds = warning_thresholds()
    assert (thresholds.grace_days, thresholds.silent_days) == (14, 90)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SIMITRA_WARNING_ACTIVITIES_AMBER", "many"),
        ("SIMITRA_WARNING_ACTIVITIES_RED", "0"),  # red before amber
        ("SIMITRA_WARNING_HEALTH_LOW_RED", "3.5"),  # "below 3.5" would come before "below 3.0"
        ("SIMITRA_WARNING_DECISIONS_AMBER", "0"),  # every partnership would be amber
        ("SIMITRA_WARNING_GRACE_DAYS", "-1"),
    ],
)
def test_a_wrong_value_stops_with_a_clear_error(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match="SIMITRA_WARNING|thresholds of"):
        warning_thresholds()
