"""Sign-in against a real OpenID Connect provider (oidc-provider-mock, on a thread of this test): Streamlit's
``st.login`` redirects to it, the user authorises, the app knows who they are. Two colleagues of shop.example sign
in; Bob sees Alice's scenario read-only, cannot rename or delete it, and duplicates it as his own. Carol, of another
domain, is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scenarios.store import Actor, Scenario, ScenarioStore
from tests.e2e.conftest import _free_port, shot, start_server, stop_server, wait_idle

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def provider():
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def signed_server(provider, tmp_path_factory):
    """A Replenish server with sign-in through ``provider`` and an allow-list of shop.example."""
    work = tmp_path_factory.mktemp("sign-in")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = work / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        'cookie_secret = "test-cookie-secret-that-is-long-enough-0123456789"\n'
        'client_id = "replenish-test"\n'
        'client_secret = "replenish-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        "[replenish]\n"
        'allowed_domains = ["shop.example"]\n',
        encoding="utf-8",
    )
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", REPLENISH_DATA_DIR=str(work))
    for name in ("DATABASE_URL", "REPLENISH_TRUSTED_PROXY_HEADER", "REPLENISH_ALLOWED_DOMAINS"):
        env.pop(name, None)
    proc, _, log = start_server(env, work, ("--secrets.files", str(secrets)), port=port)
    yield url, work
    stop_server(proc, log)
    text = (work / "server.log").read_text(errors="replace")
    assert "cookie-secret" not in text and "replenish-test-secret" not in text  # no secrets in the log


def _sign_in(browser, url: str, email: str):
    """A fresh browser (its own cookies) signed in as ``email`` through the provider's form."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('input[name="sub"]', timeout=30_000)
    page.fill('input[name="sub"]', email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    return context, page


def test_two_colleagues_and_a_stranger(browser, provider, signed_server):
    url, work = signed_server

    # Alice's scenario, owned by the identity the provider will give her: its issuer and her subject. Her own
    # sign-in below shows the app maps the provider's real claims to that owner.
    store = ScenarioStore(f"sqlite:///{Path(work) / 'scenarios.db'}")
    alices = Actor(provider, "alice@shop.example", "alice@shop.example", "alice@shop.example")
    store.save(Scenario("Peak season", "0" * 16, {"portfolio": {"service_level": 0.97}}), actor=alices)

    alice_context, alice = _sign_in(browser, url, "alice@shop.example")
    alice.wait_for_selector("text=Signed in as alice@shop.example", timeout=60_000)
    assert alice.locator("h1").first.inner_text() == "Data"
    shot(alice, "sign_in_alice")
    alice.goto(f"{url}/scenarios")
    alice.get_by_role("button", name="Duplicate").wait_for(timeout=60_000)
    wait_idle(alice)
    main = alice.locator('[data-testid="stMain"]')
    assert main.get_by_role("button", name="Rename").is_enabled()  # hers: she may change it
    assert main.get_by_text("belongs to").count() == 0
    alice.locator('[role="gridcell"]', has_text="you").first.wait_for(state="attached", timeout=10_000)
    alice_context.close()

    bob_context, bob = _sign_in(browser, url, "bob@shop.example")
    bob.wait_for_selector("text=Signed in as bob@shop.example", timeout=60_000)
    bob.goto(f"{url}/scenarios")
    bob.wait_for_selector("text=belongs to alice@shop.example", timeout=60_000)
    wait_idle(bob)
    main = bob.locator('[data-testid="stMain"]')
    assert main.get_by_role("button", name="Rename").is_disabled()
    assert main.get_by_role("button", name="Delete").is_disabled()
    shot(bob, "sign_in_bob_read_only")
    main.get_by_role("button", name="Duplicate").click()
    # The table is a canvas grid: its cells are in the page for screen readers, not visible.
    bob.locator('[role="gridcell"]', has_text="Peak season (copy)").first.wait_for(state="attached", timeout=60_000)
    wait_idle(bob)
    shot(bob, "sign_in_bob_duplicated")
    bob_context.close()

    copies = [s for s in store.list() if s.name == "Peak season (copy)"]
    assert len(copies) == 1 and copies[0].owner == f"{provider}|bob@shop.example"
    original = next(s for s in store.list() if s.name == "Peak season")
    assert original.owner == alices.key and original.updated_by == "alice@shop.example"
    assert ("duplicate", f"{provider}|bob@shop.example") in [(e.action, e.actor) for e in store.audit()]
    store.dispose()

    carol_context, carol = _sign_in(browser, url, "carol@elsewhere.example")
    carol.wait_for_selector("text=carol@elsewhere.example is not allowed on this server", timeout=60_000)
    assert carol.get_by_text("Scenarios").count() == 0  # no page is listed
    shot(carol, "sign_in_carol_refused")
    carol_context.close()
