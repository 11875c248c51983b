"""AppTest: the Portfolio page runs the catalogue and shows the numbers the domain computes; scenarios are saved,
listed, compared, loaded and kept across a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from forecasting.engine import ForecastConfig
from forecasting.overrides import Override
from scenarios.store import ScenarioStore
from ui.components import scenario_compare
from ui.core.i18n import t
from ui.data.scenario_state import decode_link

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
PORTFOLIO = str(ROOT / "app_pages" / "portfolio.py")
SCENARIOS = str(ROOT / "app_pages" / "scenarios.py")
CHEAP = ForecastConfig(horizon=14, folds=2, models=("snaive", "ma"), levels=(80,))


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLENISH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.exception]


def _metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label.startswith(label))


def _portfolio(categories: list[str] | None = None) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=600)
    app.run()
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": list(CHEAP.models)}  # the plans' model set
    if categories:
        app.session_state["pf.filter"] = {"categories": categories, "abc": []}
    app.switch_page(PORTFOLIO).run()
    assert not app.exception, _errors(app)
    app.button(key="w.pf.run").click().run()
    assert not app.exception, _errors(app)
    return app


def _table(app: AppTest):
    return next(df.value for df in app.dataframe if "reorder_point" in df.value.columns)


def _save(app: AppTest, name: str) -> None:
    app.session_state["w.pf.tabs"] = "Save scenario"
    app.run()
    app.text_input(key="w.sc.name").input(name)
    next(b for b in app.button if b.label == "Save scenario").click().run()
    assert not app.exception, _errors(app)


def test_portfolio_runs_every_sku_and_the_kpis_match_the_table(data_dir):
    app = _portfolio()
    assert _metric(app, "SKUs planned") == "40"
    table = _table(app)
    assert len(table) == 40
    # The discontinued SKU is listed with no orders and its reason; the others are planned.
    row = table.set_index("unique_id").loc["RP-1013"]
    assert row["status"] == "no orders" and "discontinued" in row["reason"]
    assert _metric(app, "Order now") == str(int(table["order_now"].fillna(False).astype(bool).sum()))
    assert table["service_level"].dropna().eq(0.95).all()
    # Safety stocks are calibrated (computed with each forecast in the run's workers), and the page says so.
    methods = table["safety_method"].value_counts()
    assert methods.get("Calibrated errors", 0) >= 35, methods
    calibrated = table[table["safety_method"] == "Calibrated errors"]
    assert (calibrated["safety_errors"] >= 30).all()
    line = next(c.value for c in app.caption if c.value.startswith("Safety stocks set by:"))
    assert f"Calibrated errors: {methods['Calibrated errors']}" in line
    # The purchase list holds exactly the SKUs due now.
    app.session_state["w.pf.tabs"] = "Order now"
    app.run()
    plan = next(df.value for df in app.dataframe if "Value" in df.value.columns)
    assert set(plan["SKU"]) == set(table.loc[table["order_now"].fillna(False).astype(bool), "unique_id"])


def test_bulk_class_levels_change_service_levels_and_show_the_effect(data_dir):
    app = _portfolio(["Home & Kitchen"])
    before = float(_metric(app, "Inventory value").replace(",", ""))
    app.toggle(key="w.pf.use_classes").set_value(True).run()
    assert not app.exception, _errors(app)
    table = _table(app)
    levels = table.groupby("abc")["service_level"].first().to_dict()
    assert levels == {k: v for k, v in {"A": 0.98, "B": 0.95, "C": 0.90}.items() if k in levels}
    after = float(_metric(app, "Inventory value").replace(",", ""))
    assert after != before
    assert any("the bulk rules change expected cost" in c.value for c in app.caption)
    # Opening an A SKU on the Replenishment page starts from the portfolio's class level, with the
    # portfolio's cached forecast (no new run).
    a_sku = table.loc[table["abc"] == "A", "unique_id"].iloc[0]
    app.sidebar.selectbox(key="w.app.sku").set_value(a_sku).run()
    app.switch_page(str(ROOT / "app_pages" / "replenishment.py")).run()
    assert not app.exception, _errors(app)
    assert app.slider(key=f"w.rp.{a_sku}.level").value == 98.0
    row = table.set_index("unique_id").loc[a_sku]
    assert _metric(app, "Safety stock") == f"{row['safety_stock']:,.0f}"


def test_scenarios_save_compare_load_and_survive_a_restart(data_dir, monkeypatch):
    app = _portfolio(["Toys & Games"])
    # The planner's override, lock and note are kept with the scenario.
    override = Override(date(2026, 11, 1), date(2026, 11, 30), "percent", 25.0, "Christmas catalogue")
    app.session_state["fc.overrides"] = {"RP-1031": (override,)}
    app.session_state["fc.locks"] = {"RP-1031": "ma"}
    app.session_state["fc.notes"] = {"RP-1031": "catalogue page 4"}
    _save(app, "Base case")
    assert any("Saved 'Base case'" in s.value for s in app.success)
    app.number_input(key="w.pf.lead_delta").set_value(5.0).run()
    _save(app, "Lead time +5 days")
    _save(app, "Base case")  # the same name again is refused, not overwritten
    assert any("You already have a scenario called 'Base case'" in e.value for e in app.error)
    store = ScenarioStore(f"sqlite:///{data_dir / 'scenarios.db'}")
    saved = {s.name: s for s in store.list()}
    assert set(saved) == {"Base case", "Lead time +5 days"}
    assert saved["Lead time +5 days"].params["portfolio"]["lead_time_delta"] == 5.0
    assert saved["Base case"].summary["kpis"]["skus"] == len(saved["Base case"].summary["lines"])
    assert saved["Base case"].params["overrides"]["RP-1031"][0]["value"] == 25.0
    assert saved["Base case"].params["locks"] == {"RP-1031": "ma"}
    store.dispose()

    # A new session (as after a restart) lists both and compares them.
    fresh = AppTest.from_file(ENTRY, default_timeout=600)
    fresh.run()
    fresh.switch_page(SCENARIOS).run()
    assert not fresh.exception, _errors(fresh)
    listing = next(df.value for df in fresh.dataframe if "same_data" in df.value.columns)
    assert set(listing["name"]) == {"Base case", "Lead time +5 days"}

    reports: list[str] = []  # the HTML the comparison's download button carries
    build = scenario_compare.comparison_report
    monkeypatch.setattr(scenario_compare, "comparison_report", lambda *a: reports.append(build(*a)) or reports[-1])
    fresh.multiselect(key="w.sc.compare").set_value([saved["Base case"].id, saved["Lead time +5 days"].id]).run()
    assert not fresh.exception, _errors(fresh)
    diff = next(df.value for df in fresh.dataframe if "Parameter" in df.value.columns).set_index("Parameter")
    # Parameters in words with readable values, not internal keys and JSON.

    assert diff.loc[t("pf.lead_delta")].tolist() == ["0", "5"]
    assert not any(str(k).startswith("portfolio.") for k in diff.index)
    kpis = next(df.value for df in fresh.dataframe if "KPI" in df.value.columns).set_index("KPI")
    delta = "Lead time +5 days − Base case"
    assert delta in kpis.columns
    # Values with their units; differences as scenario minus base, signed.
    base_value = saved["Base case"].summary["kpis"]["inventory_value"]
    other_value = saved["Lead time +5 days"].summary["kpis"]["inventory_value"]
    assert kpis.loc["Inventory value", "Base case"] == f"{base_value:,.0f}"
    sign = "+" if other_value > base_value else "−"
    assert kpis.loc["Inventory value", delta] == f"{sign}{abs(other_value - base_value):,.0f}"
    assert kpis.loc["Cycle service", "Base case"].endswith("%")
    assert kpis.loc["Cycle service", delta].endswith(" pt")
    # The HTML report of the comparison says the same: parameters in words, values with units, the difference
    # coloured (red: a higher inventory value is worse; green where it is lower).
    assert any(b.proto.label == "Download the comparison (HTML)" for b in fresh.get("download_button"))
    body = reports[-1]
    assert t("pf.lead_delta") in body and "portfolio.lead_time_delta" not in body
    assert kpis.loc["Inventory value", delta] in body and f"{base_value:,.0f}" in body
    colour = "#cf222e" if other_value > base_value else "#1a7f37"
    assert colour in body
    # Loading a scenario restores its settings into the session.
    fresh.selectbox(key="w.sc.pick").set_value(saved["Lead time +5 days"].id).run()
    fresh.button(key="w.sc.load").click().run()
    assert not fresh.exception, _errors(fresh)
    assert fresh.session_state["pf.settings"]["lead_time_delta"] == 5.0
    assert fresh.session_state["pf.filter"] == {"categories": ["Toys & Games"], "abc": []}
    assert fresh.session_state["fc.overrides"]["RP-1031"] == (override,)
    assert fresh.session_state["fc.notes"] == {"RP-1031": "catalogue page 4"}


def test_rename_duplicate_delete_and_bad_names(data_dir):
    app = _portfolio(["Toys & Games"])
    _save(app, "   ")
    assert any("cannot be empty" in e.value for e in app.error)
    _save(app, "Plan A")
    app.switch_page(SCENARIOS).run()
    app.text_input(key="w.sc.new_name").input("Plan B").run()
    app.button(key="w.sc.duplicate").click().run()
    app.selectbox(key="w.sc.pick").set_value(_id("Plan B")).run()
    app.text_input(key="w.sc.new_name").input("Plan C").run()
    app.button(key="w.sc.rename").click().run()
    assert not app.exception, _errors(app)
    listing = next(df.value for df in app.dataframe if "same_data" in df.value.columns)
    assert set(listing["name"]) == {"Plan A", "Plan C"}
    assert listing["same_data"].all()
    app.selectbox(key="w.sc.pick").set_value(_id("Plan C")).run()
    app.button(key="w.sc.delete").click().run()
    listing = next(df.value for df in app.dataframe if "same_data" in df.value.columns)
    assert set(listing["name"]) == {"Plan A"}
    # Deleted is recoverable by its owner: the recently deleted list restores it, and the activity records it all.
    assert app.selectbox(key="w.sc.deleted_pick").value == _id("Plan C", deleted=True)
    app.button(key="w.sc.restore").click().run()
    assert not app.exception, _errors(app)
    listing = next(df.value for df in app.dataframe if "same_data" in df.value.columns)
    assert set(listing["name"]) == {"Plan A", "Plan C"}
    activity = next(df.value for df in app.dataframe if "who" in df.value.columns)
    assert activity["action"].tolist() == ["restored", "deleted", "renamed", "duplicated", "saved"]
    assert set(activity["who"]) == {"local user"}


def _id(name: str, deleted: bool = False) -> str:
    store = ScenarioStore()
    try:
        return next(s.id for s in store.list(include_deleted=deleted) if s.name == name)
    finally:
        store.dispose()


def test_an_unusable_store_gets_a_message_and_the_page_still_works(data_dir, monkeypatch):
    (data_dir / "scenarios.db").write_bytes(b"garbage" * 1000)
    app = _portfolio(["Toys & Games"])
    app.session_state["w.pf.tabs"] = "Save scenario"
    app.run()
    assert not app.exception, _errors(app)
    assert any("damaged" in e.value for e in app.error)
    assert _metric(app, "SKUs planned") == "8"


def test_a_shared_link_reproduces_the_what_if(data_dir):

    app = _portfolio(["Toys & Games"])
    app.number_input(key="w.pf.lead_delta").set_value(3.0).run()
    app.session_state["w.pf.tabs"] = "Save scenario"
    app.run()
    link = next(c.value for c in app.code if c.value.startswith("?s=")).removeprefix("?s=")
    payload = decode_link(link)
    assert payload["pf"]["lead_time_delta"] == 3.0
    other = AppTest.from_file(ENTRY, default_timeout=600)
    other.query_params["s"] = link
    other.run()
    assert not other.exception, _errors(other)
    assert other.session_state["pf.settings"]["lead_time_delta"] == 3.0
    bad = AppTest.from_file(ENTRY, default_timeout=600)
    bad.query_params["s"] = "not-a-link"
    bad.run()
    assert not bad.exception, _errors(bad)
    assert any("could not be used" in w.value for w in bad.warning)


def test_a_plan_made_before_a_run_is_not_shown_after_it(data_dir):
    # Home & Kitchen forecast first; then Toys & Games join the selection: the plan drawn before their run lists
    # them as not run, and after the run every SKU is planned (the cached plan of the half-run selection is not
    # reused).
    app = _portfolio(["Home & Kitchen"])
    assert len(_table(app)) == 8
    app.multiselect(key="w.pf.categories").set_value(["Home & Kitchen", "Toys & Games"]).run()
    assert not app.exception, _errors(app)
    before = _table(app)
    assert (before["status"] == "failed").sum() == 8
    app.button(key="w.pf.run").click().run()
    assert not app.exception, _errors(app)
    after = _table(app)
    assert len(after) == 16 and not (after["status"] == "failed").any()
    assert after["reorder_point"].notna().sum() >= 14  # all but inactive SKUs get a policy


def test_stock_not_known_is_said_and_typed_stock_replans_with_a_risk_from_it(data_dir):
    """The UCI demo has no item master: every SKU's stock is unknown. The page says so, claims no risk from it
    and shows the long-run service; stock typed in the editor (kept with the per-SKU parameters a scenario
    saves) makes that SKU's risk from today's stock appear."""
    app = AppTest.from_file(ENTRY, default_timeout=600)
    app.run()
    app.radio(key="w.data.source").set_value("demo:uci").run()
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": list(CHEAP.models)}  # the plans' model set
    app.switch_page(PORTFOLIO).run()
    app.button(key="w.pf.run").click().run()
    assert not app.exception, _errors(app)
    assert app.warning[0].value.startswith("Stock on hand is not known for 40 of 40 SKUs")
    table = _table(app)
    assert table["stockout_risk"].isna().all() and not table["stock_known"].astype(bool).any()
    csl = table["cycle_service_level"].dropna()
    assert len(csl) > 30 and csl.between(0, 1).all()
    assert _metric(app, "Cycle service") == f"{100 * csl.mean():.1f}%"
    sku = str(table["unique_id"].iloc[0])
    app.session_state["pf.sku_params"] = {sku: {"on_hand": 0.0}}  # what the stock editor stores
    app.run()
    assert not app.exception, _errors(app)
    assert app.warning[0].value.startswith("Stock on hand is not known for 39 of 40 SKUs")
    row = _table(app).set_index("unique_id").loc[sku]
    assert bool(row["stock_known"]) and row["stockout_risk"] > 0.9  # an empty shelf: short almost surely
    _save(app, "counted")
    store = ScenarioStore(f"sqlite:///{data_dir / 'scenarios.db'}")
    saved = {sc.name: sc for sc in store.list()}["counted"]
    store.dispose()
    assert saved.params["sku_params"][sku]["on_hand"] == 0.0
