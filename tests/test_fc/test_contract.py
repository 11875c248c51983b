"""One contract suite over every model in the registry (cheap test parameters, short series)."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.base import FitContext, ForecastError, NotFittedError
from forecasting.models import REGISTRY, make_model
from tests.test_fc.helpers import series, weekly_pattern

H = 14
LEVELS = (80, 95)
CONTEXT = FitContext(horizon=H, seed=7)


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
    params = REGISTRY[alias].test_params()
    model = make_model(alias, **params)
    for key, value in params.items():
        assert model.get_params()[key] == value
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


@pytest.mark.parametrize("alias", MODELS)
def test_model_ignores_data_after_the_training_window(alias, data):
    n = 180
    base = _model(alias).fit(data.head(n), CONTEXT).predict(H)["mean"]
    tampered = series(np.concatenate([data.y[:n], np.full(len(data) - n, 1e6)]), exog=data.exog.to_dict("list"))
    again = _model(alias).fit(tampered.head(n), CONTEXT).predict(H)["mean"]
    np.testing.assert_allclose(again, base, rtol=1e-6, atol=1e-6)


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
def test_model_update_moves_the_origin_without_seeing_later_data(alias, data):
    fitted = _model(alias).fit(data.head(180), CONTEXT)
    moved = fitted.update(data.head(200)).predict(H)["mean"]
    tampered = series(np.concatenate([data.y[:200], np.full(len(data) - 200, 1e6)]), exog=data.exog.to_dict("list"))
    again = fitted.update(tampered.head(200)).predict(H)["mean"]
    np.testing.assert_allclose(again, moved, rtol=1e-9, atol=1e-9)
    assert fitted.n_train_ == 180  # the fitted model itself is left as it was
    with pytest.raises(ForecastError, match="longer history"):
        fitted.update(data.head(150))
    with pytest.raises(NotFittedError):
        _model(alias).update(data)
