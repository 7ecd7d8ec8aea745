"""Accessibility: axe-core (vendored in tests/browser/vendor/axe-core, version 4.14.1 from npm,
MPL-2.0; never fetched) on every page of the demo that each kind of user reaches by following
links, in both languages. A serious or critical violation fails the test, named with its page.

The pages are found by walking the links from the home page (same site, no downloads, no
log-out, each path with its `tab` once); the number walked per user is printed at the end of
the run (`figures`)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import log_in, walk_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
FAILING = {"serious", "critical"}
# Per user and language, breadth first, one page of each kind (`page_shape`: the same path
# with other codes and numbers is the same template), every kind the user reaches: the bound is
# above what the demo has (the coordinator reaches about 135 kinds).
MOST_PAGES = 400

# Who walks the demo, in which languages (the HTML check walks as the same users). The
# coordinator's walks (the longest: every kind of page) are two tests, one per language, which
# the two processes of `make test-browser` can take side by side.
USERS = [
    # username (None: a visitor), languages
    ("koordinator", ["id"]),
    ("koordinator", ["en"]),
    ("mitra", ["en"]),
    ("pemantau", ["id"]),
    (None, ["id", "en"]),
]


def _violations(page) -> list[dict]:
    page.evaluate(AXE)
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }"""
    )


def _walk(page, base: str) -> tuple[int, list[str]]:
    failures = []

    def visit(key):
        response = page.goto(base + key)
        if (
            response is None
            or response.status >= 400
            or not urlsplit(page.url).path.startswith(urlsplit(base + key).path)
        ):
            return []  # refused or sent elsewhere (log-in): the page it went to is walked too
        page.wait_for_load_state("domcontentloaded")
        for violation in _violations(page):
            if violation["impact"] in FAILING:
                failures.append(
                    f"{key}: {violation['id']} ({violation['impact']}) {violation['nodes']}"
                )
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        return [href[len(base) :] or "/" for href in links if href.startswith(base)]

    return walk_pages(visit, MOST_PAGES), failures


@pytest.mark.parametrize(("username", "languages"), USERS, ids=lambda v: str(v))
def test_no_page_has_a_serious_accessibility_violation(
    browser, live_server, demo_world, username, languages, figures
):
    failures = []
    for language in languages:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            # axe is put into the page by the test; the site's own policy stays as it is.
            bypass_csp=True,
            # Colours are read when the page has loaded: without transitions (Bootstrap turns
            # them off for reduced motion), not halfway through one.
            reduced_motion="reduce",
            locale="en-GB" if language == "en" else "id-ID",
        )
        page = context.new_page()
        if username:
            log_in(page, live_server, username)
        page.goto(f"{live_server.url}/")
        switch = page.locator(f"button[name=language][value={language}]")
        if switch.count():
            switch.first.click()
            page.wait_for_load_state("domcontentloaded")
        walked, found = _walk(page, live_server.url)
        figures(f"accessibility: {walked} pages walked as {username or 'a visitor'} ({language})")
        failures += [f"[{username or 'visitor'} {language}] {failure}" for failure in found]
        context.close()
    assert not failures, "\n".join(failures)
