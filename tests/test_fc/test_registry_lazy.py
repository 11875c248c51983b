"""The model registry lists every model without importing any, and loads a model's module on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "prophet",
    "statsmodels",
    "sklearn",
    "lightgbm",
    "numba",
    "forecasting.models.statistical",
    "forecasting.models.prophet_model",
    "forecasting.models.regression",
)


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_listing_the_models_imports_no_model_library():
    assert (
        _loaded_after(
            "from forecasting.models import REGISTRY, DEFAULT_MODELS\nassert 'prophet' in REGISTRY\n"
            "assert len(list(REGISTRY)) == 16"
        )
        == []
    )


def test_a_model_loads_its_own_module_only_and_the_planner_needs_none():
    assert _loaded_after("from forecasting.models import REGISTRY\nREGISTRY['ets']") == [
        "forecasting.models.statistical"
    ]
    assert "forecasting.models.prophet_model" in _loaded_after(
        "from forecasting.models import REGISTRY\nREGISTRY['prophet']"
    )
    # The inventory's demand model reads interval widths with the forecasting baselines' z-score, no registry.
    assert _loaded_after("import inventory.demand") == []


def test_every_slug_names_its_class():
    from forecasting.models import REGISTRY

    assert all(REGISTRY[alias].alias == alias for alias in REGISTRY)
    try:
        REGISTRY["nope"]
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown slug must raise KeyError")
