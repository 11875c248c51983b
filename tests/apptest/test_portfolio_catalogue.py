"""AppTest: the Portfolio holds a 1,000-SKU catalogue. Every SKU's forecast is still there after the run (the
old store kept 256 entries shared by every session, so a run pushed out its own results and listed them as "not
run"), and the status line, the cards and the table count every SKU."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from forecasting.engine import ForecastConfig
from tests.synthetic_catalogue import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
PORTFOLIO = str(ROOT / "app_pages" / "portfolio.py")
N = 1000
# The cheapest honest settings: the store and the page's counts are under test, not the models.
CHEAP = ForecastConfig(horizon=14, folds=1, models=("naive",), levels=(80,))


def test_a_1000_sku_catalogue_is_forecast_planned_and_every_result_kept():
    app = AppTest.from_file(ENTRY, default_timeout=900)
    app.run()
    app.radio(key="w.data.source").set_value("upload").run()
    app.file_uploader(key="w.data.upload").upload("catalogue.csv", csv_bytes(N), "text/csv").run()
    assert not app.exception, [e.value for e in app.exception]
    app.session_state["fc.config"] = ("D", CHEAP)
    app.session_state["pf.settings"] = {"models": ["naive"], "uncertainty": "backtest", "paths": 0}
    app.switch_page(PORTFOLIO).run()
    assert not app.exception, [e.value for e in app.exception]
    status = next(c.value for c in app.caption if "SKUs selected" in c.value)
    assert status.startswith(f"{N:,} SKUs selected: 0 forecast, 0 failed, {N:,} not run yet"), status
    app.button(key="w.pf.run").click().run()
    assert not app.exception, [e.value for e in app.exception]
    status = next(c.value for c in app.caption if "SKUs selected" in c.value)
    assert status.startswith(f"{N:,} SKUs selected: {N:,} forecast, 0 failed, 0 not run yet"), status
    assert next(m.value for m in app.metric if m.label.startswith("SKUs planned")) == f"{N:,}"
    table = next(df.value for df in app.dataframe if "reorder_point" in df.value.columns)
    assert len(table) == N and table["unique_id"].nunique() == N
    assert (table["status"] != "failed").all()
    # What the store holds for this dataset is said on the page.
    assert any("Results kept for this dataset" in c.value for c in app.caption)
