import json

import pytest
from django.urls import reverse

from simitra.partnerships.testing import make_organisation, make_partner
from simitra.scoping.models import ProblemNode, SolutionOption

from .helpers import in_english, make_need, make_node, make_problem

pytestmark = pytest.mark.django_db


def test_the_chart_counts_the_ideas_of_each_partner(world, client_for):
    in_english(world.coordinator)
    make_problem(world.partnership, proposed_by=world.org_b)
    make_node(world.partnership, "Sebab", proposed_by=world.org_a)
    make_node(world.partnership, "Efek", kind=ProblemNode.Kind.EFFECT, proposed_by=world.org_a)
    make_need(world.partnership, proposed_by=world.org_a)
    SolutionOption.objects.create(partnership=world.partnership, title="Opsi")
    former = make_organisation("Bekas Mitra")
    make_partner(world.partnership, former, status="withdrawn")
    make_need(world.partnership, proposed_by=former)
    response = client_for(world.coordinator).get(
        reverse("scoping:cocreation", args=[world.partnership.code])
    )
    body = response.content.decode()
    config = json.loads(
        body.split('id="cocreation-chart" type="application/json">')[1].split("</script>")[0]
    )
    counts = dict(zip(config["data"]["labels"], config["data"]["datasets"][0]["data"], strict=True))
    assert counts == {
        "PT Mitra Usaha": 3,
        "Dinas Kesehatan": 1,
        "Bekas Mitra": 1,
        "Sekretariat Kemitraan": 0,
    }
    assert "not a partner" in body
    assert "No idea recorded yet from: Sekretariat Kemitraan." in body
    assert "1 idea has no proposer recorded." in body
    assert "<script>" not in body  # the chart's data travels as JSON, drawn by our own script


def test_the_outsider_does_not_see_the_chart(world, client_for):
    url = reverse("scoping:cocreation", args=[world.partnership.code])
    assert client_for(world.outsider).get(url).status_code == 404
