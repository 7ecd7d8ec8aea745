import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_the_coordinator_sees_the_stepper_in_indonesian_then_english(
    page, live_server, demo_world, artifacts
):
    log_in(page, live_server, "koordinator")
    page.click("text=Percepatan Penurunan Stunting di Kabupaten Timor Tengah Selatan")
    page.wait_for_load_state("networkidle")
    stepper = page.locator("ol.stepper")
    assert "Menentukan masalah" in stepper.inner_text()
    assert "Mengelola" in page.locator(".step-current").inner_text()
    page.screenshot(path=str(artifacts / "stepper-id.png"), full_page=True)

    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    assert "Scoping" in page.locator("ol.stepper").inner_text()
    assert "Managing" in page.locator(".step-current").inner_text()
    page.screenshot(path=str(artifacts / "stepper-en.png"), full_page=True)


def test_nothing_overflows_on_a_phone(page, live_server, demo_world, artifacts):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "koordinator")
    for path in ["/", "/kemitraan/", "/kemitraan/NTT-STUNTING-2025/", "/organisasi/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth"), path
    page.screenshot(path=str(artifacts / "partnership-390.png"), full_page=True)


def test_the_page_has_no_csp_violations(page, live_server, demo_world):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/kemitraan/NTT-STUNTING-2025/?tab=5")
    page.wait_for_load_state("networkidle")
    assert not [e for e in errors if "Content Security Policy" in e], errors
