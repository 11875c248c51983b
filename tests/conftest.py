"""Shared fixtures. Tests never touch the network; Streamlit caches are cleared between tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = Path(__file__).resolve().parent / "data"

# Tests run forecasts in-process; the browser tests' server keeps the default worker pool.
os.environ.setdefault("REPLENISH_JOBS", "1")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    yield
    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
