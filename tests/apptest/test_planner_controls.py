"""AppTest: the planner controls of the Data, Forecast and Replenishment pages on the demo shop."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from forecasting.engine import ForecastConfig
from forecasting.overrides import Override

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
FORECAST = str(ROOT / "app_pages" / "forecast.py")
REPLENISH = str(ROOT / "app_pages" / "replenishment.py")
CHEAP = ForecastConfig(horizon=14, folds=2, models=("snaive", "ma"), levels=(80,))


def _app() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    # Cheap models keep the runs short; the Replenishment page plans with the Forecast page's models.
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": list(CHEAP.models)}  # the plans' model set
    return app


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.exception]


def _metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def _plan(app: AppTest, sku: str) -> AppTest:
    app.sidebar.selectbox(key="w.app.sku").set_value(sku).run()
    app.switch_page(REPLENISH).run()
    assert not app.exception, _errors(app)
    if any(b.key == "w.rp.run" for b in app.button):
        app.button(key="w.rp.run").click().run()
    assert not app.exception, _errors(app)
    return app


def test_data_page_shows_every_companion_file_and_confirms_detected_stockouts():
    app = _app()
    app.session_state["w.data.tabs"] = "Companion files & stock-outs"
    app.run()
    assert not app.exception, _errors(app)
    subheaders = [h.value for h in app.subheader]
    for title in ("Item master", "Stock-out log", "Planned promotions and prices", "Supplier terms"):
        assert title in subheaders
    captions = [c.value for c in app.caption]
    assert "6 of 6 rows used, 0 rejected." in captions  # planned promotions
    assert "10 of 10 rows used, 0 rejected." in captions  # supplier terms
    proposals = next(df.value for df in app.dataframe if "probability" in df.value.columns)
    n = len(proposals)
    assert n >= 1
    before = app.session_state["data.confirmed_stockouts"]
    assert before == ()
    next(b for b in app.button if b.label == f"Treat all {n} as out of stock").click().run()
    assert not app.exception, _errors(app)
    confirmed = app.session_state["data.confirmed_stockouts"]
    assert len(confirmed) == n
    assert {c[0] for c in confirmed} == set(proposals["unique_id"])
    # Confirmed runs are now censored in the data, so nothing is proposed any more.
    assert any("No likely stock-outs found." in i.value for i in app.info)
    assert any(f"{n} confirmed stock-outs are applied" in c.value for c in app.caption)


def test_a_new_item_borrows_its_category_and_is_labelled():
    app = _app()
    app.sidebar.selectbox(key="w.app.sku").set_value("RP-1016").run()
    app.switch_page(FORECAST).run()
    assert not app.exception, _errors(app)
    app.multiselect(key="w.fc.models").set_value(["snaive", "ma"])
    app.number_input(key="w.fc.horizon.D").set_value(14)
    app.number_input(key="w.fc.folds").set_value(2)
    app.radio(key="w.plan.RP-1016.donor_kind").set_value("category").run()
    assert app.session_state["fc.donors"]["RP-1016"] == ("category", "Beauty & Personal Care", None)
    app.button(key="w.fc.run").click().run()
    assert not app.exception, _errors(app)
    board = next(df.value for df in app.dataframe if "rank" in df.value.columns)
    row = board[board["name"] == "Borrowed shape (new item)"]
    assert len(row) == 1
    assert row["description"].iloc[0].startswith("category Beauty & Personal Care x ")
    assert pd.notna(row["mase"].iloc[0])


def test_an_override_and_a_locked_model_flow_into_the_plan():
    app = _plan(_app(), "RP-1002")
    before_qty = _metric(app, "Order quantity")
    assert not any("planner-adjusted" in i.value for i in app.info)
    # The planner doubles the forecast over the planning horizon and locks the moving average.
    app.session_state["fc.overrides"] = {
        "RP-1002": (Override(date(2026, 10, 1), date(2026, 12, 31), "percent", 100, "launch campaign"),)
    }
    app.session_state["fc.locks"] = {"RP-1002": "ma"}
    app.session_state["fc.notes"] = {"RP-1002": "TV spot in October"}
    app.run()
    assert not app.exception, _errors(app)
    info = next(i.value for i in app.info if "planner-adjusted" in i.value)
    assert "Moving average" in info and "(1 override)" in info
    assert app.selectbox(key="w.rp.RP-1002.model").value == "ma"
    assert any("TV spot in October" in c.value for c in app.caption)
    after_qty = _metric(app, "Order quantity")
    assert float(after_qty.replace(",", "")) > float(before_qty.replace(",", ""))


def test_a_discontinued_item_gets_no_orders_and_excess_items_are_listed():
    app = _plan(_app(), "RP-1013")
    assert _metric(app, "Next order") == "None in horizon"
    assert any("no orders: flagged discontinued in the item master" in c.value for c in app.caption)
    app.session_state["w.rp.tabs"] = "Excess stock"
    app.run()
    assert not app.exception, _errors(app)
    excess = next(df.value for df in app.dataframe if "excess_value" in df.value.columns)
    assert set(excess["unique_id"]) == {"RP-1024", "RP-1032"}
    assert (excess["days_of_cover"] > 180).all()
    # Lowering the excess limit lists more SKUs.
    app.number_input(key="w.rp.cover_days").set_value(50).run()
    more = next(df.value for df in app.dataframe if "excess_value" in df.value.columns)
    assert len(more) > 2


def test_supplier_plan_meets_the_minimum_and_the_budget():
    app = _plan(_app(), "RP-1001")  # Ningbo HomeWorks: Mon and Thu, minimum order value 1,500
    assert any("Supplier Ningbo HomeWorks: orders on Mon, Thu" in c.value for c in app.caption)
    app.session_state["w.rp.tabs"] = "Supplier plan"
    app.run()
    app.button(key="w.rp.sup_run").click().run()
    assert not app.exception, _errors(app)
    orders = next(df.value for df in app.dataframe if "order_value" in df.value.columns)
    by_day = orders.groupby("order_date")["order_value"].sum()
    assert (by_day >= 1500 - 1e-6).all()
    assert set(pd.DatetimeIndex(orders["order_date"]).day_name()) <= {"Monday", "Thursday"}
    # Stocktake week: no order while the supplier is closed.
    assert not pd.DatetimeIndex(orders["order_date"]).to_series().between("2026-11-16", "2026-11-22").any()
    budget = float(by_day.max()) * 0.6
    app.number_input(key="w.rp.budget").set_value(budget).run()
    assert not app.exception, _errors(app)
    capped = next(df.value for df in app.dataframe if "order_value" in df.value.columns)
    assert (capped.groupby("order_date")["order_value"].sum() <= budget + 1e-6).all()
    cuts = next(df.value for df in app.dataframe if "Funded" in df.value.columns)
    assert len(cuts) > 0
    assert cuts["Reason"].str.match(r"^(cut to the budget|deferred: )").all()
    assert (cuts["Funded"] < cuts["Wanted"]).all()


@pytest.mark.parametrize("page", [FORECAST, REPLENISH])
def test_pages_render_for_a_sku_with_planned_promotions(page):
    app = _app()
    app.sidebar.selectbox(key="w.app.sku").set_value("RP-1017").run()
    app.switch_page(page).run()
    assert not app.exception, _errors(app)
    if page == FORECAST:
        assert any("Planned promotions and prices are loaded for this SKU" in c.value for c in app.caption)
