"""One error body for every refusal and failure of the API.

Every error answers with the same JSON shape (documented in docs/api.md and in the schema)::

    {"status": 400, "code": "invalid", "detail": "…", "fields": {"title": ["…"]}}

`fields` is present (possibly empty) on every error; it names the fields at fault for
validation errors. A change based on an older version of the record (`EditConflict`) answers
409 with code `conflict` and two more keys: `stored`, the record as it is saved now, and
`sent`, the fields the request sent. Domain refusals raised by services (a gate that fails, a sign-off before
the plan is ready) are registered here with `register_refusal` and answer 409 with the
service's own message, so the API refuses exactly as the pages do.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from simitra.partnerships import services as partnership_services

from .parsers import NestedTooDeep

logger = logging.getLogger(__name__)

_REFUSALS: dict[type[Exception], tuple[int, str, Callable | None]] = {}


def register_refusal(
    exception_class: type[Exception],
    *,
    status_code: int = 409,
    code: str = "refused",
    fields: Callable[[Exception], dict] | None = None,
) -> None:
    """Answer `exception_class` (a domain refusal raised by a service) with this status and
    code, the exception's own message as `detail`, and `fields(exc)` if given."""
    _REFUSALS[exception_class] = (status_code, code, fields)


register_refusal(
    partnership_services.GateRefused,
    code="gate_refused",
    fields=lambda exc: {"gate": [str(check.message) for check in exc.result.failed]},
)
register_refusal(partnership_services.TransitionError, code="transition_refused")
register_refusal(partnership_services.InvitationError, code="invitation_refused")


class EditConflict(Exception):
    """A change (PUT or PATCH) based on an older version of the record than the stored one:
    someone saved it since the client read it. Nothing is written."""

    def __init__(self, *, stored: dict, sent: dict):
        super().__init__(
            _(
                "Someone else saved this record after the version your change is based on; "
                "nothing was saved. Compare both versions, then send your change again with "
                "the stored record_version to keep yours."
            )
        )
        self.stored = stored
        self.sent = sent


def error_body(status_code: int, code: str, detail: str, fields: dict | None = None) -> dict:
    return {"status": status_code, "code": code, "detail": str(detail), "fields": fields or {}}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {message}" for key, value in detail.items() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for item in detail for message in _flatten(item)]
    return [str(detail)]


def _field_errors(detail) -> dict:
    """DRF's nested error detail as {field: [messages]}; non-field errors under the
    `non_field_errors` key, nested serializers flattened to their messages."""
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: _flatten(detail)}


def _first_code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    while isinstance(codes, dict | list) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) else "error"


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every exception becomes the one error body."""
    if isinstance(exc, EditConflict):
        body = error_body(status.HTTP_409_CONFLICT, "conflict", str(exc))
        body.update(stored=exc.stored, sent=exc.sent)
        return Response(body, status=status.HTTP_409_CONFLICT)
    for exception_class, (status_code, code, fields) in _REFUSALS.items():
        if isinstance(exc, exception_class):
            body = error_body(status_code, code, str(exc), fields(exc) if fields else None)
            return Response(body, status=status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, exceptions.ParseError) and not isinstance(exc, NestedTooDeep):
        # REST framework's detail carries the parser's own words ("JSON parse error - …").
        exc = exceptions.ParseError(_("The request body cannot be read: it is not well-formed."))
    elif isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, IntegrityError):
        # A unique constraint lost a race with another request: nothing was saved.
        return Response(
            error_body(
                status.HTTP_409_CONFLICT,
                "conflict",
                _("This conflicts with data saved at the same time; nothing was saved."),
            ),
            status=status.HTTP_409_CONFLICT,
        )

    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        if isinstance(exc, exceptions.ValidationError):
            body = error_body(
                exc.status_code,
                "invalid",
                _("The request is not valid; see the fields."),
                _field_errors(exc.detail),
            )
        else:
            body = error_body(exc.status_code, _first_code(exc), exc.detail)
        return Response(body, status=exc.status_code, headers=headers)

    if settings.DEBUG:
        return None  # the developer sees Django's debug page
    request = context.get("request")
    got_request_exception.send(sender=None, request=getattr(request, "_request", request))
    logger.exception("API error", exc_info=exc)
    return Response(
        error_body(500, "server_error", _("Something went wrong on the server.")), status=500
    )


@csrf_exempt  # nothing is done here; a refused CSRF check would answer in HTML
def not_found(request, *args, **kwargs):
    """Unknown addresses under /api/v1/ answer with the error body too, not an HTML page."""
    return JsonResponse(error_body(404, "not_found", _("Not found.")), status=404)
