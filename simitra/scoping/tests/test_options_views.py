import pytest
from django.urls import reverse

from simitra.scoping.models import ProblemNode, SolutionOption

from .helpers import in_english, make_node

pytestmark = pytest.mark.django_db


def url(world, name="scoping:options", *args):
    return reverse(name, args=[world.partnership.code, *args])


def test_an_option_is_linked_to_the_causes_it_addresses(world, client_for):
    cause = make_node(world.partnership, "Pangan mahal")
    make_node(world.partnership, "Efek", kind=ProblemNode.Kind.EFFECT)
    response = client_for(world.coordinator).post(
        url(world, "scoping:option_add"),
        {"title": "PMT lokal", "causes": [cause.pk], "proposed_by": world.org_a.pk},
    )
    assert response.status_code == 302
    option = SolutionOption.objects.get()
    assert list(option.causes.all()) == [cause] and not option.chosen
    body = client_for(world.observer).get(url(world)).content.decode()
    assert "PMT lokal" in body and "Pangan mahal" in body


def test_an_effect_cannot_be_addressed_as_a_cause(world, client_for):
    effect = make_node(world.partnership, "Efek", kind=ProblemNode.Kind.EFFECT)
    response = client_for(world.coordinator).post(
        url(world, "scoping:option_add"), {"title": "x", "causes": [effect.pk]}
    )
    assert response.status_code == 200
    assert not SolutionOption.objects.exists()


def test_choosing_an_option_needs_a_reason(world, client_for):
    in_english(world.coordinator)
    client = client_for(world.coordinator)
    response = client.post(url(world, "scoping:option_add"), {"title": "PMT lokal", "chosen": "on"})
    assert "Say why this option is chosen." in response.content.decode()
    assert not SolutionOption.objects.exists()
    client.post(
        url(world, "scoping:option_add"),
        {"title": "PMT lokal", "chosen": "on", "choice_reason": "Data survei"},
    )
    option = SolutionOption.objects.get()
    assert option.chosen and option.choice_reason == "Data survei"


def test_access_to_options(world, client_for):
    option = SolutionOption.objects.create(partnership=world.partnership, title="x")
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:option_edit", option.pk), {"title": "y"})
        .status_code
        == 403
    )
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:option_delete", option.pk))
        .status_code
        == 403
    )
    option.refresh_from_db()
    assert option.title == "x"
