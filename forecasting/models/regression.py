"""The regression family (scikit-learn): Ridge, histogram gradient boosting, random forest, MLP.

- Ridge: standardised calendar, Fourier, event, holiday, trend, promotion and log-price features; log1p
  target. No lags, so every horizon step is a direct prediction.
- Trees and MLP: the same calendar and driver features plus lags and rolling statistics that end at least
  ``horizon`` periods before the row (see ``forecasting.features``): one model forecasts every step without
  feeding its own predictions back and without seeing data after the origin.
- HistGradientBoosting uses the Poisson loss (sales are counts); the MLP is scaled on both sides.

Estimators are cloned in every fit. Tree models report feature importances (impurity for the forest,
permutation on the last training rows for gradient boosting).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData
from forecasting.features import design, lag_features
from forecasting.messages import Message

__all__ = ["HGB", "MLP", "RandomForest", "Ridge"]


class _Regression(Forecaster):
    family = "regression"
    min_train = 20
    uses_lags = True
    trend = False

    def _estimator(self, seed: int):  # pragma: no cover - abstract
        raise NotImplementedError

    def _features(self, data: SeriesData, h: int, future_exog: pd.DataFrame, context: FitContext):
        train, future = design(data, h, future_exog, country=context.country, events=context.events, trend=self.trend)
        if self.uses_lags:
            lags = lag_features(data.y_filled(), context.horizon, data.freq, n_total=len(data) + h)
            train = pd.concat([train, lags.iloc[: len(data)].reset_index(drop=True)], axis=1)
            future = pd.concat([future, lags.iloc[len(data) :].reset_index(drop=True)], axis=1)
        return train, future

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        from sklearn.base import clone

        h = context.horizon
        future = pd.DataFrame(0.0, index=range(h), columns=data.exog.columns)
        x, _ = self._features(data, h, future, context)
        y = data.y
        rows = np.isfinite(y) & x.notna().all(axis=1).to_numpy()
        if rows.sum() < self.min_train:
            raise ForecastError(Message("model.few_rows", model=self.alias, rows=int(rows.sum()), need=self.min_train))
        self.columns_ = list(x.columns)
        if np.ptp(y[rows]) == 0:
            # A flat history (constant or all zero): the forecast is that level. Scaled learners (the MLP)
            # cannot learn a target without variance and would drift.
            from sklearn.dummy import DummyRegressor

            self.estimator_ = DummyRegressor(strategy="constant", constant=float(y[rows][0])).fit(x[rows], y[rows])
        else:
            self.estimator_ = clone(self._estimator(context.seed)).fit(x[rows].to_numpy(), y[rows])
        # The last rows, kept for permutation importances.
        self.train_x_ = x[rows].tail(60)
        self.train_y_ = y[rows][-60:]

    def update(self, data: SeriesData) -> _Regression:
        """The fitted estimator kept; lags and calendar features are read from the longer history."""
        return self._moved(data)

    def _predict(self, h, future_exog, levels):
        if h > self.context_.horizon and self.uses_lags:
            raise ForecastError(Message("model.horizon", model=self.alias, fitted=self.context_.horizon, asked=h))
        _, x = self._features(self.data_, h, future_exog, self.context_)
        x = x.reindex(columns=self.columns_)
        if x.isna().any().any():
            x = x.fillna(0.0)
        return {"mean": self.estimator_.predict(x.to_numpy())}


class Ridge(_Regression):
    """Linear model on calendar, event and driver features."""

    alias = "ridge"
    uses_lags = False
    trend = True

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def _estimator(self, seed: int):
        from sklearn.compose import TransformedTargetRegressor
        from sklearn.linear_model import Ridge as SkRidge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return TransformedTargetRegressor(
            regressor=make_pipeline(StandardScaler(), SkRidge(alpha=self.alpha)), func=np.log1p, inverse_func=np.expm1
        )


class HGB(_Regression):
    """Histogram gradient boosting with the Poisson loss on lag, calendar and driver features."""

    alias = "hgb"

    def __init__(
        self,
        max_iter: int = 100,
        learning_rate: float = 0.1,
        max_depth: int | None = 4,
        min_samples_leaf: int = 20,
        max_bins: int = 255,
    ) -> None:
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.max_bins = max_bins

    @classmethod
    def test_params(cls):
        return {"max_iter": 20}

    def _estimator(self, seed: int):
        from sklearn.ensemble import HistGradientBoostingRegressor

        return HistGradientBoostingRegressor(
            loss="poisson",
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_depth=self.max_depth,
            min_samples_leaf=self.min_samples_leaf,
            max_bins=self.max_bins,
            random_state=seed % (2**31),
        )

    def importances(self) -> pd.Series | None:
        """Permutation importance on the last training rows: the rise in MAE when one feature is shuffled.

        The same measure as ``sklearn.inspection.permutation_importance`` (scoring MAE, 2 repeats), with
        every shuffled copy stacked into one matrix and scored in a single ``predict`` call: one call instead
        of one per feature and repeat, which is most of the cost on a few dozen rows.
        """
        if not hasattr(self, "estimator_") or len(self.train_y_) < 10:
            return None
        x = self.train_x_.to_numpy(dtype="float64")
        y = np.asarray(self.train_y_, dtype="float64")
        n, k = x.shape
        repeats = 2
        rng = np.random.default_rng(0)
        blocks = np.repeat(x[None, :, :], k * repeats, axis=0)
        for j in range(k):
            for r in range(repeats):
                blocks[j * repeats + r, :, j] = x[rng.permutation(n), j]
        base = np.mean(np.abs(y - self.estimator_.predict(x)))
        shuffled = self.estimator_.predict(blocks.reshape(-1, k)).reshape(k * repeats, n)
        mae = np.mean(np.abs(shuffled - y[None, :]), axis=1).reshape(k, repeats).mean(axis=1)
        return pd.Series(mae - base, index=self.columns_).sort_values(ascending=False)


class RandomForest(_Regression):
    """Random forest on lag, calendar and driver features."""

    alias = "rf"

    def __init__(self, n_estimators: int = 150, min_samples_leaf: int = 5, max_features: float = 0.5) -> None:
        self.n_estimators = n_estimators
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features

    @classmethod
    def test_params(cls):
        return {"n_estimators": 10}

    def _estimator(self, seed: int):
        from sklearn.ensemble import RandomForestRegressor

        return RandomForestRegressor(
            n_estimators=self.n_estimators,
            min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features,
            n_jobs=1,
            random_state=seed % (2**31),
        )

    def importances(self) -> pd.Series | None:
        if not hasattr(self, "estimator_"):
            return None
        return pd.Series(self.estimator_.feature_importances_, index=self.columns_).sort_values(ascending=False)


class MLP(_Regression):
    """A small neural network (multi-layer perceptron) on scaled lag, calendar and driver features."""

    alias = "mlp"

    def __init__(
        self, hidden_layer_sizes: tuple[int, ...] = (32, 16), alpha: float = 1e-3, max_iter: int = 400
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.alpha = alpha
        self.max_iter = max_iter

    @classmethod
    def test_params(cls):
        return {"hidden_layer_sizes": (8,), "max_iter": 50}

    def _estimator(self, seed: int):
        import warnings

        from sklearn.compose import TransformedTargetRegressor
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPRegressor
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        net = MLPRegressor(
            hidden_layer_sizes=self.hidden_layer_sizes,
            alpha=self.alpha,
            max_iter=self.max_iter,
            early_stopping=True,
            random_state=seed % (2**31),
        )
        return TransformedTargetRegressor(
            regressor=make_pipeline(StandardScaler(), net), func=np.log1p, inverse_func=np.expm1
        )
