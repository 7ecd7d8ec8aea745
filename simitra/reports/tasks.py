"""Background tasks of the reports (django-tasks, database queue; `manage.py db_worker` runs
them).

Schedule the nightly run with cron, late in the evening so a period's draft is made on its
last day once the day's work is in (a missed night is caught up on the next):

    30 23 * * *  cd /srv/simitra && .venv/bin/python manage.py make_scheduled_reports --enqueue
"""

from django_tasks import task

from . import schedules


@task()
def scheduled_reports() -> dict:
    """Make the scheduled drafts whose period has ended and remind the coordinators of those
    whose narrative is due soon; returns the counts."""
    return schedules.run_schedules()


@task()
def render_report(job_id: int) -> str:
    """Render a report's files for its `RenderJob` (a preview or the finalisation); the job
    holds the progress the report page shows."""
    from .rendering import run_job

    return run_job(job_id)
