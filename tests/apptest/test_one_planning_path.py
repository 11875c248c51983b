"""AppTest + command line: the Portfolio page and ``python -m inventory plan`` plan the same inputs to the same
numbers (one planning path, ``inventory.catalogue.plan_catalogue``), and a SKU's plan, simulated risk included,
does not change when other SKUs are filtered in or out (its draws are seeded from its id, not its position).
The category holds a new item (RP-1016, 58 days of sales) whose safety stock borrows similar SKUs' errors: both
callers pick the donors by one rule from the whole dataset and calibrate them with its models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from forecasting.engine import ForecastConfig
from inventory.catalogue import CatalogueSettings
from ui.data.compute import forecast_store

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
PORTFOLIO = str(ROOT / "app_pages" / "portfolio.py")
SAMPLE = ROOT / "sample_data"
# Cheap, deterministic models: the planning path is under test, not the models.
CHEAP = ForecastConfig(horizon=14, folds=2, models=("snaive", "ma"), levels=(80,))
CATEGORY = "Beauty & Personal Care"
SHORT = "RP-1016"  # too few forecast errors of its own: pooled with donors
COMPARED = ["safety_stock", "reorder_point", "order_qty", "lead_time_days", "service_level"]


def _run(module: str, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture(scope="module")
def cli_plan(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The demo shop's category forecast and planned by the two commands, with the page's default settings."""
    from salesdata import DEMOS, ReadOptions, settings_to_json

    tmp = tmp_path_factory.mktemp("cli")
    demo = DEMOS["shop"]
    (tmp / "mapping.json").write_text(settings_to_json(ReadOptions(), demo.mapping, demo.options, "D"))
    items = pd.read_csv(SAMPLE / "items.csv")
    skus = items.loc[items["category"] == CATEGORY, "sku"].tolist()
    _run(
        "forecasting",
        "run",
        "--input",
        str(SAMPLE / demo.sales),
        "--mapping",
        str(tmp / "mapping.json"),
        "--stockouts",
        str(SAMPLE / "stockouts.csv"),
        "--planned",
        str(SAMPLE / "planned_promotions.csv"),
        "--horizon",
        "91",  # the page plans over 91 days
        "--folds",
        "2",
        "--models",
        ",".join(CHEAP.models),
        "--levels",
        "80",
        "--calibrate",
        "91",  # the page calibrates 56 days with each forecast and again, 91, for lead times beyond that
        "--skus",
        ",".join(skus),
        "--jobs",
        "2",
        "--out",
        str(tmp / "run"),
    )

    def plan(out: str, *extra: str) -> Path:
        """``python -m inventory plan`` on the run with the page's default settings (and ``extra``)."""
        base = CatalogueSettings()
        _run(
            "inventory",
            "plan",
            "--forecasts",
            str(tmp / "run"),
            "--items",
            str(SAMPLE / "items.csv"),
            "--suppliers",
            str(SAMPLE / "suppliers.csv"),  # order days and shutdowns, as the page reads them with the demo
            "--lead-time",
            f"{base.item.lead_time_days:g}",
            "--service-level",
            f"{base.policy.service_level:g}",
            *extra,
            "--out",
            str(tmp / out),
        )
        return tmp / out

    planned = plan("plan")
    policy = pd.read_csv(planned / "policy.csv").set_index("unique_id")
    sims = pd.read_csv(planned / "simulation.csv").set_index("unique_id")
    donors = pd.read_csv(tmp / "run" / "donor_calibration.csv", dtype={"unique_id": str, "donor": str})
    profile = pd.read_csv(tmp / "run" / "profile.csv", dtype={"unique_id": str})
    assert len(profile) == 40  # the whole demo shop, not only the SKUs forecast
    # The history method: the standard deviation of the last year's daily demand (history.csv of the run).
    history = pd.read_csv(plan("plan_history", "--uncertainty", "history") / "policy.csv").set_index("unique_id")
    return policy, sims, (donors, profile, history)


def _portfolio(categories: list[str], **settings) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=600)
    app.run()
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": list(CHEAP.models), **settings}  # the plans' model set
    app.session_state["pf.filter"] = {"categories": categories, "abc": []}
    app.switch_page(PORTFOLIO).run()
    if not app.button(key="w.pf.run").disabled:  # forecasts kept from an earlier run in this process plan at once
        app.button(key="w.pf.run").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _table(app: AppTest) -> pd.DataFrame:
    """The page's whole plan table (the one it shows, downloads and sums into its cards), as ``plan_all`` keeps it,
    checked against the rows on screen."""

    shown = next(df.value for df in app.dataframe if "reorder_point" in df.value.columns).set_index("unique_id")
    store = forecast_store()
    tables = [store.get(k)[0] for k in store.entry_keys() if k.startswith("plan:")]
    table = next(t for t in reversed(tables) if set(t["unique_id"]) == set(shown.index)).set_index("unique_id")
    pd.testing.assert_series_equal(table.loc[shown.index, "safety_stock"], shown["safety_stock"], check_dtype=False)
    return table


@pytest.fixture(scope="module")
def page_plans(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The page's plan of the category alone, and of the category planned with another one."""
    import os

    os.environ["REPLENISH_DATA_DIR"] = str(tmp_path_factory.mktemp("store"))
    alone = _table(_portfolio([CATEGORY]))
    together = _table(_portfolio([CATEGORY, "Apparel"]))
    history = _table(_portfolio([CATEGORY], uncertainty="history"))
    return alone, together, history


def test_the_page_and_the_command_line_plan_the_same_numbers(cli_plan, page_plans):
    policy, sims, _ = cli_plan
    page, _, _ = page_plans
    assert set(page.index) == set(policy.index) and len(page) >= 5
    for col in COMPARED:
        np.testing.assert_allclose(
            page.loc[policy.index, col].astype(float), policy[col].astype(float), rtol=1e-4, atol=1e-6, err_msg=col
        )
    assert (page.loc[policy.index, "model"] == policy["model"]).all()
    errors = policy["errors_own"] + policy["errors_pooled"]  # the page's "errors used"
    assert (page.loc[policy.index, "safety_errors"].astype(int) == errors.astype(int)).all()
    assert (page.loc[policy.index, "status"] == policy["status"]).all()
    # The same SKU draws the same simulated paths in both: the risk from today's stock and the long-run fill rate.
    # The command line reads forecasts written to 6 significant digits, so a path that runs out by a millionth of
    # a unit may go the other way: one path in 200 (0.005) at most.
    risk = page.loc[sims.index, "stockout_risk"].astype(float)
    np.testing.assert_allclose(risk, sims["stockout_probability"], atol=0.0051)
    assert (risk == sims["stockout_probability"]).sum() >= len(sims) - 1
    np.testing.assert_allclose(page.loc[sims.index, "fill_rate"].astype(float), sims["fill_rate"], atol=0.005)


def test_a_skus_plan_does_not_change_when_other_skus_are_planned_with_it(page_plans):
    alone, together, _ = page_plans
    assert len(together) > len(alone)
    cols = [*COMPARED, "stockout_risk", "fill_rate", "total_cost"]
    pd.testing.assert_frame_equal(
        alone[cols].astype(float), together.loc[alone.index, cols].astype(float), check_exact=False, rtol=1e-9
    )


def test_a_new_item_borrows_the_same_donors_errors_on_the_page_and_the_command_line(cli_plan, page_plans):
    from inventory.catalogue import choose_donors
    from inventory.demand import MIN_OWN_ERRORS

    policy, _, (donors, profile, _) = cli_plan
    page, together, _ = page_plans
    mine = donors[donors["unique_id"] == SHORT]
    assert list(dict.fromkeys(mine["donor"])) == choose_donors(SHORT, profile) != []
    # Donors come from the whole dataset, not only the category the run forecast.
    items = pd.read_csv(SAMPLE / "items.csv").set_index("sku")
    assert set(items.loc[list(mine["donor"].unique()), "category"]) - {CATEGORY}
    assert policy.loc[SHORT, "errors_own"] < MIN_OWN_ERRORS < policy.loc[SHORT, "errors_pooled"]
    assert page.loc[SHORT, "safety_errors"] == policy.loc[SHORT, "errors_own"] + policy.loc[SHORT, "errors_pooled"]
    assert page.loc[SHORT, "safety_stock"] == pytest.approx(policy.loc[SHORT, "safety_stock"], rel=1e-4)
    assert together.loc[SHORT, "safety_stock"] == pytest.approx(page.loc[SHORT, "safety_stock"], rel=1e-9)


def test_the_history_method_reads_the_same_year_of_demand_on_both(cli_plan, page_plans):
    _, _, (_, _, history) = cli_plan
    _, _, page = page_plans
    assert set(page.index) == set(history.index)
    assert (page.loc[history.index, "safety_method"] == "history").all()
    assert (history["uncertainty_used"] == "history").all()
    np.testing.assert_allclose(
        page.loc[history.index, "safety_stock"].astype(float), history["safety_stock"], rtol=1e-4, atol=1e-6
    )
