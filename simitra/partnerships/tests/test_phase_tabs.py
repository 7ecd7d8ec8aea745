"""Links to a phase's tab are derived from `Phase`, never written as a number in a template."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

from simitra.partnerships.models import Partnership, Phase

ROOT = Path(__file__).resolve().parents[3]


def test_no_template_writes_a_tab_number():
    written = [
        str(path.relative_to(ROOT))
        for path in [
            *ROOT.glob("simitra/**/templates/**/*.html"),
            *ROOT.glob("templates/**/*.html"),
        ]
        if re.search(r"\?tab=\d", path.read_text())
    ]
    assert written == []


@pytest.mark.parametrize("phase", Phase, ids=lambda phase: phase.name)
def test_the_tag_opens_the_phase_tab(phase):
    partnership = Partnership(code="NTT-STUNTING-2025")
    rendered = Template(
        "{% load phases %}{% phase_tab_url partnership name %}|{% phase_tab_query name %}"
    ).render(Context({"partnership": partnership, "name": phase.name}))
    assert rendered == f"/kemitraan/NTT-STUNTING-2025/?tab={phase.value}|?tab={phase.value}"
    assert partnership.tab_url(phase) == f"/kemitraan/NTT-STUNTING-2025/?tab={phase.value}"
    assert partnership.tab_url(phase.value) == partnership.tab_url(phase)
    assert phase.tab_query == f"?tab={phase.value}"


def test_the_page_tabs_and_stepper_link_each_phase_by_its_query(world, client_for):
    body = client_for(world.coordinator).get(world.partnership.get_absolute_url()).content.decode()
    for phase in Phase:
        assert f'href="?tab={phase.value}"' in body


def test_an_unknown_phase_name_fails_loudly():
    with pytest.raises((KeyError, TemplateSyntaxError)):
        Template('{% load phases %}{% phase_tab_query "PLANNING" %}').render(Context())
