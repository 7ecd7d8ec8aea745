"""Single sign-on through a real OpenID Connect provider, in the browser.

The provider is the `oidc-provider` package (npm) run by node from tests/browser/oidc/ (its
packages installed there by `npm ci`, see .ci/run); its own development log-in form takes any
login name, and the claims of each name are given to it here."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_member, make_organisation, make_partnership, make_user

pytestmark = pytest.mark.browser

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc"
ACCOUNTS = {
    "dewi": {"email": "dewi@bappeda.example.go.id", "email_verified": True, "given_name": "Dewi"},
    "budi": {"email": "budi@desa.example.id", "email_verified": True, "given_name": "Budi"},
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oidc_provider(live_server, settings):
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").exists():
        if os.environ.get("SIMITRA_REQUIRE_BROWSER"):
            pytest.fail("node and tests/browser/oidc/node_modules are needed (npm ci there)")
        pytest.skip("the local OpenID Connect provider is not installed")
    issuer = f"http://localhost:{_free_port()}"
    callback = f"{live_server.url}/akun/oidc/uji/login/callback/"
    process = subprocess.Popen(
        [node, "provider.mjs", issuer, callback, json.dumps(ACCOUNTS)],
        cwd=PROVIDER_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"the provider stopped: {process.stderr.read().decode()}")
                time.sleep(0.1)
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "uji",
                        "name": "SSO Uji",
                        "client_id": "simitra-test",
                        "secret": "simitra-test-secret",
                        "settings": {"server_url": issuer},
                    }
                ]
            }
        }
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=5)


def sign_in_at_the_provider(page, live_server, login: str):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_role("button", name="Masuk dengan SSO Uji").click()
    page.wait_for_load_state("networkidle")
    assert "/interaction/" in page.url, (page.url, page.inner_text("body")[:800])
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "anything")
    page.click("button[type=submit]")
    page.get_by_role("button", name="Continue").click()  # the provider's consent
    page.wait_for_url(f"{live_server.url}/")


def test_single_sign_on_through_a_real_provider(browser, live_server, oidc_provider, artifacts):
    dewi = make_user("dewi", email=ACCOUNTS["dewi"]["email"])
    bappeda = make_organisation(
        "Bappeda Provinsi", sso_email_domains="bappeda.example.go.id", sso_provider="uji"
    )
    make_member(dewi, bappeda)
    private = make_partnership(title="Kemitraan Rahasia", visibility=Partnership.Visibility.PRIVATE)
    make_member(make_user("koor"), make_organisation("Dinas"))

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # A member under her organisation's policy is refused at the password form, told where.
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "dewi")
    page.fill("#id_password", "pw-for-tests")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state("networkidle")
    assert "/akun/masuk/" in page.url
    assert "Bappeda Provinsi mewajibkan anggotanya masuk dengan SSO" in page.inner_text("main")
    page.screenshot(path=artifacts / "sso_refused_at_password.png", full_page=True)

    # With the provider she lands on the home page, her existing account linked.
    sign_in_at_the_provider(page, live_server, "dewi")
    assert page.url == f"{live_server.url}/"
    assert dewi.socialaccount_set.filter(provider="uji").exists()
    assert page.locator("form[action='/akun/keluar/']").count() >= 1
    context.close()

    # Someone the site does not know gets an account on the first log-in, and sees nothing
    # private: the list does not show the private partnership, its page is a 404.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in_at_the_provider(page, live_server, "budi")
    budi = get_user_model().objects.get(email=ACCOUNTS["budi"]["email"])
    assert not budi.memberships.exists()
    page.goto(f"{live_server.url}/kemitraan/")
    assert "Kemitraan Rahasia" not in page.inner_text("main")
    answer = page.goto(f"{live_server.url}{private.get_absolute_url()}")
    assert answer.status == 404
    context.close()
