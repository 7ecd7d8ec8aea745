"""The early warning is recomputed after the writes that change what its signals read: the
writer asks once its transaction commits, one task per partnership waits in the database queue
(coalesced), the worker runs it, and the card then shows the new level. Viewing writes nothing."""

import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from simitra.early_warning.models import PartnershipWarning
from simitra.early_warning.tasks import recompute_partnership_warning
from simitra.governance.models import Decision
from simitra.partnerships import recompute
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world, make_partnership
from simitra.resources.testing import make_pledge

from .warning_data import NOW, ago

# The worker commits as in production, and the writers ask only once they commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(transactional_db):
    return build_world(phase=Phase.MANAGING)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


def waiting(partnership=None):
    tasks = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=recompute_partnership_warning.module_path
    )
    if partnership is not None:
        tasks = tasks.filter(args_kwargs__kwargs__partnership_id=partnership.pk)
    return tasks


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def card(client, world) -> str:
    """The overview card, checking that showing it wrote nothing."""
    path = reverse("early_warning:warning", args=[world.partnership.code]) + "?overview=1"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    return response.content.decode()


def add_decision(client, world, text, due):
    response = client.post(
        reverse("governance:decision_add", args=[world.partnership.code]),
        {"text": text, "owner": world.partner_a.pk, "due_date": due.isoformat(), "status": "open"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Decision.objects.get(partnership=world.partnership, text=text)


def test_a_write_queues_one_recompute_and_the_card_shows_the_new_level_after_it_ran(
    world, client_for
):
    client = english(client_for(world.coordinator))
    assert "Not assessed" in card(client, world)
    first = add_decision(client, world, "Lapor dana", ago(30))
    add_decision(client, world, "Kirim data", ago(20))
    # Two writes, one task waiting (coalesced per partnership); nothing computed yet.
    assert waiting(world.partnership).count() == 1
    assert "Not assessed" in card(client, world)

    run_worker()
    assert not waiting().exists()
    assert PartnershipWarning.objects.get(partnership=world.partnership).level == "amber"
    body = card(client, world)
    assert "Amber" in body and "Decisions overdue" in body

    # The decisions are done: the card turns once the queued task has run.
    for decision in Decision.objects.filter(partnership=world.partnership):
        response = client.post(
            reverse("governance:decision_edit", args=[world.partnership.code, decision.pk]),
            {
                "text": decision.text,
                "owner": world.partner_a.pk,
                "due_date": decision.due_date.isoformat(),
                "status": "done",
                "done_on": ago(1).isoformat(),
            },
        )
        assert response.status_code == 302
    assert waiting(world.partnership).count() == 1
    assert "Amber" in card(client, world)  # still the stored state until the task runs
    run_worker()
    state = PartnershipWarning.objects.get(partnership=world.partnership)
    assert state.level != "amber"
    assert "Decisions overdue" not in card(client, world)
    assert first.pk  # the same records, edited


def test_each_partnership_gets_its_own_task_and_a_running_one_does_not_swallow_a_later_write(
    world, client_for
):
    other = make_partnership(phase=Phase.MANAGING, title="Kemitraan lain")
    recompute.inputs_changed(world.partnership.pk)
    recompute.inputs_changed(other.pk)
    recompute.inputs_changed(world.partnership.pk)
    assert waiting(world.partnership).count() == 1 and waiting(other).count() == 1
    # Once claimed by the worker (running), a new write queues a new task.
    waiting(world.partnership).update(status=TaskResultStatus.RUNNING)
    recompute.inputs_changed(world.partnership.pk)
    assert waiting(world.partnership).count() == 1


def test_writes_of_one_transaction_ask_once_and_a_rolled_back_write_asks_nothing(world):
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for _ in range(50):
            recompute.inputs_changed(world.partnership.pk)
    assert waiting(world.partnership).count() == 1
    assert len(queries.captured_queries) < 10  # one look at the queue and one insert, not 50
    waiting().delete()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        recompute.inputs_changed(world.partnership.pk)
        raise Undone
    assert not waiting().exists()
    # After a rolled-back savepoint the outer transaction still asks.
    with transaction.atomic():
        try:
            with transaction.atomic():
                recompute.inputs_changed(world.partnership.pk)
                raise Undone
        except Undone:
            pass
        recompute.inputs_changed(world.partnership.pk)
    assert waiting(world.partnership).count() == 1


def test_the_api_and_the_services_ask_for_their_records_only(world):
    pledge = make_pledge(world.partner_a)
    waiting().delete()
    recompute.record_changed(world.org_a)  # an organisation is no signal's input
    assert not waiting().exists()
    recompute.record_changed(pledge)
    assert waiting(world.partnership).count() == 1


def test_a_service_asks_once_its_write_commits(world):
    from simitra.resources.services import cancel_pledge

    pledge = make_pledge(world.partner_a)
    waiting().delete()
    with transaction.atomic():
        cancel_pledge(pledge=pledge, reason="Dana tidak tersedia")
        assert not waiting().exists()  # not before the commit
    assert waiting(world.partnership).count() == 1
    run_worker()
    state = PartnershipWarning.objects.get(partnership=world.partnership)
    assert state.computed_at == NOW
