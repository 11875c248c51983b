"""statsmodels' ETS without the parameter covariance its results compute on creation.

``ETSResults`` computes the covariance of the estimated parameters (a complex-step Hessian: dozens of
likelihood evaluations) whenever it is created, by ``fit`` and by ``smooth``. Replenish never uses it: the
forecast and its intervals come from the parameters and the residual variance. Skipping it makes a fit from
good starting values about ten times faster (``benchmarks/README.md``); forecasts and intervals are
unchanged (``tests/test_fc/test_backtest_refit.py`` compares them). The covariance reads as NaN.

Imported lazily: importing this module imports statsmodels.
"""

from __future__ import annotations

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel, ETSResults, ETSResultsWrapper

__all__ = ["LeanETSModel"]


class LeanETSResults(ETSResults):
    """ETS results whose parameter covariance is not computed (NaN)."""

    @property
    def cov_params_approx(self) -> np.ndarray:
        k = len(self.params)
        return np.full((k, k), np.nan)


class LeanETSModel(ETSModel):
    """``ETSModel`` returning ``LeanETSResults``."""

    @property
    def _res_classes(self):
        return {"fit": (LeanETSResults, ETSResultsWrapper)}
