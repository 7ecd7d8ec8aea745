"""The OpenAPI schema: what every error looks like and which errors each operation gives, the
servers, the groups (tags) it declares, and the one language it is written in (English).

Generated clients read it literally, so it says no more than the API does: a body is JSON
(form and multipart bodies only where an operation takes a file), and every field that may be
null says of which type it is otherwise."""

import json

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error of the API has this shape.",
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status, repeated."},
        "code": {
            "type": "string",
            "description": "A stable machine-readable code: invalid, not_found, "
            "permission_denied, not_authenticated, authentication_failed, throttled, "
            "method_not_allowed, unsupported_media_type, parse_error, conflict, refused, …",
        },
        "detail": {"type": "string", "description": "A readable message (id or en)."},
        "fields": {
            "type": "object",
            "description": "For validation errors: the messages of each field at fault.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "stored": {
            "type": "object",
            "additionalProperties": True,
            "description": "Only on a conflict of versions (409, code conflict): the record as "
            "it is saved now, with its current record_version.",
        },
        "sent": {
            "type": "object",
            "additionalProperties": True,
            "description": "Only on a conflict of versions: the fields the refused change sent.",
        },
    },
    "required": ["status", "code", "detail", "fields"],
}

_DESCRIPTIONS = {
    "400": "Invalid input (see `fields`).",
    "401": "No valid credentials.",
    "403": "Signed in, but the rules do not allow this.",
    "404": "Not found, or not visible to you.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Refused by the partnership's rules, or a conflict: for a change based on an older "
    "record_version, `stored` and `sent` hold both versions.",
    "415": "Unsupported media type.",
    "429": "Too many requests; see the Retry-After header.",
}


def _statuses(path: str, method: str) -> list[str]:
    statuses = ["401", "403", "405", "406", "429"]
    if "{" in path:
        statuses.append("404")
    if method in ("post", "put", "patch"):
        statuses += ["400", "409", "415"]
    elif method == "get" and "{" not in path:
        statuses += ["400", "404"]  # a bad filter value; a page past the end
    return statuses


_SUCCESS = {
    "200": "The record, or a page of records.",
    "201": "Created: the new record.",
    "204": "Done; no body.",
}


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "The record_version the change is based on (the ETag of the record as "
    "read), instead of record_version in the body. A change based on an older version is "
    "refused with 409; without either, the change is made.",
}


def _versioned(operation, components) -> bool:
    """An operation whose body carries a record_version."""
    for content in operation.get("requestBody", {}).get("content", {}).values():
        name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        if "record_version" in components.get(name, {}).get("properties", {}):
            return True
    return False


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: the Error component on every operation, a
    description on every success (generators and documentation tools want one), and the
    If-Match header on the changes of versioned records."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if method in ("put", "patch") and _versioned(operation, components):
                operation.setdefault("parameters", []).append(IF_MATCH)
            for status, response in operation["responses"].items():
                if not response.get("description"):
                    response["description"] = _SUCCESS.get(status, "Done.")
            if path.endswith("/schema/"):
                continue  # its own errors are written in the document's format, not as JSON
            for status in _statuses(path, method):
                operation["responses"].setdefault(
                    status,
                    {
                        "description": _DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result


# The groups of the documentation, in the order of the cycle; every operation's tag is one.
TAGS = [
    {"name": "organisations", "description": "Organisations of the five sectors."},
    {"name": "partnerships", "description": "Partnerships, their phases and gates."},
    {"name": "partners", "description": "The organisations taking part in a partnership."},
    {"name": "scoping", "description": "Needs, candidates and their assessment."},
    {"name": "contributions", "description": "Contributions pledged and delivered."},
    {"name": "planning", "description": "The action plan's activities."},
    {"name": "agreements", "description": "MoU and PKS, their approval and signatures."},
    {"name": "results", "description": "Results, indicators, periods and values."},
    {"name": "risks", "description": "The risk register and how each risk is shared."},
    {"name": "reviews", "description": "Partnership health checks."},
    {"name": "reports", "description": "Finalised reports and their stored files."},
    {"name": "knowledge", "description": "Lessons learned and replicable practices."},
    {
        "name": "regional",
        "description": "Regional plans (RPJMD, RKPD), partnerships aligned with them, the region view.",
    },
    {"name": "csr", "description": "Companies' CSR (TJSL) commitments and their realisation."},
    {"name": "schema", "description": "This document."},
]


def add_servers_and_tags(result, generator, request, public):
    """drf-spectacular post-processing hook: the declared tags, and the server the schema was
    read from (the site's address when it is generated without a request), without a trailing
    slash, since every path starts with /api/v1/."""
    url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    result["servers"] = [{"url": url.rstrip("/"), "description": "This Simitra site"}]
    result["tags"] = TAGS
    return result


def type_optional_choices(result, generator, request, public):
    """drf-spectacular post-processing hook: a choice field that may be null or blank is written
    as `oneOf: [TheEnum, NullEnum]` (or `BlankEnum`) with no type of its own (and an integer
    field's bounds beside it), which linters refuse and generators read as untyped. It becomes
    the enum's own type with the enum's values and `null` (nullable) or `""` added: `iati_role`
    is an integer 1–4 or null. Enums no longer referenced anywhere are dropped."""
    components = result.get("components", {}).get("schemas", {})
    for component in components.values():
        properties = component.get("properties", {})
        for name, field in properties.items():
            typed = _typed_choices(field, components)
            if typed is not None:
                properties[name] = typed
    text = json.dumps(result)
    for name in [name for name in components if name.endswith("Enum")]:
        if f'"#/components/schemas/{name}"' not in text:
            del components[name]
    return result


def _typed_choices(field: dict, components: dict) -> dict | None:
    if "type" in field or "oneOf" not in field:
        return None
    refs = [option.get("$ref", "").rsplit("/", 1)[-1] for option in field["oneOf"]]
    empty = {"NullEnum", "BlankEnum"}
    choices = [components.get(ref, {}) for ref in refs if ref not in empty]
    if not set(refs) & empty or len(choices) != 1 or not {"type", "enum"} <= choices[0].keys():
        return None
    values = list(choices[0]["enum"])
    if "BlankEnum" in refs:
        values.append("")
    typed = {"type": choices[0]["type"], "enum": values}
    if field.get("nullable") or "NullEnum" in refs:
        typed.update(enum=[*values, None], nullable=True)
    for key in ("title", "description", "readOnly", "writeOnly"):
        if key in field or key in choices[0]:
            typed[key] = field.get(key, choices[0].get(key))
    return typed


class SchemaView(SpectacularAPIView):
    """The schema in English whatever the reader's language (and its `lang`): titles come from
    the fields' translated labels and descriptions from the code, so one language makes one
    document."""

    @extend_schema(
        summary="This OpenAPI document",
        description="YAML; `?format=json` for JSON. Always in English.",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The OpenAPI document.")},
        tags=["schema"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def _get_schema_response(self, request):
        with translation.override("en"):
            return super()._get_schema_response(request)
