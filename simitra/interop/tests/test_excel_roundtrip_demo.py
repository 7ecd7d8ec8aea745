"""The demo's exports, imported again unmodified by each demo role: every row unchanged, nothing
written (the demo has contributions, deliveries and indicator values in every state)."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from simitra.accounts.models import User
from simitra.interop.excel import spec as sheets
from simitra.interop.excel.workbook import import_workbook, write_list
from simitra.lib.testing import shared_rows
from simitra.organisations.models import Organisation
from simitra.resources.models import Delivery, Pledge
from simitra.results.models import IndicatorValue

pytestmark = pytest.mark.django_db

MODELS = [Organisation, Pledge, Delivery, IndicatorValue]
IMPORTABLE = [s.key for s in sheets.sheets() if s.importable and s.export_rows]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from shared_rows(django_db_blocker, call_command, "load_demo", stdout=io.StringIO())


def written() -> dict:
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}


@pytest.mark.parametrize("key", IMPORTABLE)
@pytest.mark.parametrize("username", ["koordinator", "mitra", "pemantau"])
def test_a_demo_export_imports_again_as_a_no_op(demo, key, username):
    user = User.objects.get(username=username)
    spec = sheets.get_sheet(key)
    out = io.BytesIO()
    with translation.override("id"):
        rows = write_list(spec, spec.export_rows(user), out)
    before = written()
    outcome = import_workbook(spec, out.getvalue(), user)
    assert (outcome.created, outcome.updated) == (0, 0)
    assert outcome.unchanged > 0 and outcome.unchanged <= rows
    assert written() == before
