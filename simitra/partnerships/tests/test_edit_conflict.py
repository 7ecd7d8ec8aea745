"""Saving a partnership's form opened before someone else saved it does not undo their change:
it is refused with 409 and both versions; saving again then keeps the user's own."""

import pytest
from django.urls import reverse

from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in (None, "")]
        data[name] = "" if value is None else value
    return data


def test_an_older_form_is_refused_with_both_versions_and_then_saved_knowingly(world, client_for):
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    url = reverse("partnerships:edit", args=[world.partnership.code])
    first, second = client_for(world.coordinator), client_for(world.coordinator)
    mine = _form_data(first.get(url))
    theirs = _form_data(second.get(url))

    theirs["summary"] = "Ringkasan yang disimpan lebih dulu"
    assert second.post(url, theirs).status_code == 302

    mine["title"] = "Judul saya"
    refused = first.post(url, mine)
    assert refused.status_code == 409
    body = refused.content.decode()
    assert "Someone else saved this after you opened the form" in body
    assert "Ringkasan yang disimpan lebih dulu" in body  # the saved version, shown
    stored = Partnership.objects.get(pk=world.partnership.pk)
    assert stored.summary == "Ringkasan yang disimpan lebih dulu"
    assert stored.title != "Judul saya"  # nothing written

    # The form now carries the saved version: saving again is the user's choice.
    again = _form_data(refused)
    assert again["title"] == "Judul saya"
    assert first.post(url, again).status_code == 302
    assert Partnership.objects.get(pk=world.partnership.pk).title == "Judul saya"


def test_a_form_saved_twice_by_its_own_user_in_turn_is_not_refused(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("partnerships:edit", args=[world.partnership.code])
    data = _form_data(client.get(url))
    data["title"] = "Judul pertama"
    assert client.post(url, data).status_code == 302
    data = _form_data(client.get(url))
    data["title"] = "Judul kedua"
    assert client.post(url, data).status_code == 302


def test_a_code_no_url_can_carry_is_refused_with_a_message_not_a_server_error(world, client_for):
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    client = client_for(world.coordinator)
    url = reverse("partnerships:edit", args=[world.partnership.code])
    data = _form_data(client.get(url))
    data["code"] = "uji override!!"
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert response.context["form"].errors["code"]
    assert Partnership.objects.get(pk=world.partnership.pk).code == world.partnership.code
