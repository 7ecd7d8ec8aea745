"""Entries sent from a device's outbox take effect once, whatever the connection does."""

import re
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from simitra.accounts.models import User

from .models import Submission

KEY = re.compile(r"[A-Za-z0-9-]{8,64}")


class Refused(Exception):
    """The server does not record the entry; the device keeps it with this message."""

    def __init__(self, status: int, message: str, errors: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or {}

    def answer(self) -> dict:
        return {"ok": False, "message": self.message, "errors": self.errors}


def submit_once(*, user: User, key: str, kind: str, record: Callable[[], dict]) -> dict:
    """Record an entry through `record()` (which calls the owning app's service and answers
    what to tell the device), once per key and user. The key's row is inserted first, in the
    same transaction as the record: a second send of the same key waits on the unique index
    until the first has committed, then reads its answer; a refused entry rolls its row back,
    so the same key can be sent again once the user has fixed it."""
    if not KEY.fullmatch(key or ""):
        raise Refused(400, _("This entry has no valid key: send it again from the outbox."))
    with transaction.atomic():
        submission, created = Submission.objects.get_or_create(
            user=user, key=key, defaults={"kind": kind}
        )
        if not created:
            if submission.kind != kind:
                raise Refused(409, _("This key was already used for another kind of entry."))
            return {**submission.answer, "replayed": True}
        answer = {"ok": True, **record()}
        submission.answer = answer
        submission.save(update_fields=["answer"])
    return {**answer, "replayed": False}
