"""Per-deployment knobs of the notifications (a Django setting of the name, failing that an
environment variable of the same name, failing that the default):

    SIMITRA_REMINDER_STEPS   "before=-7,due=0,overdue=7,escalated=14"
        the reminder ladder: each step's day counted from the due date (negative: before it).
        `before`, `due` and `overdue` go to the representatives of the partner that owes the
        thing, `escalated` to the partnership's coordinators. Leave a step out to skip it.
        A dict in settings works too: {"before": -7, "due": 0, "overdue": 7, "escalated": 14}.
    SIMITRA_DIGEST_WEEKDAY   0   the day the weekly digest goes out (0 Monday … 6 Sunday)

What is still owed 30 days past its due date already shows on the partnership's warning panel:
the early warning's signals "contributions past due" and "decisions overdue" count it (see
simitra/early_warning/conf.py).
"""

import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from simitra.lib.knobs import number_setting

OWNER, COORDINATORS = "owner", "coordinators"
AUDIENCE = {"before": OWNER, "due": OWNER, "overdue": OWNER, "escalated": COORDINATORS}
DEFAULT_STEPS = {"before": -7, "due": 0, "overdue": 7, "escalated": 14}


@dataclass(frozen=True)
class Step:
    key: str
    offset: int  # days after the due date (negative: before)
    audience: str


def _parse(value) -> dict:
    if isinstance(value, dict):
        return dict(value)
    steps = {}
    for part in str(value).split(","):
        if not part.strip():
            continue
        key, _sep, offset = part.partition("=")
        steps[key.strip()] = offset.strip()
    return steps


def reminder_steps() -> tuple[Step, ...]:
    """The ladder's steps, earliest first."""
    value = getattr(settings, "SIMITRA_REMINDER_STEPS", None)
    if value is None:
        value = os.environ.get("SIMITRA_REMINDER_STEPS") or DEFAULT_STEPS
    steps = []
    for key, offset in _parse(value).items():
        if key not in AUDIENCE:
            raise ImproperlyConfigured(
                f"SIMITRA_REMINDER_STEPS: unknown step {key!r} (steps: {', '.join(AUDIENCE)})."
            )
        try:
            days = int(offset)
        except (TypeError, ValueError) as error:
            raise ImproperlyConfigured(
                f"SIMITRA_REMINDER_STEPS: the day of {key!r} must be a number, not {offset!r}."
            ) from error
        steps.append(Step(key=key, offset=days, audience=AUDIENCE[key]))
    return tuple(sorted(steps, key=lambda step: step.offset))


def digest_weekday() -> int:
    day = number_setting("SIMITRA_DIGEST_WEEKDAY", 0, int)
    if not 0 <= day <= 6:
        raise ImproperlyConfigured("SIMITRA_DIGEST_WEEKDAY must be 0 (Monday) to 6 (Sunday).")
    return day
