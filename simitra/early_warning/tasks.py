"""Background tasks of the early warning (django-tasks, database queue; `manage.py db_worker`
runs them).

- `recompute_partnership_warning(partnership_id)`: queued by `request_recompute`, which the
  writers of a signal's input reach through `simitra.partnerships.recompute.inputs_changed`
  once their transaction commits. Coalesced: while a task of the partnership waits in the queue,
  no second one is added (the waiting one will read the new data when it runs).
- `recompute_all_warnings()`: the nightly run over every active partnership (dates move on even
  when nothing is written: an activity becomes overdue at midnight). Schedule it with cron,
  e.g. at 01:30 every night:

    30 1 * * *  cd /srv/simitra && .venv/bin/python manage.py recompute_warnings --enqueue

The warning panel only reads the stored state; it never recomputes.
"""

from django.db import transaction
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from simitra.partnerships.models import Partnership

from .alerting import recompute_all_warnings as recompute_all
from .alerting import recompute_warnings


@task()
def recompute_all_warnings() -> dict:
    """Recompute the early warning of every active partnership, raise and resolve alerts and
    e-mail the coordinators; returns what it did (counts)."""
    return recompute_all()


@task()
def recompute_partnership_warning(partnership_id: int) -> dict:
    """Recompute one partnership's early warning (its alerts raised, resolved and e-mailed)."""
    return recompute_warnings(Partnership.objects.filter(pk=partnership_id)).as_dict()


def _waiting(partnership_id: int) -> bool:
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=recompute_partnership_warning.module_path,
        args_kwargs__kwargs__partnership_id=partnership_id,
    ).exists()


def request_recompute(partnership_id: int) -> None:
    """The one way to ask for a partnership's recompute: one task queued, unless one is already
    waiting. The check and the insert run under the partnership's row lock (PostgreSQL), so
    two writers asking at once queue one task; when the row is held by a recompute running now
    (which may have read the data before this write), a task is queued without looking."""
    if not isinstance(recompute_partnership_warning.get_backend(), DatabaseBackend):
        recompute_partnership_warning.enqueue(partnership_id=partnership_id)
        return
    with transaction.atomic():
        locked = list(
            Partnership.objects.select_for_update(no_key=True, skip_locked=True)
            .filter(pk=partnership_id)
            .values_list("pk", flat=True)
        )
        if locked and _waiting(partnership_id):
            return
        recompute_partnership_warning.enqueue(partnership_id=partnership_id)
