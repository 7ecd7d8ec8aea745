"""Browser tests: Debian's chromium driven by Playwright against the live test server."""

import os
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("SIMITRA_REQUIRE_BROWSER"):
            pytest.fail("chromium is required for the browser tests but was not found")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to
    # set up data happen outside it, so Django's async-safety guard is a false alarm here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def demo_world(transactional_db):
    from django.core.management import call_command

    with open(os.devnull, "w") as sink:
        call_command("load_demo", stdout=sink)


def log_in(page, live_server, username, password="simitra-demo"):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state("networkidle")


# Walking the demo's pages by their links (the accessibility and HTML checks): same site, no
# downloads, no log-out, each path with its `tab` once.
SKIPPED = (
    "/akun/keluar",
    "/admin",
    "/api/",
    "/static/",
    "/media/",
    "/unduh",
    "/ekspor",
    "/templat",
    "/bahasa",
)
DOWNLOADS = (".pdf", ".docx", ".xlsx", ".xml", ".ics", ".csv", ".json", ".png", ".zip", "/pdf/")


def page_key(url: str) -> str | None:
    """The page a link names, or None for a link the walk does not follow."""
    parts = urlsplit(url)
    path = parts.path
    if any(path.startswith(prefix) or prefix in path for prefix in SKIPPED):
        return None
    if path.endswith(DOWNLOADS):
        return None
    query = {k: v for k, v in parse_qs(parts.query).items() if k == "tab"}
    return path + (f"?{urlencode(query, doseq=True)}" if query else "")


def page_shape(key: str) -> str:
    """The kind of page a key names: each path segment holding a digit (a partnership's code,
    a record's number) stands for any, so `/kemitraan/NTT-STUNTING-2025/hasil/12/` and
    `/kemitraan/NTB-AIRBERSIH-2026/hasil/3/` are one kind."""
    path, _, query = key.partition("?")
    segments = [
        "*" if any(c.isdigit() for c in segment) else segment for segment in path.split("/")
    ]
    return "/".join(segments) + (f"?{query}" if query else "")


def walk_pages(visit, most: int) -> int:
    """Walk the site breadth first from its home page, one page of each kind (`page_shape`), at
    most `most` kinds: `visit(key)` reads the page and returns the site-relative links it holds
    (none for a page refused or sent elsewhere). Returns how many kinds were walked."""
    seen, queue = set(), deque(["/"])
    while queue and len(seen) < most:
        key = queue.popleft()
        if page_shape(key) in seen:
            continue
        seen.add(page_shape(key))
        for href in visit(key):
            found = page_key(href)
            if found and page_shape(found) not in seen:
                queue.append(found)
    return len(seen)
