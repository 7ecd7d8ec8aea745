"""Every error has the one body: status, code, detail, fields."""

import pytest

from simitra.partnerships.models import Partnership

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_validation_errors_name_the_fields(world, api_for):
    body = assert_error(
        api_for(world.coordinator).post("/api/v1/partnerships/", {}, format="json"), 400, "invalid"
    )
    assert set(body["fields"]) == {"code", "title"}


def test_a_body_that_is_not_json_is_a_parse_error(world, api_for):
    response = api_for(world.coordinator).generic(
        "POST", "/api/v1/partnerships/", "{not json", content_type="application/json"
    )
    body = assert_error(response, 400, "parse_error")
    # In words, not the parser's ("JSON parse error - Expecting property name …").
    assert body["detail"] == "Isi permintaan tidak dapat dibaca: susunannya tidak benar."


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        (
            "id",
            "Isi permintaan bersarang terlalu dalam: paling banyak 32 tingkat daftar dan objek.",
        ),
        ("en", "The request body nests too deep: at most 32 levels of lists and objects."),
    ],
)
@pytest.mark.parametrize("levels", [33, 5000])
def test_a_body_nested_too_deep_is_refused(world, api_for, language, detail, levels):
    client = api_for(world.coordinator)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.generic(
        "POST",
        "/api/v1/partnerships/",
        "[" * levels + "]" * levels,
        content_type="application/json",
    )
    assert assert_error(response, 400, "too_deep")["detail"] == detail


def test_a_body_nested_within_the_limit_is_read(world, api_for):
    response = api_for(world.coordinator).generic(
        "POST",
        "/api/v1/partnerships/",
        '{"code": "DALAM-1", "title": "Dalam", "regions": ' + "[" * 31 + "]" * 31 + "}",
        content_type="application/json",
    )
    # Read and validated as a body (a list of lists is no region code), not refused unread.
    assert "regions" in assert_error(response, 400, "invalid")["fields"]


def test_a_form_or_multipart_body_is_refused_unread(world, api_for):
    """Bodies are JSON (the schema declares no other): a form is refused before it is parsed,
    so a broken multipart body is no parse error either."""
    client = api_for(world.coordinator)
    for body, content_type in [
        ("code=FORM-1&title=Form", "application/x-www-form-urlencoded"),
        ("--x\r\n", "multipart/form-data; boundary="),
    ]:
        response = client.generic("POST", "/api/v1/partnerships/", body, content_type=content_type)
        assert_error(response, 415, "unsupported_media_type")
    assert not Partnership.objects.filter(code="FORM-1").exists()


def test_an_unknown_related_record_is_named_by_what_the_client_sent(world, api_for):
    client = api_for(world.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    payload = {"partnership": "NOPE", "organisation": "nope"}
    body = assert_error(client.post("/api/v1/partners/", payload, format="json"), 400, "invalid")
    assert body["fields"]["partnership"] == ["Unknown code: NOPE."]
    assert body["fields"]["organisation"] == ["Unknown code: nope."]
    code = world.partnership.code
    for partner, message in [
        (99999, "Unknown id: 99999."),
        ("abc", "Give the id, a whole number."),
    ]:
        payload = {"partnership": code, "partner": partner}
        response = client.post("/api/v1/contributions/", payload, format="json")
        assert assert_error(response, 400, "invalid")["fields"]["partner"] == [message]


def test_an_unsupported_media_type(world, api_for):
    response = api_for(world.coordinator).generic(
        "POST", "/api/v1/partnerships/", "title=x", content_type="text/plain"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_delete_is_not_offered(world, api_for):
    response = api_for(world.coordinator).delete(f"/api/v1/partnerships/{world.partnership.code}/")
    assert_error(response, 405, "method_not_allowed")
    assert Partnership.objects.filter(pk=world.partnership.pk).exists()


def test_unknown_addresses_answer_in_the_same_shape(world, api_for):
    assert_error(api_for(world.coordinator).get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_error(api_for(None).get("/api/v1/partnerships"), 404, "not_found")
    # A line break in the path (as a fuzzer sends) is still an unknown address of the API.
    assert_error(api_for(None).get("/api/v1/reports/1/download/a%0Ab/"), 404, "not_found")


def test_a_bad_token_is_an_authentication_failure(world, api_for):
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = client.get("/api/v1/partnerships/")
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_a_failed_gate_is_refused_with_its_checks(world, api_for):
    world.partnership.phase = 2
    world.partnership.save(update_fields=["phase"])
    world.partnership.partners.exclude(pk=world.partner_a.pk).update(status="withdrawn")
    client = api_for(world.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = f"/api/v1/partnerships/{world.partnership.code}/advance/"
    body = assert_error(
        client.post(url, {"from_phase": world.partnership.phase}, format="json"),
        409,
        "gate_refused",
    )
    assert body["detail"] == "The gate of this phase has failed checks."
    assert (
        "At least 2 confirmed partners from at least 2 sectors "
        "(now 1 confirmed partner from 1 sector)."
    ) in body["fields"]["gate"]
    world.partnership.refresh_from_db()
    assert world.partnership.phase == 2
    assert not world.partnership.transitions.exists()


def test_a_gate_is_overridden_only_with_a_reason(world, api_for):
    world.partnership.phase = 2
    world.partnership.save(update_fields=["phase"])
    world.partnership.partners.update(status="withdrawn")
    url = f"/api/v1/partnerships/{world.partnership.code}/advance/"
    response = api_for(world.coordinator).post(
        url,
        {"from_phase": world.partnership.phase, "override_reason": "Mitra dikonfirmasi lisan."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["phase"] == 3
    transition = world.partnership.transitions.get()
    assert transition.overridden and transition.reason == "Mitra dikonfirmasi lisan."


def test_moving_on_is_for_coordinators(world, api_for):
    url = f"/api/v1/partnerships/{world.partnership.code}/advance/"
    moving = {"from_phase": world.partnership.phase}
    assert_error(api_for(world.partner_user).post(url, moving, format="json"), 403)
    assert_error(api_for(world.outsider).post(url, moving, format="json"), 404)
    world.partnership.refresh_from_db()
    assert world.partnership.phase == 1


def test_the_last_phase_refuses_to_move_on(world, api_for):
    world.partnership.phase = 7
    world.partnership.save(update_fields=["phase"])
    url = f"/api/v1/partnerships/{world.partnership.code}/advance/"
    moving = {"from_phase": world.partnership.phase}
    assert_error(
        api_for(world.coordinator).post(url, moving, format="json"), 409, "transition_refused"
    )


def test_text_no_database_can_hold_is_refused_cleanly(world, api_for):
    """NUL characters (found by the schemathesis run on PostgreSQL) are refused, not sent."""
    client = api_for(world.coordinator)
    assert_error(client.get("/api/v1/partnerships/A%00B/"), 404)
    response = client.post(
        "/api/v1/partners/",
        {"partnership": "A\x00B", "organisation": world.org_a.slug},
        format="json",
    )
    assert "partnership" in assert_error(response, 400)["fields"]
    assert_error(client.get("/api/v1/partnerships/", {"q": "a\x00b"}), 400)


def test_a_search_longer_than_any_title_is_invalid(world, api_for):
    client = api_for(world.coordinator)
    for endpoint in ("/api/v1/partnerships/", "/api/v1/organisations/"):
        assert "q" in assert_error(client.get(endpoint, {"q": "x" * 60_000}), 400)["fields"]
        assert client.get(endpoint, {"q": "x" * 200}).status_code == 200


def test_an_sdg_filter_out_of_range_is_invalid(world, api_for):
    client = api_for(world.coordinator)
    assert_error(client.get("/api/v1/partnerships/", {"sdg": "-3e61"}), 400)
    assert_error(client.get("/api/v1/organisations/", {"sdg": "18"}), 400)
