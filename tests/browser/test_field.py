"""Working without a signal, as the partner representative does on a phone: "my tasks" at
390 px, entries kept in the outbox while offline (across a reload), sent once when the
connection returns, refusals kept with the server's message, nothing left for the next user
after log-out, the service worker replaced by a new release, and the page at 200 % text."""

import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from .conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()


@pytest.fixture
def phone(browser, transactional_db):
    # After the database (so closed before it is emptied: no request of a page still open
    # reaches a flushing database). The 200 % check injects a style sheet, which the site's
    # CSP would block.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def field_world(demo_world):
    """The demo, plus a pledge with room and an indicator with open periods for mitra's
    organisation (the demo's own periods have their values already)."""
    from simitra.accounts.models import User
    from simitra.partnerships.models import Partner
    from simitra.resources.testing import make_pledge
    from simitra.results.testing import make_indicator

    mitra = User.objects.get(username="mitra")
    partner = (
        Partner.objects.filter(organisation_id__in=mitra.organisation_ids(), status="confirmed")
        .select_related("partnership")
        .order_by("pk")
        .first()
    )
    pledge = make_pledge(partner, value=100_000_000, description="Paket uji lapangan")
    indicator = make_indicator(partner.partnership, partner, title="Kader uji lapangan")
    return {"mitra": mitra, "pledge": pledge, "indicator": indicator, "partner": partner}


def photo_bytes(width=2400, height=1800) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 140, 110)).save(buffer, "PNG")
    return buffer.getvalue()


def open_tasks(page, live_server):
    page.goto(f"{live_server.url}/lapangan/")
    page.wait_for_selector("#field-tasks[data-ready]", state="attached")


def wait_for(page, script, timeout=15.0):
    """Poll an async check in the page (Playwright's wait_for_function takes a pending promise
    for a true answer)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"not true within {timeout} s: {script}"
        page.wait_for_timeout(100)


def wait_until_offline_ready(page):
    """The service worker controls the page and holds "my tasks" and its lists."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        # Loaded before the worker took over: the next load is the worker's.
        page.reload()
        page.wait_for_selector("#field-tasks[data-ready]", state="attached")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    wait_for(
        page,
        """async () => {
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                if (await cache.match('/lapangan/data.json') && await cache.match('/lapangan/'))
                    return true;
            }
            return false;
        }""",
    )


def outbox_total(page) -> str:
    return page.inner_text("[data-outbox-total]")


def badge(page) -> str:
    return page.locator("[data-outbox-count]").first.inner_text()


def record_delivery(page, pledge, amount="25.000.000"):
    page.select_option("#delivery-pledge", str(pledge.pk))
    page.fill("#delivery-amount", amount)
    page.set_input_files(
        "#delivery-photo",
        {"name": "bukti.png", "mimeType": "image/png", "buffer": photo_bytes()},
    )
    page.click("[data-field-form=delivery] button[type=submit]")


def record_value(page, indicator, period, value="1.250,5"):
    page.select_option("#value-indicator", str(indicator.pk))
    page.select_option("#value-period", str(period.pk))
    page.fill("#value-value", value)
    page.click("[data-field-form=value] button[type=submit]")


def test_entries_made_offline_survive_a_reload_and_are_saved_once(
    phone, live_server, field_world, artifacts
):
    from simitra.field.models import Submission
    from simitra.resources.models import Delivery
    from simitra.results.models import IndicatorValue

    pledge, indicator = field_world["pledge"], field_world["indicator"]
    period = indicator.periods.order_by("start").first()
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)

    phone.set_offline(True)
    page.fill("#value-value", "1.250,5x")  # checked on the device, with the server's message
    page.select_option("#value-indicator", str(indicator.pk))
    page.select_option("#value-period", str(period.pk))
    page.click("[data-field-form=value] button[type=submit]")
    assert page.inner_text("[data-error-for=value]") == "Masukkan sebuah bilangan."
    record_delivery(page, pledge)
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")
    record_value(page, indicator, period)
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '2'")
    assert badge(page) == "2"

    page.reload()  # offline: the service worker answers
    page.wait_for_selector("#field-tasks[data-ready]", state="attached")
    assert outbox_total(page) == "2" and badge(page) == "2"
    assert "Menunggu dikirim" in page.inner_text("[data-outbox-list]")
    page.screenshot(path=str(artifacts / "field-offline-390.png"), full_page=True)
    assert not Delivery.objects.filter(pledge=pledge).exists()
    exported = page.evaluate("SimitraOutbox.exportAll()")
    assert len(exported["entries"]) == 2

    phone.set_offline(False)  # the page hears "online" and sends
    page.wait_for_function(
        "document.querySelector('[data-outbox-total]').textContent === '0'", timeout=15000
    )
    assert badge(page) == "0"
    delivery = Delivery.objects.get(pledge=pledge)
    assert delivery.amount == 25_000_000
    assert delivery.recorded_by == field_world["mitra"]
    with Image.open(delivery.evidence_file) as evidence:  # made smaller on the device
        assert evidence.format == "JPEG" and max(evidence.size) == 1600
    value = IndicatorValue.objects.get(period=period)
    assert str(value.value) == "1250.50" and value.entered_by == field_world["mitra"]

    # The same entries sent again (imported from the export, as on a second device): the keys
    # return the first answers and nothing is recorded twice.
    page.evaluate("text => SimitraOutbox.importAll(text)", json.dumps(exported))
    page.evaluate("SimitraOutbox.sendAll()")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '0'")
    assert Delivery.objects.filter(pledge=pledge).count() == 1
    assert IndicatorValue.objects.filter(period=period).count() == 1
    assert Submission.objects.filter(user=field_world["mitra"]).count() == 2


def test_a_refused_entry_stays_with_the_servers_message(phone, live_server, field_world, artifacts):
    from simitra.accounts.models import User
    from simitra.results.models import IndicatorValue
    from simitra.results.services import close_period
    from simitra.results.testing import make_value

    indicator = field_world["indicator"]
    period = indicator.periods.order_by("start").first()
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)

    phone.set_offline(True)
    record_value(page, indicator, period, "12")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")
    # Meanwhile the coordinator closes the period (its value recorded and approved).
    make_value(period, "9", status=IndicatorValue.Status.APPROVED)
    close_period(period=period, closed_by=User.objects.get(username="koordinator"))

    phone.set_offline(False)
    page.wait_for_selector("[data-outbox-list] li[data-state=refused]", timeout=15000)
    item = page.inner_text("[data-outbox-list]")
    assert "Periode ini sudah ditutup" in item
    assert outbox_total(page) == "1" and badge(page) == "1"
    page.screenshot(path=str(artifacts / "field-refused-390.png"), full_page=True)
    page.reload()
    page.wait_for_selector("[data-outbox-list] li[data-state=refused]")
    assert IndicatorValue.objects.get(period=period).value == 9

    # The user fixes it (another period) and sends it again with the same key.
    page.click("[data-entry-fix]")
    other = indicator.periods.order_by("start").last()
    page.select_option("#value-period", str(other.pk))
    page.click("[data-field-form=value] button[type=submit]")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '0'")
    assert IndicatorValue.objects.get(period=other).value == 12


def test_a_discarded_entry_is_gone_only_when_the_user_says_so(phone, live_server, field_world):
    indicator = field_world["indicator"]
    period = indicator.periods.order_by("start").first()
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)
    phone.set_offline(True)
    record_value(page, indicator, period, "3")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-entry-discard]")
    assert outbox_total(page) == "1"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-entry-discard]")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '0'")


def test_after_log_out_the_next_user_finds_nothing_of_the_first(phone, live_server, field_world):
    indicator = field_world["indicator"]
    period = indicator.periods.order_by("start").first()
    mitra = field_world["mitra"]
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)
    phone.set_offline(True)
    record_value(page, indicator, period, "5")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")
    # Kept back (as a refused entry is) so that it is still waiting at log-out.
    page.evaluate("SimitraOutbox.db.entries.toCollection().modify({state: 'refused'})")
    phone.set_offline(False)

    warnings = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.accept()))
    with page.expect_navigation():  # as the menu's "Log out" does
        page.evaluate("document.querySelector('form[data-logout]').requestSubmit()")
    assert warnings and "1" in warnings[0]

    log_in(page, live_server, "koordinator")
    page.wait_for_function("document.body.dataset.fieldUser !== undefined")
    names = page.evaluate("indexedDB.databases().then(list => list.map(db => db.name))")
    assert f"simitra-outbox-{mitra.pk}" not in names
    cached = page.evaluate(
        """async () => {
            const found = [];
            for (const name of await caches.keys()) {
                const hit = await (await caches.open(name)).match('/lapangan/data.json');
                if (hit) found.push((await hit.json()).user);
            }
            return found;
        }"""
    )
    assert mitra.pk not in cached
    assert page.evaluate("SimitraOutbox.db.entries.count()") == 0


def test_a_new_release_replaces_the_service_worker(phone, live_server, field_world, settings):
    settings.SIMITRA_RELEASE = "2026.12.1"
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)
    assert "simitra-shell-2026.12.1" in page.evaluate("caches.keys()")

    settings.SIMITRA_RELEASE = "2026.12.2"
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    wait_for(
        page,
        """async () => {
            const names = await caches.keys();
            const registration = await navigator.serviceWorker.getRegistration();
            return names.includes('simitra-shell-2026.12.2')
                && !names.includes('simitra-shell-2026.12.1')
                && registration.active && registration.active.state === 'activated';
        }""",
    )
    release = page.evaluate(
        """() => new Promise(resolve => {
            navigator.serviceWorker.addEventListener('message', e => resolve(e.data.release));
            navigator.serviceWorker.getRegistration().then(r => r.active.postMessage('release'));
        })"""
    )
    assert release == "2026.12.2"


@pytest.mark.parametrize("language", ["id", "en"])
def test_my_tasks_fit_a_phone_with_the_text_at_200_percent(
    phone, live_server, field_world, artifacts, language
):
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    if language == "en":
        page.click(".navbar-toggler")
        page.click("button[name=language][value=en]")
        page.wait_for_load_state("networkidle")
    open_tasks(page, live_server)
    page.set_input_files(  # an entry in the outbox, so its list is measured too
        "#delivery-photo", {"name": "b.png", "mimeType": "image/png", "buffer": photo_bytes(8, 6)}
    )
    phone.set_offline(True)
    record_delivery(page, field_world["pledge"], "1.000" if language == "id" else "1,000")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")
    page.evaluate(AXE)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert violations == []
    page.add_style_tag(content="html { font-size: 200% !important; }")
    page.wait_for_timeout(100)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow
    wide = page.evaluate(
        """() => [...document.querySelectorAll('#field-tasks *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map(el => el.tagName + '.' + el.className)"""
    )
    assert wide == []
    page.screenshot(path=str(artifacts / f"field-200-{language}.png"), full_page=True)


def test_a_health_check_answered_offline_is_saved_once(phone, live_server, field_world, artifacts):
    from simitra.health import services as health
    from simitra.health.models import HealthCheckRound, HealthResponse

    partnership = field_world["partner"].partnership
    health_round = HealthCheckRound.objects.open().filter(partnership=partnership).first()
    if health_round is None:
        health_round = health.open_round(
            partnership=partnership,
            opened_by=partnership.coordinators.first(),
            title="Cek kesehatan uji lapangan",
        )
    mitra = field_world["mitra"]
    HealthResponse.objects.filter(round=health_round, respondent=mitra).delete()
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)

    phone.set_offline(True)
    page.select_option("#health-round", str(health_round.pk))
    page.click("[data-field-form=health] button[type=submit]")  # no scores yet: refused here
    assert page.locator("[data-field-form=health] [data-error-for^=score_]:not([hidden])").count()
    assert outbox_total(page) == "0"
    for question in health_round.questions.all():
        page.check(f"[data-field-form=health] input[name=score_{question.pk}][value='4']")
    page.locator("[data-health-section]").screenshot(path=str(artifacts / "field-health-390.png"))
    page.click("[data-field-form=health] button[type=submit]")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")

    phone.set_offline(False)
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '0'")
    response = HealthResponse.objects.get(round=health_round, respondent=mitra)
    assert response.answers.filter(score=4).count() == health_round.questions.count()


def test_a_decisions_progress_and_attendance_recorded_offline_are_saved_once(
    phone, live_server, field_world, artifacts
):
    import datetime as dt

    from django.utils import timezone

    from simitra.governance.models import Attendance, Decision, Meeting

    partner = field_world["partner"]
    decision = Decision.objects.create(
        partnership=partner.partnership,
        text="Menyediakan bahan PMT lokal untuk 12 posyandu",
        owner=partner,
        due_date=timezone.localdate() + dt.timedelta(days=20),
    )
    meeting = Meeting.objects.create(
        partnership=partner.partnership,
        title="Rapat uji lapangan",
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="Soe",
    )
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    wait_until_offline_ready(page)

    phone.set_offline(True)
    page.select_option("#decision-decision", str(decision.pk))
    page.select_option("#decision-status", "done")
    page.fill("#decision-done", "")
    page.click("[data-field-form=decision] button[type=submit]")  # refused here, no day
    assert page.inner_text("[data-error-for=done_on]") == (
        "Sebutkan kapan keputusan ini dilaksanakan."
    )
    page.fill("#decision-done", timezone.localdate().isoformat())
    page.click("[data-field-form=decision] button[type=submit]")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '1'")
    page.select_option("#attendance-meeting", str(meeting.pk))
    assert page.locator("[data-field-form=attendance] [data-partner-row]").is_hidden()
    page.fill("#attendance-person", "Rina Wulandari")
    page.click("[data-field-form=attendance] button[type=submit]")
    page.wait_for_function("document.querySelector('[data-outbox-total]').textContent === '2'")

    page.reload()  # offline: the service worker answers
    page.wait_for_selector("#field-tasks[data-ready]", state="attached")
    assert outbox_total(page) == "2"
    page.screenshot(path=str(artifacts / "field-governance-390.png"), full_page=True)
    decision.refresh_from_db()
    assert decision.status == "open" and not Attendance.objects.filter(meeting=meeting).exists()

    phone.set_offline(False)
    page.wait_for_function(
        "document.querySelector('[data-outbox-total]').textContent === '0'", timeout=15000
    )
    decision.refresh_from_db()
    assert decision.status == "done" and decision.done_on == timezone.localdate()
    attendance = Attendance.objects.get(meeting=meeting)
    assert attendance.person == "Rina Wulandari" and attendance.partner == partner
    assert attendance.recorded_by == field_world["mitra"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_representative_of_two_partners_chooses_whom_they_record_for(
    phone, live_server, field_world
):
    import datetime as dt

    from django.utils import timezone

    from simitra.governance.models import Attendance, Meeting
    from simitra.partnerships.models import Partner
    from simitra.partnerships.testing import make_member

    partner = field_world["partner"]
    other = (
        Partner.objects.filter(partnership=partner.partnership, status="confirmed")
        .exclude(pk=partner.pk)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    make_member(field_world["mitra"], other.organisation)
    meeting = Meeting.objects.create(
        partnership=partner.partnership,
        title="Rapat uji dua mitra",
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="Soe",
    )
    page = phone.new_page()
    log_in(page, live_server, "mitra")
    open_tasks(page, live_server)
    page.select_option("#attendance-meeting", str(meeting.pk))
    row = page.locator("[data-field-form=attendance] [data-partner-row]")
    assert row.is_visible()
    assert page.locator("#attendance-partner option").count() == 2
    page.select_option("#attendance-partner", str(other.pk))
    page.fill("#attendance-person", "Rina Wulandari")
    page.click("[data-field-form=attendance] button[type=submit]")
    # Saved into the outbox, then sent (the count is 0 before the save as well as after it).
    page.wait_for_selector("[data-status] .alert-success", timeout=15000)
    assert outbox_total(page) == "0"
    assert Attendance.objects.get(meeting=meeting).partner == other
