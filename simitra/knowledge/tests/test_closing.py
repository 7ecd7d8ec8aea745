"""Ending a partnership: completed (from Sustaining, with a sustainability plan) or terminated
(with a written reason). Coordinator only."""

import pytest
from django.urls import reverse

from simitra.knowledge import services
from simitra.knowledge.models import SustainabilityPlan
from simitra.partnerships.models import Partnership, Phase

pytestmark = pytest.mark.django_db


def close_url(world):
    return reverse("knowledge:close", args=[world.partnership.code])


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def plan_for(partnership):
    return SustainabilityPlan.objects.create(
        partnership=partnership,
        what_continues="a",
        carried_by="b",
        funding_after_end="c",
        dependency_avoidance="d",
        exit_criteria="e",
    )


def test_a_partnership_with_a_plan_is_completed(sustaining, client_for):
    plan_for(sustaining.partnership)
    response = client_for(sustaining.coordinator).post(
        close_url(sustaining), {"outcome": "completed", "reason": "Tujuan tercapai."}
    )
    assert response.status_code == 302
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.status == Partnership.Status.COMPLETED
    assert sustaining.partnership.closing_reason == "Tujuan tercapai."


def test_completing_without_a_plan_is_refused(sustaining, client_for):
    response = english(client_for(sustaining.coordinator)).post(
        close_url(sustaining), {"outcome": "completed"}
    )
    assert response.status_code == 409
    assert "Write the sustainability plan before completing" in response.content.decode()
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.status == Partnership.Status.ACTIVE


def test_completing_before_sustaining_is_refused(sustaining):
    plan_for(sustaining.partnership)
    sustaining.partnership.phase = Phase.MANAGING
    sustaining.partnership.save()
    with pytest.raises(services.ClosingRefused):
        services.close_partnership(
            partnership=sustaining.partnership,
            closed_by=sustaining.coordinator,
            outcome="completed",
        )


def test_terminating_needs_a_reason(sustaining, client_for):
    client = english(client_for(sustaining.coordinator))
    response = client.post(close_url(sustaining), {"outcome": "terminated", "reason": "  "})
    assert response.status_code == 200
    assert "Say why the partnership is terminated." in response.content.decode()
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.status == Partnership.Status.ACTIVE
    client.post(close_url(sustaining), {"outcome": "terminated", "reason": "Dana dihentikan."})
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.status == Partnership.Status.TERMINATED
    assert sustaining.partnership.closing_reason == "Dana dihentikan."


def test_a_partnership_may_be_terminated_from_any_phase(sustaining):
    sustaining.partnership.phase = Phase.MANAGING
    sustaining.partnership.save()
    services.close_partnership(
        partnership=sustaining.partnership,
        closed_by=sustaining.coordinator,
        outcome="terminated",
        reason="Mitra utama mundur.",
    )
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.is_closed


def test_a_partnership_ends_once(sustaining):
    plan_for(sustaining.partnership)
    services.close_partnership(
        partnership=sustaining.partnership, closed_by=sustaining.coordinator, outcome="completed"
    )
    with pytest.raises(services.ClosingRefused):
        services.close_partnership(
            partnership=sustaining.partnership,
            closed_by=sustaining.coordinator,
            outcome="terminated",
            reason="x",
        )


def test_an_unknown_outcome_is_refused(sustaining, client_for):
    response = client_for(sustaining.coordinator).post(close_url(sustaining), {"outcome": "active"})
    assert response.status_code == 200
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.status == Partnership.Status.ACTIVE


@pytest.mark.parametrize(
    "who, status", [("partner_user", 403), ("observer", 403), ("outsider", 404)]
)
def test_only_the_coordinator_ends_it(sustaining, client_for, who, status):
    plan_for(sustaining.partnership)
    response = client_for(getattr(sustaining, who)).post(
        close_url(sustaining), {"outcome": "terminated", "reason": "Tidak berhak"}
    )
    assert response.status_code == status
    sustaining.partnership.refresh_from_db()
    assert sustaining.partnership.status == Partnership.Status.ACTIVE


def test_the_panel_shows_what_completion_needs_and_the_outcome(sustaining, client_for):
    panel = reverse("knowledge:closing", args=[sustaining.partnership.code])
    client = english(client_for(sustaining.partner_user))
    body = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "To complete: a sustainability plan (none yet)." in body
    assert close_url(sustaining) not in body  # a partner sees no form
    services.close_partnership(
        partnership=sustaining.partnership,
        closed_by=sustaining.coordinator,
        outcome="terminated",
        reason="Dana dihentikan.",
    )
    body = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "Terminated" in body and "Dana dihentikan." in body


def close(world, outcome, reason=""):
    return services.close_partnership(
        partnership=world.partnership, closed_by=world.coordinator, outcome=outcome, reason=reason
    )


@pytest.mark.parametrize(
    ("outcome", "reason", "label"),
    [("completed", "", "Selesai"), ("terminated", "Dana berhenti.", "Dihentikan")],
)
def test_ending_is_written_in_the_cycle_history(sustaining, client_for, outcome, reason, label):
    plan_for(sustaining.partnership)
    close(sustaining, outcome, reason)
    entry = sustaining.partnership.transitions.get()
    assert entry.outcome == outcome and entry.moved_by == sustaining.coordinator
    assert entry.from_phase == entry.to_phase == Phase.SUSTAINING
    assert entry.reason == reason
    client = client_for(sustaining.coordinator)
    history = client.get(reverse("partnerships:history", args=[sustaining.partnership.code]))
    assert f"Keberlanjutan → {label}" in history.content.decode()


@pytest.mark.parametrize(
    ("outcome", "label"), [("completed", "Selesai"), ("terminated", "Dihentikan")]
)
def test_the_header_says_how_it_ended(sustaining, client_for, outcome, label):
    plan_for(sustaining.partnership)
    close(sustaining, outcome, "Dana berhenti.")
    page = client_for(sustaining.coordinator).get(sustaining.partnership.get_absolute_url())
    header = page.content.decode().split('<ol class="stepper"')[0]
    assert f'status-{outcome}">{label}</span>' in header


def test_an_active_partnership_s_header_names_no_ending(sustaining, client_for):
    page = client_for(sustaining.coordinator).get(sustaining.partnership.get_absolute_url())
    header = page.content.decode().split('<ol class="stepper"')[0]
    assert "Selesai" not in header and "Dihentikan" not in header


def test_ending_resolves_the_open_alerts(sustaining):
    from simitra.early_warning.models import Alert
    from simitra.early_warning.tests.warning_data import make_alert

    plan_for(sustaining.partnership)
    for signal in ("decisions_overdue", "activities_overdue", "pledges_past_due"):
        make_alert(sustaining.partnership, signal=signal)
    close(sustaining, "completed")
    assert not Alert.objects.open().filter(partnership=sustaining.partnership).exists()
    assert Alert.objects.filter(partnership=sustaining.partnership).count() == 3
