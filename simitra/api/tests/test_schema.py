import pytest
from drf_spectacular.validation import validate_schema

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client_for):
    response = client_for(None).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    paths = schema["paths"]
    for name in ("organisations", "partnerships", "partners"):
        assert f"/api/v1/{name}/" in paths
    error = {"$ref": "#/components/schemas/Error"}
    listing = paths["/api/v1/partnerships/"]["get"]["responses"]
    assert listing["401"]["content"]["application/json"]["schema"] == error
    assert listing["429"]["content"]["application/json"]["schema"] == error
    assert "404" in paths["/api/v1/partnerships/{code}/"]["get"]["responses"]
    assert "Token" in str(schema["components"]["securitySchemes"])


def test_the_docs_page_loads_everything_from_this_server(client_for):
    response = client_for(None).get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "https://" not in page and "http://cdn" not in page
    # No inline script or style (CSP): the page's script comes from a URL of its own.
    assert "<script>" not in page.replace(" ", "")
    assert "<style" not in page
    assert "api/swagger.css" in page
    script = client_for(None).get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def test_the_docs_static_files_are_shipped(client_for):
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_an_anonymous_client_reads_the_schema_but_nothing_else(client_for):
    assert client_for(None).get("/api/v1/schema/").status_code == 200
    assert_error(client_for(None).get("/api/v1/organisations/"), 401)


def test_every_operation_is_grouped_under_its_part_of_the_cycle(client_for):
    """The docs group operations by tag: a method without its viewset's tag would open a
    group of its own (named after its path) beside the right one."""
    schema = client_for(None).get("/api/v1/schema/", {"format": "json"}).json()
    groups = {
        "organisations", "partnerships", "partners", "scoping", "contributions", "planning",
        "agreements", "results", "risks", "reviews", "reports", "knowledge", "regional", "csr",
        "schema",
    }  # fmt: skip
    stray = [
        (method, path, operation.get("tags"))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method != "parameters" and not set(operation.get("tags", [])) <= groups
    ]
    assert stray == []
