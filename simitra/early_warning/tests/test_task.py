"""The nightly recompute runs through the real database queue: queued, run by the worker,
and its alert is there (and e-mailed)."""

import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from simitra.early_warning import warning
from simitra.early_warning.models import Alert, PartnershipWarning
from simitra.early_warning.tasks import recompute_all_warnings
from simitra.governance.models import Decision
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world

from .warning_data import NOW, ago

# The worker commits and checks its connection as in production: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def overdue_decision(transactional_db):
    world = build_world(phase=Phase.MANAGING)
    Decision.objects.create(
        partnership=world.partnership, text="Lapor dana", owner=world.partner_a, due_date=ago(30)
    )
    return world


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


def test_the_task_queued_is_run_by_the_worker_and_raises_the_alert(overdue_decision):
    with time_machine.travel(NOW, tick=False):
        result = recompute_all_warnings.enqueue()
        row = DBTaskResult.objects.get(id=result.id)
        assert row.status == TaskResultStatus.READY
        assert not Alert.objects.exists()
        run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value["raised"] == 1
    alert = Alert.objects.get()
    assert (alert.partnership, alert.signal) == (
        overdue_decision.partnership,
        warning.DECISIONS_OVERDUE,
    )
    assert PartnershipWarning.objects.get(partnership=overdue_decision.partnership).level == "amber"
    assert [email.to for email in mail.outbox] == [["coord@example.test"]]


def test_the_command_for_cron_queues_the_task(overdue_decision):
    out = io.StringIO()
    call_command("recompute_warnings", "--enqueue", stdout=out)
    row = DBTaskResult.objects.get()
    assert row.task_path == "simitra.early_warning.tasks.recompute_all_warnings"
    assert str(row.id) in out.getvalue()
    with time_machine.travel(NOW, tick=False):
        run_worker()
        run_worker()  # a second night with nothing new: still one alert, one e-mail
    assert Alert.objects.count() == 1
    assert len(mail.outbox) == 1
