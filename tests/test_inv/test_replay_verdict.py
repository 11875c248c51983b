"""The replay's verdict (issue 20, item 6): judged on cycles, with the Wilson interval of the realised cycle
service, and no verdict at all below 20 cycles."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from ui.components.replenishment_panels import replay_verdict


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Outside a script run the language is the last run's: pin English."""
    monkeypatch.setattr("ui.core.i18n._last_run_language", ["en"])


def _replay(csl: float, cycles: int, target: float = 0.95, kind: str = "csl", fill: float = 0.97):
    return SimpleNamespace(
        folds=pd.DataFrame({"cutoff": [1]}),
        target=target,
        target_type=kind,
        cycle_service_level=csl,
        fill_rate=fill,
        cycles=cycles,
    )


def test_the_interval_is_wilsons_as_published():
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I: 81/263, Wilson score interval 0.2553-0.3662.
    kind, text = replay_verdict(_replay(81 / 263, 263, target=0.30))
    assert kind == "ok"
    assert "(95% interval 25.5% to 36.6%)" in text
    assert text.startswith("Replayed on your history over 263 replenishment cycles")


def test_few_cycles_give_no_verdict():
    kind, text = replay_verdict(_replay(1.0, 2))
    assert kind == "few"
    assert "too few cycles to judge" in text and "cutoff" not in text
    kind, _ = replay_verdict(_replay(0.5, 19))
    assert kind == "few"  # not condemned either


def test_a_shortfall_is_called_only_when_the_interval_excludes_the_target():
    assert replay_verdict(_replay(0.92, 50))[0] == "ok"  # 46/50: the interval reaches 95%
    kind, text = replay_verdict(_replay(0.85, 200))
    assert kind == "low" and "only 85.0%" in text and "below the 95.0% target" in text
    assert replay_verdict(_replay(0.9, 40, kind="fill", fill=0.90))[0] == "low"
