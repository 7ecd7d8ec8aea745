"""Background tasks of the early warning (django-tasks, database queue; `manage.py db_worker`
runs them).

Schedule the nightly recompute with cron, e.g. at 01:30 every night:

    30 1 * * *  cd /srv/simitra && .venv/bin/python manage.py recompute_warnings --enqueue
"""

from django_tasks import task

from .alerting import recompute_all_warnings as recompute_all


@task()
def recompute_all_warnings() -> dict:
    """Recompute the early warning of every active partnership, raise and resolve alerts and
    e-mail the coordinators; returns what it did (counts)."""
    return recompute_all()
