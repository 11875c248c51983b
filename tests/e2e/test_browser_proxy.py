"""The trusted-proxy mode on a real server: a signing-in proxy (tests/e2e/header_proxy.py, standing in for
oauth2-proxy) sets X-Forwarded-Email on every request, WebSocket included, where Streamlit reads it. The user it
names is who the app sees; the same server reached without the proxy shows no page."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import shot, start_server, stop_server, wait_idle
from tests.e2e.header_proxy import HeaderProxy

pytestmark = pytest.mark.e2e
HEADER = "X-Forwarded-Email"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    work = tmp_path_factory.mktemp("proxy")
    env = dict(
        os.environ,
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        REPLENISH_DATA_DIR=str(work),
        REPLENISH_AUTH="proxy",
        REPLENISH_TRUSTED_PROXY_HEADER=HEADER,
        REPLENISH_ALLOWED_DOMAINS="shop.example",
    )
    env.pop("DATABASE_URL", None)
    proc, direct, log = start_server(env, work)
    proxy = HeaderProxy(direct, HEADER).start()
    yield proxy, direct
    proxy.stop()
    stop_server(proc, log)


def _open(browser, url: str, headers: dict | None = None):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, extra_http_headers=headers or {})
    page = context.new_page()
    page.goto(url)
    return context, page


def test_the_proxy_names_the_user_and_a_direct_request_gets_no_page(browser, proxied):
    proxy, direct = proxied

    proxy.sign_in("alice@shop.example")
    context, page = _open(browser, proxy.url)
    page.wait_for_selector("text=Signed in as alice@shop.example", timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Data"
    wait_idle(page)
    shot(page, "proxy_alice")
    context.close()

    # A browser that sends the header itself gets the proxy's user: the proxy replaces it.
    proxy.sign_in("bob@shop.example")
    context, page = _open(browser, proxy.url, {HEADER: "boss@shop.example"})
    page.wait_for_selector("text=Signed in as bob@shop.example", timeout=60_000)
    context.close()

    # The allow-list applies to what the proxy says.
    proxy.sign_in("mallory@elsewhere.example")
    context, page = _open(browser, proxy.url)
    page.wait_for_selector("text=mallory@elsewhere.example is not allowed on this server", timeout=60_000)
    context.close()

    # Reached without the proxy, the server shows no page (why it must be reachable only through the proxy).
    context, page = _open(browser, direct)
    page.wait_for_selector("text=did not come through it", timeout=60_000)
    assert page.get_by_text("Signed in as").count() == 0
    shot(page, "proxy_direct_refused")
    context.close()
