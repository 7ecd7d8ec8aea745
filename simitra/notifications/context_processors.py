from collections import OrderedDict

from django.db import connection
from django.utils.functional import SimpleLazyObject

from simitra.partnerships.models.core import access_inputs

from .models import Notification

# The bell's SQL per user's access inputs (`access_inputs`): building and compiling the access
# filter cost most of the bell's time, and the same inputs always give the same SQL. The
# subqueries run in the database each time, so a new, read or no longer readable notification
# counts at once; a change of the user's organisations or grants changes the key. Per process,
# the last `_KEPT` users.
_KEPT = 512
_prepared: OrderedDict[tuple, tuple[str, tuple]] = OrderedDict()


def _unread_sql(user) -> tuple[str, tuple]:
    key = (connection.vendor, *access_inputs(user))
    found = _prepared.get(key)
    if found is None:
        rows = Notification.objects.shown_to(user).unread().order_by().values("pk")
        sql, params = rows.query.sql_with_params()
        # The ORM wrote `sql` (parameters apart); it is only wrapped in a count here.
        found = (f"SELECT COUNT(*) FROM ({sql}) unread", tuple(params))  # noqa: S608
        _prepared[key] = found
        while len(_prepared) > _KEPT:
            _prepared.popitem(last=False)
    else:
        _prepared.move_to_end(key)
    return found


def unread_count(user) -> int:
    """The user's unread notifications of partnerships they may still read (as
    `Notification.objects.shown_to(user).unread().count()`), one query."""
    sql, params = _unread_sql(user)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def unread(request):
    """The bell's count, counted only when a page shows it (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
