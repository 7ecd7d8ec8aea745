"""HTML: every kind of page of the demo that each kind of user reaches by following links (one
page of each kind, `page_shape`, as in the accessibility walk), in both languages, is checked by
html-validate (npm, `standard` preset; installed into tests/node by
`make test-browser`, never served). An error fails the test, named with its page, line and
rule.

Runs with the browser tests (it needs the same tools installed), but reads the pages through
Django's test client: the HTML the server sends, before any script runs."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from .conftest import walk_pages
from .test_accessibility import USERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HTML_VALIDATE = (
    Path(__file__).resolve().parents[1] / "node" / "node_modules" / ".bin" / "html-validate"
)
MOST_PAGES = 400  # kinds of page per user and language: more than the demo has
LINK = re.compile(r'href="(/[^"#]*)"')


@pytest.fixture(scope="module")
def html_validate():
    if not HTML_VALIDATE.exists():
        if os.environ.get("SIMITRA_REQUIRE_BROWSER"):
            pytest.fail("html-validate is required (make test-browser installs it into tests/node)")
        pytest.skip("html-validate is not installed (npm ci --prefix tests/node)")
    return HTML_VALIDATE


def _walk(client, out: Path, label: str) -> int:
    """Keep each kind of page the client reaches in `out`; how many were kept."""
    written = 0

    def visit(key):
        nonlocal written
        response = client.get(key)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return []  # refused, sent elsewhere (walked there too) or not a page
        html = response.content.decode()
        written += 1
        (out / f"{label}-{written:03d}.html").write_text(f"<!-- {key} -->\n{html}")
        return [href.replace("&amp;", "&") for href in LINK.findall(html)]

    walk_pages(visit, MOST_PAGES)
    return written


def test_no_page_has_an_html_error(demo_world, html_validate, tmp_path, figures):
    users = get_user_model().objects
    pages = 0
    for username, languages in USERS:
        for language in languages:
            client = Client(HTTP_HOST="127.0.0.1")
            if username:
                client.force_login(users.get(username=username))
            client.post("/akun/bahasa/", {"language": language, "next": "/"})
            walked = _walk(client, tmp_path, f"{username or 'visitor'}-{language}")
            figures(f"html-validate: {walked} pages as {username or 'a visitor'} ({language})")
            pages += walked
    assert pages > 100, "the walk found the demo's kinds of page"
    # A page with a known error shows that the check read the folder.
    (tmp_path / "sentinel.html").write_text(
        '<!-- sentinel -->\n<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p id="twice"></p><p id="twice"></p></body></html>'
    )
    done = subprocess.run(
        [str(html_validate), "--preset", "standard", "--formatter", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(done.stdout or "[]")
    failures = []
    for result in report:
        path = Path(result["filePath"])
        page = path.read_text().split("\n", 1)[0].removeprefix("<!-- ").removesuffix(" -->")
        for message in result["messages"]:
            if message["severity"] >= 2:
                failures.append(
                    f"{path.stem} {page} line {message['line'] - 1}: {message['ruleId']}: "
                    f"{message['message']}"
                )
    assert done.returncode == 1, done.stderr
    sentinel = [f for f in failures if f.startswith("sentinel ")]
    assert len(sentinel) == 1 and "no-dup-id" in sentinel[0], failures[:5]
    failures.remove(sentinel[0])
    assert not failures, "\n".join(failures[:50])
