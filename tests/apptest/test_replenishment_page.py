"""AppTest: the Replenishment page reacts to the lead-time slider exactly as the formula predicts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import salesdata
from forecasting.calibration import backtest_span_days, calibrate, calibration_shape, members_of
from forecasting.engine import ForecastConfig
from inventory import ItemParams, PolicySettings, compute_policy, demand_plan
from inventory.catalogue import sku_seed
from inventory.policy import calibration_days
from ui.data.compute import forecast_store

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
PAGE = str(ROOT / "app_pages" / "replenishment.py")
SKU = "RP-1002"
ITEMS = pd.read_csv(ROOT / "sample_data" / "items.csv").set_index("sku").loc[SKU]
# A cheap forecast for the page (the Forecast page's choice; the page plans over 91 days): the page's behaviour is
# under test here, not the models (the catalogue model's own AppTest is on the Forecast page).
CHEAP = ForecastConfig(horizon=28, folds=2, models=("snaive", "ets", "theta", "ensemble"), levels=(80,))


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": list(CHEAP.models)}  # the plans' model set
    app.sidebar.selectbox(key="w.app.sku").set_value(SKU).run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    app.button(key="w.rp.run").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def _expected_safety_stock(lead: float) -> float:
    """The safety stock straight from the domain code, with the page's forecast and the item master's values."""
    return _policy(lead).safety_stock


def _supplier_calendar():
    """The SKU's supplier's order days and shutdowns from the demo supplier file (joined by the item master)."""
    from inventory.order_calendar import supplier_calendars

    files = salesdata.demo_files("shop")
    terms = salesdata.load_suppliers(salesdata.read_table(files["suppliers"][1], "suppliers.csv"))
    return supplier_calendars(terms.frame)[ITEMS["supplier"]][0]


def test_replenishment_page_starts_from_the_item_master(at):
    assert at.slider(key=f"w.rp.{SKU}.lead").value == int(ITEMS["lead_time_days"])
    assert _metric(at, "Safety stock") == f"{_expected_safety_stock(float(ITEMS['lead_time_days'])):,.0f}"
    assert any("Policy replay on your history" in m.value for m in at.markdown)
    assert _metric(at, "Cycles replayed") != "0"
    policy = _policy(float(ITEMS["lead_time_days"]))
    method = next(c.value for c in at.caption if "Safety stock set by the calibrated method" in c.value)
    assert f"from {policy.errors_own} forecast errors of this SKU" in method


def _policy(lead: float, costs_given: bool = False):
    """The page's policy straight from the domain code."""

    result = next(iter(forecast_store().values()))
    files = salesdata.demo_files("shop")
    demo = salesdata.DEMOS["shop"]
    spans = salesdata.load_stockouts(salesdata.read_table(files["stockouts"][1], "stockouts.csv")).spans
    ds = salesdata.build_dataset(
        salesdata.read_table(files["sales"][1], files["sales"][0]), demo.mapping, demo.options, "D", spans
    )
    series = ds.panel[ds.panel["unique_id"] == SKU]
    item = ItemParams(
        lead_time_days=lead,
        lead_time_sd_days=float(ITEMS["lead_time_sd_days"]),
        unit_cost=float(ITEMS["unit_cost"]),
        on_hand=float(ITEMS["on_hand"]),
        moq=float(ITEMS["moq"]),
        pack_size=float(ITEMS["pack_size"]),
        calendar=_supplier_calendar(),
        costs_given=costs_given,
    )
    # The calibrated safety stock: the page's forecast re-run from rolling origins, shaped as the page shapes it.
    config = replace(CHEAP, horizon=91)  # the page's planning forecast: the chosen settings over 91 days
    shape = calibration_shape("D", calibration_days(item, PolicySettings()), 91, backtest_span_days(result.backtest))
    cal = calibrate(series, "D", config, members_of(result.best_model, result.choice, result.descriptions), *shape)
    plan = demand_plan(
        result.forecast, result.best_model, "D", backtest=result.backtest, history=series, calibration=cal.frame
    )
    # The page seeds every draw from the run's seed (0) and the SKU id, as the Portfolio and the CLI do.
    policy = compute_policy(plan, item, PolicySettings(), rng_seed=sku_seed(0, SKU))
    assert policy.uncertainty_used == "calibrated" and policy.errors_own >= 30
    return policy


def test_order_quantity_and_reorder_point_are_shown_in_days_and_q_follows_the_costs_toggle(at):
    policy = _policy(float(ITEMS["lead_time_days"]))
    card = next(m for m in at.metric if m.label == "Order quantity")
    assert card.value == f"{policy.order_quantity:,.0f}"
    days = policy.in_days(policy.order_quantity)
    assert card.delta == f"≈ {days:,.{1 if days < 10 else 0}f} days of demand"
    rop = next(m for m in at.metric if m.label == "Reorder point")
    assert rop.delta.endswith("days of demand")
    at.toggle(key=f"w.rp.{SKU}.costs_given").set_value(True).run()
    given = _policy(float(ITEMS["lead_time_days"]), costs_given=True)
    assert _metric(at, "Order quantity") == f"{given.order_quantity:,.0f}"


def test_moving_the_lead_time_slider_changes_safety_stock_as_the_formula_predicts(at):
    before = float(_metric(at, "Safety stock").replace(",", ""))
    new_lead = int(ITEMS["lead_time_days"]) + 10
    at.slider(key=f"w.rp.{SKU}.lead").set_value(new_lead).run()
    after = float(_metric(at, "Safety stock").replace(",", ""))
    predicted = _expected_safety_stock(float(new_lead)) - _expected_safety_stock(float(ITEMS["lead_time_days"]))
    assert after > before
    assert after - before == pytest.approx(predicted, abs=1.0)  # the cards show whole units


def test_tabs_render_the_simulation_frontier_and_formulas(at):
    for tab in ("Simulation", "Cost–service frontier", "How it is computed"):
        at.session_state["w.rp.tabs"] = tab
        at.run()
        assert not at.exception, (tab, [e.value for e in at.exception])
    assert any("Safety factor k" in m.value for m in at.markdown)


def test_units_and_currency_from_the_sidebar_show_on_the_page(at):
    # Money without a currency is a plain number; with £ it is "£1,234"; quantities carry the chosen unit.
    plain = _metric(at, "Expected cost")
    assert plain[0].isdigit(), plain
    at.sidebar.text_input(key="w.app.currency").set_value("£").run()
    at.sidebar.text_input(key="w.app.qty_unit").set_value("cases").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _metric(at, "Expected cost") == f"£{plain}"
    labels = [w.label for w in at.number_input]
    assert "On hand (cases)" in labels and "On hand (units)" not in labels
    # A code goes after the number; Chinese then writes 元 after it with no space.
    at.sidebar.text_input(key="w.app.currency").set_value("EUR").run()
    assert _metric(at, "Expected cost") == f"{plain} EUR"
    at.sidebar.radio(key="w.app.lang").set_value("zh").run()
    at.sidebar.text_input(key="w.app.currency").set_value("元").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _metric(at, "预期成本") == f"{plain}元"
    assert "在库（cases）" in [w.label for w in at.number_input]


def test_without_known_stock_the_page_says_what_it_assumes_and_shows_no_risk_from_it():
    """The UCI demo has no item master: the stock is not known. The banner says so at the top with the stock
    assumed and the long-run service; the risk from today's stock shows only once on hand is typed."""
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": list(CHEAP.models)}  # the plans' model set
    app.radio(key="w.data.source").set_value("demo:uci").run()
    app.switch_page(PAGE).run()
    app.button(key="w.rp.run").click().run()
    assert not app.exception, [e.value for e in app.exception]
    sku = app.sidebar.selectbox(key="w.app.sku").value
    banner = app.warning[0].value
    assert banner.startswith("Stock on hand is not known for this SKU: the plan assumes")
    reorder = _metric(app, "Reorder point")
    assert f"the reorder point ({reorder})" in banner
    long_run = _metric(app, "Cycle service")
    assert f"keeps {long_run} of replenishment cycles" in banner
    assert _metric(app, "Stockout risk, 91 d") == "–"
    app.number_input(key=f"w.rp.{sku}.on_hand").set_value(0.0).run()
    assert not any(w.value.startswith("Stock on hand is not known") for w in app.warning)
    # Nothing on the shelf: short within the first lead time on nearly every path.
    assert float(_metric(app, "Stockout risk, 91 d").rstrip("%")) > 95.0
    assert _metric(app, "Cycle service") == long_run  # the long run does not depend on today's stock
