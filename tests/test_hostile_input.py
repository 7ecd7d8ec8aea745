"""Hostile input is refused, never answered with a server error: a JSON body nested thousands
deep, 60,000 characters in a form field or a filter, integers beyond any database's range in a
query string or a URL. The API is walked through its own OpenAPI schema; the pages through the
URL patterns, each page's form fields read from the page itself."""

import re
import uuid

import lxml.html
import pytest
from django.urls import URLResolver, get_resolver

from simitra.api.tests.cycle import add_cycle_records

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # beyond a 64-bit integer
LONG = "x" * 60_000  # beyond SQLite's longest LIKE pattern (50,000)
NESTED = "[" * 5000  # beyond Python's recursion limit when parsed
# Query parameters some pages read without a form.
PAGE_PARAMETERS = ["page", "partner", "organisation", "period", "meeting", "kind", "status"]
# Pages a walk must not take: signing out (ours and allauth's) ends the walk's session, the
# admin is Django's own.
SKIPPED = re.compile(r"^(admin/|api/|akun/keluar/|akun/logout/|akun/bahasa/|akun/sandi/reset/.*<)")


@pytest.fixture
def walked(world, reference, settings, tmp_path):
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    # The walk must not be stopped by the rate limits it is not testing.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    add_cycle_records(world)
    return world


def walker(client_for, user):
    client = client_for(user)
    client.raise_request_exception = False  # a server error is an answer to count
    return client


def server_errors(responses) -> list[str]:
    return [f"{status} {what}" for what, status in responses if status >= 500]


# The API


def api_operations(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for template, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield template, method, operation


def api_path(template: str, operation: dict, code: str) -> str:
    types = {
        p["name"]: p.get("schema", {}).get("type")
        for p in operation.get("parameters", [])
        if p["in"] == "path"
    }

    def value(match):
        name = match.group(1)
        return HUGE if types.get(name) == "integer" else code

    return re.sub(r"\{(\w+)\}", value, template)


def test_the_api_answers_hostile_input_without_a_server_error(walked, client_for, figures):
    client = walker(client_for, walked.coordinator)
    code = walked.partnership.code
    answered = []
    for template, method, operation in api_operations(client):
        url = api_path(template, operation, code)
        if method == "get":
            query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
            for parameter in query:
                kind = parameter.get("schema", {}).get("type")
                for value in (HUGE, "-" + HUGE) if kind == "integer" else (LONG, HUGE):
                    response = client.get(url, {parameter["name"]: value})
                    answered.append((f"GET {url}?{parameter['name']}=…", response.status_code))
            response = client.get(url)
            answered.append((f"GET {url}", response.status_code))
        elif method in {"post", "put", "patch"}:
            response = client.generic(method.upper(), url, NESTED, content_type="application/json")
            answered.append((f"{method.upper()} {url} nested", response.status_code))
            if response.status_code not in {400, 403, 404, 405}:
                answered.append((f"{method.upper()} {url} nested is {response.status_code}", 500))
    figures(f"hostile input: {len(answered)} API requests")
    assert server_errors(answered) == [], "\n".join(server_errors(answered))


# The pages


def page_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [route for route in walk(get_resolver().url_patterns) if not SKIPPED.match(route)]


def page_url(route: str, world) -> str:
    def value(match):
        converter, name = match.groups()
        if converter == "int":
            return HUGE
        if converter == "uuid":
            return str(uuid.uuid4())
        return {"code": world.partnership.code, "slug": world.org_a.slug}.get(name, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route).lstrip("^").rstrip("$")


def forms_of(response):
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    if not response.content.strip():
        return []
    document = lxml.html.fromstring(response.content)
    return [form for form in document.forms if not form.get("data-confirm")]


def test_pages_answer_hostile_input_without_a_server_error(walked, client_for, figures):
    client = walker(client_for, walked.coordinator)
    answered, searched, posted = [], set(), set()
    for route in page_routes():
        url = page_url(route, walked)
        response = client.get(url)
        answered.append((f"GET {url}", response.status_code))
        if HUGE in url:
            continue  # a record nobody has: its page is a 404, with no form to fill
        for value in (HUGE, LONG):
            status = client.get(url, dict.fromkeys(PAGE_PARAMETERS, value)).status_code
            answered.append((f"GET {url}?{'&'.join(PAGE_PARAMETERS)}=…", status))
        for form in forms_of(response):
            action = form.action or url
            names = sorted(name for name in form.fields if name and name != "csrfmiddlewaretoken")
            if SKIPPED.match(action.lstrip("/")):
                continue
            if (form.method or "GET").upper() == "GET":
                # One field at a time: a form refuses the lot when one field is wrong.
                for name in names:
                    if (action, name) in searched:
                        continue
                    searched.add((action, name))
                    for value in (HUGE, LONG):
                        status = client.get(action, {name: value}).status_code
                        answered.append((f"GET {action}?{name}=…", status))
            elif (action, tuple(names)) not in posted:
                posted.add((action, tuple(names)))
                status = client.post(action, dict.fromkeys(names, LONG)).status_code
                answered.append((f"POST {action} {names}", status))
    figures(
        f"hostile input: {len(answered)} page requests, {len(searched)} filter fields, "
        f"{len(posted)} forms posted"
    )
    assert server_errors(answered) == [], "\n".join(server_errors(answered))
    # The walk kept its session and reached the search, filter and lookup fields.
    assert client.get("/").context["user"] == walked.coordinator
    assert {"q", "partner", "status"} <= {name for _action, name in searched}
    assert ("username",) in [fields for _action, fields in posted]
