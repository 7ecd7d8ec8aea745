"""Background tasks of the notifications (django-tasks, database queue; `manage.py db_worker`
runs them).

Schedule the nightly run (reminder ladder, then the digests) with cron, e.g. at 02:00:

    0 2 * * *  cd /srv/simitra && .venv/bin/python manage.py send_notifications --enqueue
"""

from django_tasks import task

from . import ladder, services


@task()
def email_notification(notification_id: int) -> int:
    """E-mail one notification to a recipient who wants it at once."""
    return services.email_notification(notification_id)


@task()
def nightly() -> dict:
    """The reminder ladder, then the daily (and on its day the weekly) digests."""
    return ladder.nightly()
