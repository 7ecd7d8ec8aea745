"""`manage.py recompute_warnings`: now, for one partnership, or queued for the worker."""

import io

import pytest
from django.core.management import CommandError, call_command

from simitra.early_warning.models import PartnershipWarning
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world

pytestmark = pytest.mark.django_db


def test_it_recomputes_every_active_partnership_now():
    world = build_world(phase=Phase.MANAGING)
    out = io.StringIO()
    call_command("recompute_warnings", stdout=out)
    assert "partnerships: 1" in out.getvalue()
    assert PartnershipWarning.objects.get(partnership=world.partnership).level == "unknown"


def test_it_recomputes_one_partnership_by_its_code():
    world = build_world(phase=Phase.MANAGING)
    out = io.StringIO()
    call_command("recompute_warnings", "--code", world.partnership.code, stdout=out)
    assert "partnerships: 1" in out.getvalue()


def test_it_refuses_an_unknown_code_and_a_queued_single_partnership():
    with pytest.raises(CommandError, match="No partnership with the code 'NOPE'"):
        call_command("recompute_warnings", "--code", "NOPE")
    with pytest.raises(CommandError, match="leave out --code"):
        call_command("recompute_warnings", "--enqueue", "--code", "X")
