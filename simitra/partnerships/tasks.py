"""Background tasks of the partnerships app (django-tasks, database queue; `manage.py
db_worker` runs them)."""

from django_tasks import task

from . import invitations


@task()
def send_invitation_emails(partner_id: int, addresses: list[str]) -> int:
    """E-mail an invitation to the invited organisation's members and to `addresses` (people
    without an account, with a link to join); returns the number of e-mails sent."""
    return invitations.send_invitation_emails(partner_id, addresses)
