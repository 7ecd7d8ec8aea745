"""The background task of the webhooks (django-tasks, database queue; `manage.py db_worker`
runs it)."""

from django_tasks import task

from . import services


@task()
def deliver(delivery_id: int) -> str:
    """One try of a webhook delivery; a failed try enqueues the next one, later."""
    return services.deliver(delivery_id)
