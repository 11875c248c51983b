"""Sign-in, the allow-list and the trusted-proxy mode, run through app.py's gate; scenario owners on the Scenarios
page: a colleague's scenario is read-only, its duplicate is one's own, and every action is on the audit trail.

The proxy mode reads the request's headers (``st.context.headers``), which AppTest cannot send: the tests put
them in ``ui.core.identity.request_headers``, the one place the app reads them. On a real server, behind a real
proxy, it is tested in tests/e2e/test_browser_proxy.py; the OpenID Connect flow itself (the provider's redirect and
cookie) against a real provider in tests/e2e/test_browser_sign_in.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.store import Actor, Scenario, ScenarioStore
from ui.core import identity

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
SCENARIOS = str(ROOT / "app_pages" / "scenarios.py")
HEADER = "X-Forwarded-Email"
ALICE = Actor(identity.PROXY_ISSUER, "alice@shop.example", "alice@shop.example", "alice@shop.example")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLENISH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def proxy(monkeypatch):
    """Proxy mode for shop.example; ``proxy("x@y")`` makes the next request come from x@y (None: no header)."""
    monkeypatch.setenv(identity.PROXY_HEADER_ENV, HEADER)
    monkeypatch.setenv(identity.DOMAINS_ENV, "shop.example")
    monkeypatch.delenv(identity.EMAILS_ENV, raising=False)

    def as_user(email: str | None) -> None:
        headers = {} if email is None else {HEADER: email}
        monkeypatch.setattr(identity, "request_headers", lambda: headers)

    return as_user


def _texts(app: AppTest) -> str:
    parts = [e.value for kind in ("error", "info", "caption", "markdown", "title") for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


def test_without_sign_in_configured_one_local_user_uses_the_app(monkeypatch):
    monkeypatch.delenv(identity.PROXY_HEADER_ENV, raising=False)
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Data"
    assert app.session_state["app.actor"].key == "local|local"
    assert "Signed in as" not in _texts(app)


def test_the_proxy_header_names_the_user(proxy):
    proxy("Alice@Shop.example")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Data"
    actor = app.session_state["app.actor"]
    assert (actor.issuer, actor.subject, actor.email) == ("proxy", "alice@shop.example", "Alice@Shop.example")
    assert "Signed in as Alice@Shop.example" in _texts(app)


def test_a_request_that_bypassed_the_proxy_sees_no_page(proxy):
    proxy(None)
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Replenish"]
    assert "no X-Forwarded-Email header" in app.error[0].value
    assert app.session_state["app.actor"] is None


def test_the_allow_list_refuses_a_third_domain(proxy):
    proxy("mallory@elsewhere.example")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Replenish"]
    assert "mallory@elsewhere.example is not allowed on this server" in app.error[0].value


def test_sign_in_mode_asks_to_sign_in_then_checks_the_allow_list(monkeypatch):
    monkeypatch.delenv(identity.PROXY_HEADER_ENV, raising=False)
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    app.secrets["replenish"] = {"allowed_emails": ["bob@partner.example"], "allowed_domains": ["shop.example"]}
    app.user = {"is_logged_in": False}
    app.run()
    assert not app.exception
    assert app.button(key="w.auth.login").label == "Sign in"
    assert [t.value for t in app.title] == ["Replenish"]
    app.user = {
        "is_logged_in": True,
        "iss": "https://idp.example",
        "sub": "u-123",
        "email": "bob@partner.example",
        "name": "Bob",
    }
    app.run()
    assert not app.exception and app.title[0].value == "Data"
    assert app.session_state["app.actor"].key == "https://idp.example|u-123"
    app.user = {"is_logged_in": True, "iss": "https://idp.example", "sub": "u-9", "email": "eve@other.example"}
    app.run()
    assert "eve@other.example is not allowed" in app.error[0].value


def test_an_empty_allow_list_lets_no_one_in(monkeypatch):
    monkeypatch.delenv(identity.PROXY_HEADER_ENV, raising=False)
    monkeypatch.delenv(identity.DOMAINS_ENV, raising=False)
    monkeypatch.delenv(identity.EMAILS_ENV, raising=False)
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    app.user = {"is_logged_in": True, "iss": "https://idp.example", "sub": "u-1", "email": "any@gmail.example"}
    app.run()
    assert "allow-list is empty" in app.error[0].value


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("a@shop.example", True),
        ("A@SHOP.EXAMPLE", True),
        ("a@sub.shop.example", False),
        ("bob@partner.example", True),
        ("carol@partner.example", False),
        ("shop.example", False),
        ("", False),
    ],
)
def test_the_allow_list_matches_addresses_and_domains_exactly(email, allowed):
    settings = identity.access(
        secrets={"auth": {"x": 1}, "replenish": {"allowed_domains": ["@Shop.example"]}},
        environ={identity.EMAILS_ENV: "bob@partner.example, "},
    )
    assert settings.mode == "oidc"
    assert settings.allows(email) is allowed


def test_a_star_domain_admits_anyone_the_provider_signs_in():
    settings = identity.access(secrets={"auth": {"x": 1}, "replenish": {"allowed_domains": "*"}}, environ={})
    assert settings.allows("anyone@anywhere.example") and not settings.allows("not-an-address")


def test_a_colleagues_scenario_is_read_only_and_its_duplicate_is_ones_own(data_dir, proxy):
    shop = ScenarioStore()
    original = shop.save(Scenario("Peak season", "d" * 16, {"portfolio": {"service_level": 0.97}}), actor=ALICE)
    shop.dispose()

    proxy("bob@shop.example")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    app.switch_page(SCENARIOS).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.button(key="w.sc.rename").disabled
    assert "'Peak season' belongs to alice@shop.example" in _texts(app)
    table = next(df.value for df in app.dataframe if "owner" in df.value.columns)
    assert table["owner"].tolist() == ["alice@shop.example"]

    app.button(key="w.sc.duplicate").click().run()
    assert not app.exception, [e.value for e in app.exception]
    shop = ScenarioStore()
    mine = [s for s in shop.list() if s.owner == "proxy|bob@shop.example"]
    assert [s.name for s in mine] == ["Peak season (copy)"]
    assert shop.get(original.id).owner == ALICE.key and shop.get(original.id).name == "Peak season"
    actions = [(e.action, e.actor) for e in shop.audit()]
    assert ("duplicate", "proxy|bob@shop.example") in actions and ("save", ALICE.key) in actions

    # The copy is Bob's: he can rename it, and the activity table shows both people.
    app.session_state["w.sc.pick"] = mine[0].id
    app.text_input(key="w.sc.new_name").set_value("Peak season, Bob")
    app.run()
    assert not app.button(key="w.sc.rename").disabled
    app.button(key="w.sc.rename").click().run()
    assert not app.exception
    assert shop.get(mine[0].id).name == "Peak season, Bob"
    activity = next(df.value for df in app.dataframe if "who" in df.value.columns)
    assert {"alice@shop.example", "bob@shop.example"} <= set(activity["who"])
    shop.dispose()


def test_a_configuration_that_could_let_the_wrong_people_in_is_refused():
    auth = {"auth": {"redirect_uri": "x", "cookie_secret": "y"}}
    both = identity.access(secrets=auth, environ={identity.PROXY_HEADER_ENV: HEADER, identity.DOMAINS_ENV: "*"})
    assert (both.mode, both.reason) == ("misconfigured", "both")
    lost = identity.access(secrets={}, environ={identity.AUTH_ENV: "oidc"})  # the secrets file went missing
    assert (lost.mode, lost.reason) == ("misconfigured", "expected_oidc")
    typo = identity.access(secrets=auth, environ={identity.AUTH_ENV: "oauth"})
    assert (typo.mode, typo.reason) == ("misconfigured", "unknown_mode")
    pinned = identity.access(secrets=auth, environ={identity.AUTH_ENV: "OIDC"})
    assert pinned.mode == "oidc"
    assert identity.access(secrets={}, environ={}).mode == "local"


def test_a_secrets_file_that_does_not_parse_lets_no_one_in(monkeypatch, tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text("[auth\nredirect_uri = ", encoding="utf-8")
    monkeypatch.setattr(identity, "_secrets_file_exists", lambda: True)

    def unreadable():
        raise RuntimeError("Error parsing secrets file")

    monkeypatch.setattr(identity.st, "secrets", type("S", (), {"__iter__": lambda self: unreadable()})())
    settings = identity.access(environ={})
    assert (settings.mode, settings.reason) == ("misconfigured", "secrets")


def _signed_in(monkeypatch, **claims) -> AppTest:
    monkeypatch.delenv(identity.PROXY_HEADER_ENV, raising=False)
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    app.secrets["replenish"] = {"allowed_domains": ["shop.example"]}
    app.user = {"is_logged_in": True, "iss": "https://idp.example", "sub": "u-7", **claims}
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_provider_that_sends_no_email_or_an_unverified_one_gets_no_page(monkeypatch):
    app = _signed_in(monkeypatch)
    assert "sent no e-mail address" in app.error[0].value
    assert [t.value for t in app.title] == ["Replenish"]
    app = _signed_in(monkeypatch, email="dan@shop.example", email_verified=False)
    assert "dan@shop.example is not verified" in app.error[0].value
    app = _signed_in(monkeypatch, email="dan@shop.example", email_verified=True)
    assert app.title[0].value == "Data"


def test_a_refused_user_reaches_no_page_by_its_address(proxy):
    proxy("mallory@elsewhere.example")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    app.switch_page(SCENARIOS).run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Replenish"]
    assert not app.dataframe and "is not allowed" in app.error[0].value


def test_a_proxy_header_sent_twice_or_not_an_address_is_refused(proxy, monkeypatch):
    class Twice(dict):
        def get_all(self, key):
            return ["bob@shop.example", "boss@shop.example"] if key == HEADER else []

    monkeypatch.setattr(identity, "request_headers", lambda: Twice())
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert "does not name one e-mail address" in app.error[0].value
    proxy("bob@shop.example, boss@shop.example")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert "does not name one e-mail address" in app.error[0].value


def test_a_link_from_a_colleagues_scenario_says_whose_it_is_and_changes_nothing(data_dir, proxy):
    from scenarios.links import encode_link

    shop = ScenarioStore()
    theirs = shop.save(Scenario("Q3", "d" * 16, {"portfolio": {"service_level": 0.97}}), actor=ALICE)
    shop.dispose()
    link = encode_link({"src": "demo:shop", "ds": "d" * 16, "freq": "D", "pf": {"service_level": 0.9}, "sc": theirs.id})
    proxy("bob@shop.example")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.query_params["s"] = link
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("comes from 'Q3', a scenario of alice@shop.example" in i.value for i in app.info)
    assert app.session_state["sc.loaded_id"] is None  # the link's settings are not the scenario
    assert app.session_state["pf.settings"]["service_level"] == 0.9
    shop = ScenarioStore()
    assert shop.get(theirs.id).params == {"portfolio": {"service_level": 0.97}}
    shop.dispose()


def test_the_activity_filters_by_action(data_dir, monkeypatch):
    monkeypatch.delenv(identity.PROXY_HEADER_ENV, raising=False)
    shop = ScenarioStore()
    first = shop.save(Scenario("Plan A", "d" * 16, {"portfolio": {"service_level": 0.95}}))
    shop.save(Scenario("Plan A", "d" * 16, {"portfolio": {"service_level": 0.98}}), overwrite=True)
    shop.duplicate(first.id, "Plan B")
    shop.dispose()
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    app.switch_page(SCENARIOS).run()
    activity = next(df.value for df in app.dataframe if "who" in df.value.columns)
    assert activity["action"].tolist() == ["duplicated", "replaced", "saved"]
    # The stored summary (paths and values) reads as words in the session's language.
    assert activity["summary"].tolist()[:2] == ["copy of 'Plan A' (owner local user)", "Service level: 95.0% → 98.0%"]
    app.multiselect(key="w.sc.audit_action").set_value(["overwrite"]).run()
    activity = next(df.value for df in app.dataframe if "who" in df.value.columns)
    assert activity["action"].tolist() == ["replaced"] and activity["scenario"].tolist() == ["Plan A"]


def test_audit_summaries_read_in_chinese(monkeypatch):
    from ui.components.scenario_audit import summary_text
    from ui.core import i18n

    monkeypatch.setattr(i18n, "_last_run_language", ["zh"])
    assert (
        summary_text("overwrite", "portfolio.service_level 0.95 → 0.98; +2 more")
        == "服务水平：95.0% → 98.0%；另有 2 处改动"
    )
    assert (
        summary_text("duplicate", "copy of Q3 (owner alice@shop.example)") == "复制自“Q3”（所有者 alice@shop.example）"
    )
    assert summary_text("export", "plan XLSX, Portfolio page") == "计划工作簿（XLSX），商品组合页"
    assert summary_text("overwrite", "results updated") == "设置未变；结果已重新计算"
    assert summary_text("rename", "Q3 → Q3 final") == "Q3 → Q3 final"
