"""Make ``tests/data/scenarios_v1.sqlite``: a scenario store written by the schema-1 ScenarioStore.

The migration test (``tests/test_scenarios/test_owners.py``) opens a copy of that file with today's store and
checks that every scenario and every field survives the upgrade. The file was made once, by the store as it was
before owners and the audit trail (schema 1, commit b8c2624), with

    python tests/data/make_scenarios_v1.py

Do not run it again with a newer store: it would write a newer schema and the file would no longer test the
migration. The script is kept to show exactly what the file holds. It writes three scenarios on two datasets
(one name in Chinese, one with quotes), then checkpoints the write-ahead log into the single file and vacuums
it, so the committed ``.sqlite`` is complete on its own (no ``-wal`` or ``-shm`` companions).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scenarios.store import SCHEMA_VERSION, Scenario, ScenarioStore

OUT = Path(__file__).resolve().parent / "scenarios_v1.sqlite"

SCENARIOS = [
    Scenario(
        "Baseline 95%",
        "3f6c1a9e0b7d42c58e1f6a2b9c4d7e10",
        {
            "data": {"file": "sales_2025.csv", "layout": "transactions", "frequency": "D"},
            "forecast": {"models": ["snaive", "ets"], "horizon": 91, "level": [80, 95]},
            "pf": {"service_level": 0.95, "review_period": 7, "lead_time_delta": 0},
            "sp": {"RP-1001": {"lead_time": 14, "moq": 24}, "RP-1002": {"lead_time": 10}},
            "overrides": {},
            "notes": "",
        },
        {
            "kpis": {"inventory_value": 182340.25, "fill_rate": 0.962, "orders": 41, "skus": 120},
            "orders": [{"sku": "RP-1001", "date": "2026-01-12", "qty": 48}],
        },
    ),
    Scenario(
        "交货期 +5 天",
        "3f6c1a9e0b7d42c58e1f6a2b9c4d7e10",
        {
            "data": {"file": "sales_2025.csv", "layout": "transactions", "frequency": "D"},
            "forecast": {"models": ["snaive", "ets"], "horizon": 91, "level": [80, 95]},
            "pf": {"service_level": 0.95, "review_period": 7, "lead_time_delta": 5},
            "sp": {"RP-1001": {"lead_time": 19, "moq": 24}},
            "overrides": {"RP-1002": [{"start": "2026-10-01", "end": "2026-10-31", "kind": "percent", "value": 20.0}]},
            "notes": "供应商说十月港口拥堵 ✓ 🚚",
        },
        {
            "kpis": {"inventory_value": 201775.0, "fill_rate": 0.958, "orders": 44, "skus": 120},
            "orders": [{"sku": "RP-1001", "date": "2026-01-07", "qty": 72}],
        },
    ),
    Scenario(
        'Promo "Back to school" (A items, 98%)',
        "b71e09d4c2a8465f9e3d0c1b2a3f4e5d",
        {
            "data": {"file": "uci_online_retail.xlsx", "layout": "transactions", "frequency": "W"},
            "forecast": {"models": ["ensemble"], "horizon": 26},
            "pf": {"service_level": 0.98, "review_period": 14, "lead_time_delta": 0},
            "sp": {"85123A": {"lead_time": 21, "locked": True}},
            "overrides": {},
            "notes": "O'Brien's list; \"A\" class only",
        },
        {"kpis": {"inventory_value": 9120.5, "fill_rate": 0.981, "orders": 9, "skus": 35}, "orders": []},
    ),
]


def main() -> None:
    if SCHEMA_VERSION != 1:
        raise SystemExit(f"this store writes schema {SCHEMA_VERSION}; the fixture must be made by schema 1")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{OUT}{suffix}").unlink(missing_ok=True)
    store = ScenarioStore(f"sqlite:///{OUT}")
    for scenario in SCENARIOS:
        store.save(scenario)
    store.dispose()
    conn = sqlite3.connect(OUT)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")  # the committed file needs no -wal next to it
    conn.execute("VACUUM")
    conn.close()
    left = [p.name for p in OUT.parent.glob(OUT.name + "-*")]
    if left:
        raise SystemExit(f"left behind: {left}")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(SCENARIOS)} scenarios")


if __name__ == "__main__":
    main()
