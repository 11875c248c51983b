"""The demos' companion files are read without sniffing (``ui.data.cached.DEMO_COMPANIONS``, for a faster cold
start): the options must give exactly what detection gives, for every companion of every demo."""

from __future__ import annotations

import pandas as pd
import pytest

import salesdata
from salesdata.demos import demo_files
from ui.data.cached import DEMO_COMPANIONS

FILES = [(key, role) for key in salesdata.DEMOS for role in demo_files(key) if role != "sales"]


@pytest.mark.parametrize(("key", "role"), FILES)
def test_known_options_read_a_demo_companion_as_detection_does(key, role):
    name, data = demo_files(key)[role]
    detected = salesdata.read_table(data, name)
    given = salesdata.read_table(data, name, DEMO_COMPANIONS)
    assert len(given.frame) > 0
    pd.testing.assert_frame_equal(given.frame, detected.frame)
    assert (given.encoding, given.delimiter) == (detected.encoding, detected.delimiter)


def test_every_demo_companion_is_covered():
    assert {role for _, role in FILES} >= {"items", "stockouts", "planned", "suppliers"}
