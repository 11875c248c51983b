"""Golden textbook values for the inventory formulas (source named in each test)."""

from __future__ import annotations

import pytest

from inventory.formulas import (
    eoq,
    fill_rate_from_k,
    lead_time_demand_sd,
    newsvendor_order_up_to,
    normal_loss,
    rq_eoq_ss,
    safety_factor_for_csl,
    safety_factor_for_fill_rate,
)
from inventory.policy import round_order

GOLDEN = [
    # (source, function, args, expected, tolerance)
    ("Snyder & Shen 2nd ed., Example 3.1 (EOQ)", eoq, (8, 0.225, 1300), 304.0468, 1e-4),
    ("Snyder & Shen 2nd ed., Example 4.3 (newsvendor)", newsvendor_order_up_to, (0.18, 0.70, 50, 8), 56.6040, 1e-4),
]


@pytest.mark.parametrize(("source", "func", "args", "expected", "tol"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_formula_matches_textbook(source, func, args, expected, tol):
    assert func(*args) == pytest.approx(expected, abs=tol), source


def test_rq_eoq_ss_matches_snyder_shen_example_5_5():
    # h = 0.225, p = 7.5, K = 8, lambda = 1300, tau = 150 (sd of annual demand), L = 1/12 year.
    q, r = rq_eoq_ss(8, 0.225, 7.5, 1300, 150, 1 / 12)
    assert q == pytest.approx(304.0468, abs=1e-4)
    assert r == pytest.approx(190.3370, abs=1e-4)


def test_safety_stock_with_lead_time_variability_matches_chopra_meindl_dell_example():
    # Chopra & Meindl, Supply Chain Management: D = 2,500/day, sigma_D = 500, L = 7, s_L = 7, CSL = 90%
    # -> sigma_L = 17,550 and safety inventory 22,491 units.
    sigma = lead_time_demand_sd(2500, 500, 7, 7)
    assert sigma == pytest.approx(17_550, abs=1)
    assert safety_factor_for_csl(0.90) * sigma == pytest.approx(22_491, abs=2)
    # Without lead-time variability the same example needs far less: sqrt(7) * 500 = 1,323.
    assert lead_time_demand_sd(2500, 500, 7, 0) == pytest.approx(1322.9, abs=0.1)


def test_normal_loss_matches_table_values():
    # Standard normal loss table: G(0) = 0.3989, G(1) = 0.0833, G(2) = 0.0085.
    assert normal_loss(0.0) == pytest.approx(0.3989, abs=1e-4)
    assert normal_loss(1.0) == pytest.approx(0.0833, abs=1e-4)
    assert normal_loss(2.0) == pytest.approx(0.0085, abs=1e-4)


def test_fill_rate_safety_factor_inverts_the_loss_function():
    k = safety_factor_for_fill_rate(0.98, 300, 60)
    assert normal_loss(k) == pytest.approx(0.02 * 300 / 60, rel=1e-6)
    assert fill_rate_from_k(k, 300, 60) == pytest.approx(0.98, rel=1e-9)


def test_safety_factor_for_csl_is_the_normal_quantile():
    # Standard normal table values (e.g. Silver, Pyke & Peterson 1998, Appendix B; any statistics table).
    for csl, z in ((0.5, 0.0), (0.90, 1.2816), (0.95, 1.6449), (0.975, 1.9600), (0.99, 2.3263)):
        assert safety_factor_for_csl(csl) == pytest.approx(z, abs=1e-4), csl
    with pytest.raises(ValueError, match="cycle service level"):
        safety_factor_for_csl(1.0)


def test_round_order_applies_moq_then_pack_then_cap():
    assert round_order(37.0, 50, 12, None) == 60.0  # MOQ 50 -> 5 packs of 12
    assert round_order(61.0, 50, 12, None) == 72.0
    assert round_order(500.0, 0, 12, 100) == 96.0  # cap 100 -> 8 whole packs
    assert round_order(0.0, 50, 12, None) == 0.0
