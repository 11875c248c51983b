"""One contract suite over every model in the registry (cheap test parameters, short series)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from forecasting.base import FitContext, ForecastError, NotFittedError, SeriesData
from forecasting.engine import ForecastConfig
from forecasting.models import REGISTRY, make_model
from tests.test_fc.helpers import series, weekly_pattern

H = 14
LEVELS = (80, 95)
CONTEXT = FitContext(horizon=H, seed=7)
ForecastConfigForTests = ForecastConfig(horizon=H, folds=2, levels=(80,), selection="best")


@pytest.fixture(scope="module")
def data():
    n = 220
    rng = np.random.default_rng(3)
    promo = (rng.random(n) < 0.1).astype(float)
    price = 10 - 2 * promo
    y = weekly_pattern(n) * (1 + 0.5 * promo)
    return series(y, exog={"promo": promo, "price": price})


MODELS = sorted(REGISTRY)


def _model(alias):
    return make_model(alias, **REGISTRY[alias].test_params())


@pytest.mark.parametrize("alias", MODELS)
def test_model_constructor_stores_params_unchanged(alias):
    # Every constructor parameter, not only those test_params() sets: a distinct object each, stored as it is
    # (no validation or conversion in the constructor; fit checks them).
    names = make_model(alias).get_params()
    sentinels = {name: object() for name in names}
    stored = make_model(alias, **sentinels).get_params()
    assert all(stored[name] is sentinels[name] for name in names) and set(stored) == set(names)
    params = REGISTRY[alias].test_params()
    model = make_model(alias, **params)
    assert model.clone().get_params() == model.get_params()
    assert not [k for k in vars(model) if k.endswith("_")]


@pytest.mark.parametrize("alias", MODELS)
def test_model_predict_before_fit_raises(alias):
    with pytest.raises(NotFittedError):
        _model(alias).predict(H)


@pytest.mark.parametrize("alias", MODELS)
def test_model_output_shape_bounds_and_non_negativity(alias, data):
    model = _model(alias)
    assert model.fit(data, CONTEXT) is model
    out = model.predict(H, None, LEVELS)
    assert out["mean"].shape == (H,)
    assert np.isfinite(out["mean"]).all()
    assert (out["mean"] >= 0).all()
    if model.native_intervals:
        for level in LEVELS:
            assert (out[f"lo-{level}"] <= out["mean"] + 1e-9).all()
            assert (out[f"hi-{level}"] >= out["mean"] - 1e-9).all()
            assert (out[f"lo-{level}"] >= 0).all()
        assert (out["hi-95"] >= out["hi-80"] - 1e-9).all()
    else:
        assert set(out) == {"mean"}


@pytest.mark.parametrize("alias", MODELS)
def test_model_is_deterministic_and_refit_starts_from_scratch(alias, data):
    first = _model(alias).fit(data, CONTEXT).predict(H)["mean"]
    model = _model(alias)
    model.fit(series(weekly_pattern(200, level=500, seed=9)), CONTEXT)
    again = model.fit(data, CONTEXT).predict(H)["mean"]
    np.testing.assert_allclose(again, first, rtol=1e-6, atol=1e-6)


def _fold(alias: str, data, k: int, refit: str) -> tuple[np.ndarray, object]:
    """Backtest fold ``k``'s forecasts of ``alias`` and its cutoff (``forecasting.engine`` slices each fold; with
    ``refit="first"`` the second fold moves the first fit forward with ``update``)."""
    from forecasting.engine import forecast_series

    params = ((alias, tuple(REGISTRY[alias].test_params().items())),)
    config = replace(ForecastConfigForTests, models=(alias,), params=params, refit=refit)
    backtest = forecast_series(data, config).backtest
    fold = backtest[backtest["cutoff"] == sorted(backtest["cutoff"].unique())[k]].sort_values("ds")
    assert len(fold) == H
    return fold[alias].to_numpy(dtype="float64"), fold["cutoff"].iloc[0]


def _after_cutoff(data, k: int) -> SeriesData:
    """``data`` with every demand value after backtest cutoff ``k`` replaced by a huge one: the fold's actuals and
    everything later, which its forecast must not have seen (drivers unchanged)."""
    from forecasting.engine import fold_ends

    end = fold_ends(len(data.y), 7, ForecastConfigForTests)[k]
    y = data.y.copy()
    y[end:] = 1e6
    return series(y, exog=data.exog.to_dict("list"))


@pytest.mark.parametrize(("k", "refit"), [(0, "every"), (1, "every"), (1, "first")])
@pytest.mark.parametrize("alias", MODELS)
def test_a_backtest_fold_never_sees_demand_after_its_cutoff(alias, k, refit, data):
    """The whole series goes to the engine; demand after a fold's cutoff is tampered with. That fold's forecast
    must not move, whether the model is fitted on the fold (``every``) or moved forward to it (``first``)."""
    base, cutoff = _fold(alias, data, k, refit)
    tampered = _after_cutoff(data, k)
    # The tampering starts right after the fold's cutoff, not later (which would test less).
    assert cutoff == tampered.ds[int(np.argmax(tampered.y == 1e6)) - 1]
    np.testing.assert_allclose(_fold(alias, tampered, k, refit)[0], base, rtol=1e-6, atol=1e-6)


def test_the_leak_check_fails_when_a_fold_peeks(data, monkeypatch):
    """The check above catches a fold that sees its own window: an engine whose folds train on the data up to
    the end of their window instead of their cutoff."""
    import forecasting.engine as engine

    honest = engine._fold_inputs

    def peeking(data, ends, h, mode):
        return {end: (data.head(end + h), drivers) for end, (_, drivers) in honest(data, ends, h, mode).items()}

    monkeypatch.setattr(engine, "_fold_inputs", peeking)
    with pytest.raises(AssertionError):
        test_a_backtest_fold_never_sees_demand_after_its_cutoff("naive", 0, "every", data)


@pytest.mark.parametrize("alias", MODELS)
def test_model_tolerates_censored_periods(alias, data):
    y = data.y.copy()
    y[100:110] = np.nan
    out = _model(alias).fit(series(y, exog=data.exog.to_dict("list")), CONTEXT).predict(H)
    assert np.isfinite(out["mean"]).all()


@pytest.mark.parametrize("alias", MODELS)
def test_model_update_with_its_own_history_changes_nothing(alias, data):
    fitted = _model(alias).fit(data.head(180), CONTEXT)
    same = fitted.update(data.head(180)).predict(H, None, LEVELS)
    expected = fitted.predict(H, None, LEVELS)
    assert set(same) == set(expected)
    for key in expected:
        np.testing.assert_allclose(same[key], expected[key], rtol=1e-9, atol=1e-9, err_msg=key)


@pytest.mark.parametrize("alias", MODELS)
def test_model_update_moves_the_origin_and_leaves_the_fitted_model_as_it_was(alias, data):
    # What an update may not see is cut by the engine (test_a_backtest_fold_never_sees_demand_after_its_cutoff
    # covers the "first" refit mode too); here: the forecast starts after the new origin, the model is unchanged.
    fitted = _model(alias).fit(data.head(180), CONTEXT)
    moved = fitted.update(data.head(200))
    assert moved.n_train_ == 200 and np.isfinite(moved.predict(H)["mean"]).all()
    assert fitted.n_train_ == 180  # the fitted model itself is left as it was
    with pytest.raises(ForecastError, match="longer history"):
        fitted.update(data.head(150))
    with pytest.raises(NotFittedError):
        _model(alias).update(data)
