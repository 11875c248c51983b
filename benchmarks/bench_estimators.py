"""ETS and ARIMA estimation: statsmodels' own fits against the compiled estimators Replenish uses, on the same
data and from the same starts. Prints time and the log-likelihood reached, per form/order.

- ETS: every additive-error form of the automatic choice (trend N/A/Ad x season N/A, m = 7) on log1p sales,
  ``ETSModel.fit`` against ``forecasting.models.ets_fast.fit_ets``; both likelihoods are statsmodels' own
  (``ETSModel.smooth`` at our estimates).
- ARIMA: orders (1,0,0), (2,0,2), (1,1,1), (2,1,2), (0,1,1) on the regression residuals ARIMA models,
  ``SARIMAX.fit`` against ``forecasting.models.arima_fast.fit_arima`` from SARIMAX's start; likelihoods from
  ``SARIMAX.filter`` at our estimates.

    OMP_NUM_THREADS=1 python benchmarks/bench_estimators.py [--skus 20]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import salesdata  # noqa: E402
from forecasting.base import FitContext, SeriesData  # noqa: E402
from forecasting.models.arima_fast import fit_arima  # noqa: E402
from forecasting.models.ets_fast import EtsSpec, fit_ets  # noqa: E402
from forecasting.models.statistical import ARIMA, ETS  # noqa: E402

DAILY = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"
ARIMA_ORDERS = [(1, 0, 0), (2, 0, 2), (1, 1, 1), (2, 1, 2), (0, 1, 1)]


def _series(n: int) -> list[SeriesData]:
    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
    ds = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), "D")
    top = ds.profile.sort_values("total_units", ascending=False)["unique_id"].head(n).tolist()
    return [SeriesData.from_panel(ds.panel[ds.panel["unique_id"] == s], "D") for s in top]


def _row(name, t_ref, t_ours, diffs) -> dict:
    diffs = np.asarray(diffs)
    return {
        "form": name,
        "fits": len(diffs),
        "statsmodels ms": round(1000 * t_ref / len(diffs), 1),
        "ours ms": round(1000 * t_ours / len(diffs), 1),
        "speed-up": round(t_ref / t_ours, 1),
        "llf ours - statsmodels, min": round(float(diffs.min()), 4),
        "median": round(float(np.median(diffs)), 4),
        "max": round(float(diffs.max()), 4),
    }


def ets_table(series: list[SeriesData]) -> pd.DataFrame:
    rows = []
    fit_ets(np.log1p(np.arange(30.0)), EtsSpec("add", True, "add", 7))  # compile (cached on disk after)
    for form in ETS()._candidates(series[0]):
        t_ref = t_ours = 0.0
        diffs = []
        for data in series:
            y = np.log1p(np.clip(data.y_filled(), 0, None))
            model = ETS._model(pd.Series(y), 7, *form)
            started = time.perf_counter()
            ref = model.fit(disp=False, maxiter=200)
            t_ref += time.perf_counter() - started
            started = time.perf_counter()
            params, _ = fit_ets(y, EtsSpec(*form, 7))
            t_ours += time.perf_counter() - started
            diffs.append(model.smooth(params).llf - ref.llf)
        trend = "N" if form[0] is None else ("Ad" if form[1] else "A")
        rows.append(_row(f"ETS(A,{trend},{'A' if form[2] else 'N'})", t_ref, t_ours, diffs))
    return pd.DataFrame(rows)


def arima_table(series: list[SeriesData]) -> pd.DataFrame:
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    context = FitContext(horizon=91, seed=0)
    resids = [ARIMA()._regression(data, context)[2] for data in series]
    fit_arima(np.random.default_rng(0).normal(size=50), 1, 0, 1)  # compile
    rows = []
    for order in ARIMA_ORDERS:
        t_ref = t_ours = 0.0
        diffs = []
        for r in resids:
            model = SARIMAX(r, order=order, concentrate_scale=True)
            with warnings.catch_warnings():  # statsmodels says when its start is not stationary (zeros then)
                warnings.simplefilter("ignore")
                start = model.start_params
            started = time.perf_counter()
            ref = model.fit(disp=False, maxiter=50, start_params=start, cov_type="none")
            t_ref += time.perf_counter() - started
            started = time.perf_counter()
            params = fit_arima(r, *order, start=start, maxiter=50)
            t_ours += time.perf_counter() - started
            diffs.append(model.filter(params, cov_type="none").llf - ref.llf)
        rows.append(_row(f"ARIMA{order}", t_ref, t_ours, diffs))
    return pd.DataFrame(rows)


def _markdown(table: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=20, help="UCI best sellers (2 years of days each)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    series = _series(args.skus)
    print(f"ETS, {args.skus} UCI best sellers, log1p daily sales, one fit per SKU and form")
    print(_markdown(ets_table(series)))
    print()
    print(f"ARIMA errors, the same {args.skus} SKUs, regression residuals, from SARIMAX's start")
    print(_markdown(arima_table(series)))


if __name__ == "__main__":
    main()
