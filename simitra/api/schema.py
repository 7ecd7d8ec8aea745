"""The OpenAPI schema says what every error looks like and which errors each operation gives."""

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
    "409": "Refused by the partnership's rules, or a conflict.",
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


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: the Error component on every operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if path.endswith("/schema/"):
                continue
            for status in _statuses(path, method):
                operation["responses"].setdefault(
                    status,
                    {
                        "description": _DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
