"""Base viewsets: every endpoint asks the same rules as the pages.

- `RulesViewSet`: list, detail, create and update (no delete), with a permission name per
  action (`view_perm`, `add_perm`, `change_perm` from the apps' rules.py) checked through
  `request.user.has_perm(perm, obj)`. On create the rule is asked about the unsaved record,
  so record-level rules (`can_edit_own_record`, …) work unchanged.
- `PartnershipScopedViewSet`: for records that belong to a partnership. Its queryset holds only
  records of partnerships visible to the user (`Partnership.objects.visible_to`), so a private
  partnership's records answer 404 and never count in a list.

A cycle app's endpoint is then a serializer and a few lines (see docs/developing.md).
"""

import copy

from django.db import models, transaction
from django.utils import translation
from rest_framework import exceptions, mixins, permissions, viewsets

from simitra.lib.forms import version_of
from simitra.partnerships import recompute
from simitra.partnerships.access import share_partnerships
from simitra.partnerships.models import Partnership

from .authentication import TokenScope
from .base import RECORD_VERSION, RecordVersionField
from .errors import EditConflict


class RulesPermission(permissions.BasePermission):
    """Signed-in users only; detail, update and create ask the viewset's rules permission."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        perm = view.perm_for_action()
        return perm is None or request.user.has_perm(perm, obj)


class ThrottleFirstMixin:
    """Count the request against the rate limit before credentials are checked, so guessing
    tokens or passwords is throttled like anything else."""

    def initial(self, request, *args, **kwargs):
        self.format_kwarg = self.get_format_suffix(**kwargs)
        negotiated = self.perform_content_negotiation(request)
        request.accepted_renderer, request.accepted_media_type = negotiated
        version, scheme = self.determine_version(request, *args, **kwargs)
        request.version, request.versioning_scheme = version, scheme
        try:
            self.perform_authentication(request)
        except exceptions.APIException:
            self.check_throttles(request)  # the client now counts as anonymous
            raise
        self.check_throttles(request)
        activate_language(request)
        self.check_permissions(request)


def activate_language(request) -> None:
    """Messages in the language the client asks for (Accept-Language), else in the user's
    saved language, else Indonesian."""
    if request.META.get("HTTP_ACCEPT_LANGUAGE"):
        language = translation.get_language_from_request(request._request)
    elif request.user.is_authenticated and getattr(request.user, "language", ""):
        language = request.user.language
    else:
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language


def concrete_values(model, data: dict) -> dict:
    """The entries of validated data that are plain fields of `model` (no many-to-many)."""
    names = {f.name for f in model._meta.concrete_fields}
    return {key: value for key, value in data.items() if key in names}


class RulesMixin:
    """The permission names of a viewset and how they are asked."""

    view_perm: str | None = None
    add_perm: str | None = None
    change_perm: str | None = None
    permission_classes = [TokenScope, RulesPermission]

    def get_object(self):
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if "\x00" in str(lookup):  # no record can have it; PostgreSQL would refuse the query
            raise exceptions.NotFound()
        record = super().get_object()
        if self.action in ("update", "partial_update"):
            # An edit reads the record under its row lock (`update` runs in one transaction):
            # two edits at once of different fields then both count, instead of the later one
            # writing back what the earlier one changed.
            locking = type(record).objects.select_for_update().filter(pk=record.pk)
            list(locking.order_by().values_list("pk"))  # no ordering: no joins to lock
            record.refresh_from_db()
            self.check_record_version(record)
        return record

    def versioned(self) -> bool:
        fields = getattr(self.get_serializer_class(), "_declared_fields", {})
        return isinstance(fields.get(RECORD_VERSION), RecordVersionField)

    def check_record_version(self, record) -> None:
        """A change names the version it is based on (`record_version` in the body, or the
        `If-Match` header): when the record was saved since, it is refused with both versions,
        under the row lock, so of two changes from one version only the first is made. A
        change that names no version is made, as before versions existed."""
        if not self.versioned():
            return
        sent = sent_version(self.request)
        if not sent or sent == version_of(record):
            return
        serializer = self.get_serializer_class()(record, context=self.get_serializer_context())
        raise EditConflict(stored=serializer.data, sent=sent_fields(self.request))

    def finalize_response(self, request, response, *args, **kwargs):
        # The version as an entity tag too, so a client may send it back as `If-Match`.
        data = getattr(response, "data", None)
        if isinstance(data, dict) and data.get(RECORD_VERSION) and response.status_code < 300:
            response["ETag"] = f'"{data[RECORD_VERSION]}"'
        return super().finalize_response(request, response, *args, **kwargs)

    def perm_for_action(self) -> str | None:
        if self.action in ("update", "partial_update"):
            return self.change_perm
        if self.action == "create":
            return self.add_perm
        return self.view_perm

    def require(self, perm: str | None, obj=None) -> None:
        if perm and not self.request.user.has_perm(perm, obj):
            raise exceptions.PermissionDenied()


def sent_version(request) -> str:
    """The version a change is based on: `record_version` in the body, else the `If-Match`
    header (one entity tag, quoted or not; `*` names none)."""
    data = request.data
    version = data.get(RECORD_VERSION) if hasattr(data, "get") else None
    if isinstance(version, str) and version.strip():
        return version.strip()
    tag = request.headers.get("If-Match", "").strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    return "" if tag == "*" else tag


def sent_fields(request) -> dict:
    """The fields a change sent, to show beside the stored record (files by their name)."""
    data = request.data
    items = data.dict().items() if hasattr(data, "dict") else getattr(data, "items", dict)()
    sent = {}
    for key, value in items:
        if key == RECORD_VERSION:
            continue
        plain = value is None or isinstance(value, str | int | float | bool | list | dict)
        sent[key] = value if plain else getattr(value, "name", str(value))
    return sent


class RulesViewSet(
    ThrottleFirstMixin,
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, detail, create, update. Set `queryset`, `serializer_class` and the permission
    names; `view_perm` may be None where the queryset alone decides what is visible."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    def unsaved_record(self, serializer):
        """The record as it would be saved, for the rules to judge before anything is written."""
        model = serializer.Meta.model
        data = concrete_values(model, serializer.validated_data)
        if serializer.instance is None:
            return model(**data)
        record = copy.copy(serializer.instance)
        for key, value in data.items():
            setattr(record, key, value)
        return record

    def add_perm_object(self, serializer):
        """What `add_perm` is asked about; the unsaved record by default (its `.partnership`
        leads the rules to the partnership)."""
        return self.unsaved_record(serializer)

    @transaction.atomic
    def perform_create(self, serializer):
        self.require(self.add_perm, self.add_perm_object(serializer))
        serializer.save()
        recompute.record_changed(serializer.instance)  # a signal's input: recomputed, queued

    @transaction.atomic
    def perform_update(self, serializer):
        # Allowed to change it as it is (checked in get_object), and as it would become.
        self.require(self.change_perm, self.unsaved_record(serializer))
        serializer.save()
        recompute.record_changed(serializer.instance)


class PartnershipScopedMixin:
    """Records of one partnership each: only those of partnerships the user may see.

    `partnership_path` is the lookup from the record to its partnership
    ("partnership", or e.g. "contribution__partnership" for a delivery)."""

    partnership_path = "partnership"
    # True when the serializer asks the rules row by row: the rows of a list page then share
    # one partnership instance each, its roles read in bulk (`share_partnerships`).
    share_partnerships = False

    def visible_partnerships(self):
        return Partnership.objects.visible_to(self.request.user)

    def get_queryset(self):
        queryset = super().get_queryset()
        visible = self.visible_partnerships()
        if not visible.query.where:  # every partnership (an admin, a whole-portfolio observer)
            return queryset
        return queryset.filter(models.Q(**{f"{self.partnership_path}__in": visible.values("pk")}))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.share_partnerships:
            share_partnerships(self.request.user, page, self.partnership_path)
        return page


class PartnershipScopedViewSet(PartnershipScopedMixin, RulesViewSet):
    """List, detail, create and update of a partnership's records."""


class PartnershipScopedReadViewSet(
    PartnershipScopedMixin,
    ThrottleFirstMixin,
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List and detail only; changes go through the viewset's actions."""

    http_method_names = ["get", "post", "head", "options"]
