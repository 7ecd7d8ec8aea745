"""A period closed by the coordinator (issue 14's refusal case): the device's lists no longer
offer it, and an entry made for it offline is refused with the server's message when it is
sent, recording nothing; once fixed (another period) it is sent again with the same key."""

import uuid

import pytest
from django.urls import reverse

from simitra.field.models import Submission
from simitra.results import services
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator

pytestmark = pytest.mark.django_db


def test_a_closed_period_leaves_the_lists_and_refuses_an_entry(world, client_for, time_machine):
    time_machine.move_to("2025-05-15")
    indicator = make_indicator(world.partnership, world.partner_a, periods=2)
    first, second = indicator.periods.order_by("start")
    client = client_for(world.partner_user)
    lists = client.get(reverse("field:reference")).json()
    assert {p["id"] for p in lists["periods"]} == {first.pk, second.pk}
    entry = {
        "key": str(uuid.uuid4()),
        "partnership": world.partnership.code,
        "indicator": indicator.pk,
        "period": first.pk,
        "value": "12",
    }
    # Closed while the entry waited on the phone.
    services.close_period(period=first, closed_by=world.coordinator)
    lists = client.get(reverse("field:reference")).json()
    assert [p["id"] for p in lists["periods"]] == [second.pk]

    send = reverse("field:send", args=["value"])
    response = client.post(send, entry)
    assert response.status_code == 400
    assert "Periode ini sudah ditutup" in str(response.json())
    assert not IndicatorValue.objects.exists()
    assert not Submission.objects.filter(key=entry["key"]).exists()  # resend with the same key

    response = client.post(send, {**entry, "period": second.pk})
    assert response.status_code == 200, response.content
    assert IndicatorValue.objects.get().period == second
