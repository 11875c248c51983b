"""Golden test on a real slice of UCI Online Retail: invoice lines aggregate to hand-checked daily totals.

Source: tests/data/uci_online_retail_slice.csv holds all 49 invoice lines of StockCodes 22423 (REGENCY
CAKESTAND 3 TIER) and 21232 (STRAWBERRY CERAMIC TRINKET BOX) on 2010-12-05..07, copied unchanged from
the UCI "Online Retail" dataset (Chen, Sain & Guo 2012; UCI ML Repository id 352; CC BY 4.0), with the
invoice dates written month/day/year as the UCI spreadsheet shows them.

Hand sums (quantities as listed in the file):
  22423  12/05: 16+48+1+16+2+1+1+4+2+1                              =  92
         12/06: 48+30+4+2+3-1+12+4+1+3+6+1+4+1+34+1+2               = 155  (one cancelled unit, C537373)
         12/07: 4+6-2+4+1+80+4+25+4+1                               = 127  (two cancelled units, C537602)
  21232  12/05: 2+2 = 4;  12/06: 12+4+11+8 = 35;  12/07: 4+6+1+39+24+3 = 77
Without the cancellations 22423 reads 92, 156, 129: the totals of the shared derived file
online_retail_daily_sku_2009-12_2011-12.csv.gz, which drops cancellation lines.
"""

from __future__ import annotations

import pytest

from salesdata import AmbiguousDateError, IngestOptions, build_dataset, detect_mapping, read_table


@pytest.fixture
def raw(data_dir):
    return read_table((data_dir / "uci_online_retail_slice.csv").read_bytes(), "uci_online_retail_slice.csv")


def _daily(ds, sku):
    frame = ds.panel[ds.panel["unique_id"] == sku]
    return dict(zip(frame["ds"].dt.strftime("%m-%d"), frame["y"], strict=True))


def test_uci_slice_dates_are_ambiguous_until_the_order_is_chosen(raw):
    mapping = detect_mapping(raw.frame).mapping
    with pytest.raises(AmbiguousDateError) as err:
        build_dataset(raw, mapping, IngestOptions(), "D")
    assert err.value.column == "InvoiceDate"


def test_uci_slice_lines_aggregate_to_hand_checked_daily_totals(raw):
    mapping = detect_mapping(raw.frame).mapping
    assert mapping.mapped() == {
        "date": "InvoiceDate",
        "sku": "StockCode",
        "quantity": "Quantity",
        "price": "UnitPrice",
        "order_id": "InvoiceNo",
        "description": "Description",
    }
    ds = build_dataset(raw, mapping, IngestOptions(day_first=False), "D")
    assert _daily(ds, "22423") == {"12-05": 92.0, "12-06": 155.0, "12-07": 127.0}
    assert _daily(ds, "21232") == {"12-05": 4.0, "12-06": 35.0, "12-07": 77.0}
    r = ds.report
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (49, 49, 0)
    assert (r.return_rows, r.return_units) == (2, 3.0)
    assert r.layout == "transactions"
    # Units-weighted price of 21232 on 12/07: (4*1.25 + 6*2.51 + 1*0 + 39*3.36 + 24*1.25 + 3*2.51) / 77.
    price = ds.panel[(ds.panel["unique_id"] == "21232")]["price"].iloc[-1]
    assert price == pytest.approx(188.63 / 77, abs=1e-9)


def test_uci_slice_without_returns_matches_the_shared_derived_totals(raw):
    mapping = detect_mapping(raw.frame).mapping
    ds = build_dataset(raw, mapping, IngestOptions(day_first=False, returns="exclude"), "D")
    assert _daily(ds, "22423") == {"12-05": 92.0, "12-06": 156.0, "12-07": 129.0}
    assert ds.report.rejected_by_reason == {"return_excluded": 2}
    assert sorted(ds.rejected["InvoiceNo"]) == ["C537373", "C537602"]
