"""Browser tests: Debian's chromium driven by Playwright against the live test server."""

import os
import shutil
import sqlite3
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


# What the first load of the demo in this process made: SQLite's own copy of the database's pages,
# and the files it saved; the next tests' `demo_world` copies them back instead of loading again.
DEMO_COPY: dict[str, sqlite3.Connection] = {}


@pytest.fixture
def demo_world(transactional_db, settings, tmp_path_factory):
    """The demo, loaded (committed: the live server reads it). On SQLite the first test of a
    process loads it and keeps a copy of the database and of the files it saved (the test's own
    folders, see `private_files`); the next ones find the database and their folders as that load
    left them, copied back (a fraction of a second instead of seconds)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    folders = {"private": Path(settings.SIMITRA_PRIVATE_ROOT), "media": Path(settings.MEDIA_ROOT)}
    connection.ensure_connection()
    copy = DEMO_COPY.get(connection.alias) if connection.vendor == "sqlite" else None
    if copy is not None:
        copy.backup(connection.connection)
        ContentType.objects.clear_cache()
        kept = Path(DEMO_COPY_FILES[connection.alias])
        for name, folder in folders.items():
            if (kept / name).exists():
                shutil.copytree(kept / name, folder, dirs_exist_ok=True)
        return
    with open(os.devnull, "w") as sink:
        call_command("load_demo", stdout=sink)
    if connection.vendor == "sqlite":
        kept = tmp_path_factory.mktemp("demo-files")
        for name, folder in folders.items():
            if folder.exists():
                shutil.copytree(folder, kept / name)
        DEMO_COPY_FILES[connection.alias] = str(kept)
        DEMO_COPY[connection.alias] = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(DEMO_COPY[connection.alias])


DEMO_COPY_FILES: dict[str, str] = {}


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
