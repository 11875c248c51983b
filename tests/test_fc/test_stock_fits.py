"""REPLENISH_STOCK_FITS=1: ETS, ARIMA and Prophet fit with their libraries' own code instead of the compiled fast
paths (a switch for bisecting a numerical problem), and give the same forecasts."""

from __future__ import annotations

import numpy as np
import pytest

import forecasting.models.arima_fast as arima_fast
import forecasting.models.ets_fast as ets_fast
from forecasting.base import FitContext
from forecasting.models import STOCK_FITS_ENV, make_model, stock_fits
from tests.test_fc.helpers import series, weekly_pattern

CONTEXT = FitContext(horizon=14, seed=1)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    noise = np.zeros(260)
    for i in range(1, 260):  # AR(1) errors: ARIMA has a parameter to estimate (the fast path's case)
        noise[i] = 0.6 * noise[i - 1] + rng.normal(0, 1.5)
    return series(np.clip(weekly_pattern(260) * 10 + noise, 0, None))


def _broken(*args, **kwargs):
    raise AssertionError("a fast path ran")


@pytest.mark.parametrize(
    ("alias", "params", "module", "name"),
    [("ets", {}, ets_fast, "fit_ets"), ("arima", {"order": (1, 0, 0)}, arima_fast, "fit_arima")],
)
def test_the_switch_fits_without_the_fast_path_and_to_the_same_forecast(alias, params, module, name, data, monkeypatch):
    monkeypatch.delenv(STOCK_FITS_ENV, raising=False)
    fast = make_model(alias, **params).fit(data, CONTEXT).predict(14)["mean"]
    monkeypatch.setattr(module, name, _broken)
    with pytest.raises(AssertionError, match="a fast path ran"):  # the fast path is what runs by default
        make_model(alias, **params).fit(data, CONTEXT)
    monkeypatch.setenv(STOCK_FITS_ENV, "1")
    assert stock_fits()
    stock = make_model(alias, **params).fit(data, CONTEXT).predict(14)["mean"]
    np.testing.assert_allclose(stock, fast, rtol=0.02)  # the same optimum, up to the optimisers' tolerance


def test_prophet_uses_the_librarys_class_under_the_switch(data, monkeypatch):
    import prophet

    import forecasting.models.fast_prophet as fast_prophet

    monkeypatch.setenv(STOCK_FITS_ENV, "1")
    monkeypatch.setattr(fast_prophet, "FastProphet", _broken)
    model = make_model("prophet").fit(data, CONTEXT)
    assert type(model.model_) is prophet.Prophet
    assert np.isfinite(model.predict(14)["mean"]).all()


def test_the_switch_reads_common_spellings(monkeypatch):
    for value, on in (("1", True), ("true", True), ("on", True), ("0", False), ("", False), ("no", False)):
        monkeypatch.setenv(STOCK_FITS_ENV, value)
        assert stock_fits() is on, value
