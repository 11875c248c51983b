"""The shipped demo data: reproducible, and it has every behaviour the demo promises."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

from salesdata import DEMOS, build_dataset, demo_files, load_item_master, load_stockouts, read_table
from salesdata.demos import SAMPLE_DIR
from salesdata.sample import PRODUCTS, generate_sample


@pytest.fixture(scope="module")
def shop():
    return generate_sample()


@pytest.fixture(scope="module")
def dataset():
    files = demo_files("shop")
    spans = load_stockouts(read_table(files["stockouts"][1], "stockouts.csv")).spans
    demo = DEMOS["shop"]
    return build_dataset(read_table(files["sales"][1], files["sales"][0]), demo.mapping, demo.options, "D", spans)


def test_sample_generator_reproduces_the_shipped_file(shop):
    shipped = pd.read_csv(SAMPLE_DIR / "orders.csv.gz")
    assert len(shipped) == len(shop.orders)
    assert shipped["quantity"].sum() == shop.orders["quantity"].sum()
    text = shop.orders.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S", float_format="%.2f")
    assert gzip.decompress((SAMPLE_DIR / "orders.csv.gz").read_bytes()).decode() == text
    parquet = pd.read_parquet(SAMPLE_DIR / "orders.parquet")
    pd.testing.assert_frame_equal(parquet, shop.orders, check_dtype=False)


def test_sample_has_40_skus_in_5_categories_over_3_years(shop):
    assert shop.orders["sku"].nunique() == 40 == len(PRODUCTS)
    assert shop.orders["category"].nunique() == 5
    span = shop.orders["order_time"].max() - shop.orders["order_time"].min()
    assert span.days >= 3 * 365 - 2


def test_sample_has_returns_promotions_and_stockouts(shop):
    assert (shop.orders["quantity"] < 0).sum() > 1000
    assert shop.orders.loc[shop.orders["quantity"] < 0, "order_id"].str.startswith("RMA-").all()
    assert shop.orders["promo"].mean() > 0.03
    assert len(shop.stockouts) >= 10
    # No sales on a stock-out day.
    day = shop.orders.assign(d=shop.orders["order_time"].dt.normalize())
    sales = day[day["quantity"] > 0]
    for row in shop.stockouts.itertuples():
        inside = sales[(sales["sku"] == row.sku) & (sales["d"] >= row.start_date) & (sales["d"] <= row.end_date)]
        assert inside.empty, row


def test_sample_promotions_lift_sales_and_leave_a_dip(shop):
    daily = shop.daily_demand
    steady = daily[daily["sku"] == "RP-1001"].reset_index(drop=True)
    promo = steady["promo"].to_numpy().astype(bool)
    after = np.zeros_like(promo)
    ends = np.flatnonzero(promo[:-1] & ~promo[1:])
    for e in ends:
        after[e + 1 : e + 4] = True
    after &= ~promo
    base = steady["expected_units"][~promo & ~after & (steady["in_stock"] == 1)].median()
    assert steady["expected_units"][promo].median() > 1.3 * base
    assert steady["expected_units"][after & (steady["in_stock"] == 1)].median() < base


def test_sample_event_peaks_show_in_the_demand(shop):
    daily = shop.daily_demand.groupby("date")["expected_units"].sum()
    singles_day = daily[pd.Timestamp("2024-11-11")]
    early_november = daily[pd.Timestamp("2024-10-21") : pd.Timestamp("2024-10-31")].mean()
    assert singles_day > 2.5 * early_november
    assert (
        daily[pd.Timestamp("2025-06-18")] > 1.5 * daily[pd.Timestamp("2025-05-20") : pd.Timestamp("2025-05-31")].mean()
    )


def test_sample_profile_has_new_discontinued_and_intermittent_items(dataset):
    profile = dataset.profile.set_index("unique_id")
    assert profile["new_item"].sum() == 1
    assert profile.loc[profile["new_item"], "history_days"].item() < 90
    end = profile["last_date"].max()
    stopped = profile[(end - profile["last_sale"]).dt.days > 120]
    assert len(stopped) == 1
    assert {"intermittent", "lumpy"} & set(profile["demand_class"])
    assert (profile["demand_class"].isin(["intermittent", "lumpy"])).sum() >= 5
    assert profile["censored_periods"].sum() > 100
    assert dataset.report.balanced
    assert dataset.report.rows_rejected == 0
    assert dataset.report.return_rows > 1000


def test_sample_item_master_covers_every_sku(dataset):
    files = demo_files("shop")
    items = load_item_master(
        read_table(files["items"][1], "items.csv"), known_skus=dataset.profile["unique_id"].tolist()
    )
    assert items.report.rows_used == 40
    assert not items.report.unknown_skus
    for col in ("lead_time_days", "lead_time_sd_days", "unit_cost", "on_hand", "on_order", "moq", "pack_size"):
        assert items.items[col].notna().all(), col
    assert (items.items["pack_size"] >= 1).all()


def test_uci_demo_slice_is_small_and_real():
    path = SAMPLE_DIR / DEMOS["uci"].sales
    assert path.stat().st_size < 5_000_000
    files = demo_files("uci")
    raw = read_table(files["sales"][1], files["sales"][0])
    ds = build_dataset(raw, DEMOS["uci"].mapping, DEMOS["uci"].options, "W")
    assert ds.summary.n_skus == 40
    assert ds.report.balanced
    assert ds.report.return_rows > 0  # UCI cancellations are returns


def test_sample_suppliers_and_planned_promotions_are_shipped_valid_and_joined():
    from salesdata import load_planned_drivers, load_suppliers
    from salesdata.sample import END, planned_promotions, supplier_terms

    files = demo_files("shop")
    terms = load_suppliers(read_table(files["suppliers"][1], "suppliers.csv"))
    plan = load_planned_drivers(read_table(files["planned"][1], "planned_promotions.csv"))
    assert terms.report.rows_rejected == 0 and plan.report.rows_rejected == 0
    assert len(terms.frame) == len(supplier_terms())
    assert plan.report.rows_read == len(planned_promotions())
    items = pd.read_csv(SAMPLE_DIR / "items.csv")
    # Every item's supplier has terms; the plan names demo SKUs and lies after the history ends.
    assert set(items["supplier"]) == set(terms.frame["supplier"])
    assert set(plan.frame["unique_id"]) <= set(items["sku"])
    assert plan.frame["ds"].min() > END
    # The stocktake shutdown falls inside a 91-day plan from the end of the data.
    assert (terms.frame["shutdown_start"] == pd.Timestamp("2026-11-16")).any()
    assert set(items["status"]) == {"active", "discontinued"}


def test_sample_item_master_is_the_generator_output_with_two_overstocked_skus(shop):
    from salesdata.sample import OVERSTOCKED

    shipped = pd.read_csv(SAMPLE_DIR / "items.csv")
    pd.testing.assert_frame_equal(shipped, shop.items.reset_index(drop=True), check_dtype=False)
    assert set(OVERSTOCKED) <= set(shipped["sku"])
