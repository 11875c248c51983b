"""Owners, permissions, the audit trail, soft delete and the schema-1 to schema-2 migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
V1_FILE = DATA / "scenarios_v1.sqlite"  # made by tests/data/make_scenarios_v1.py with the schema-1 store

# The schema-1 tables exactly as the schema-1 store created them on PostgreSQL, from
# ``CreateTable(table).compile(dialect=postgresql.dialect())`` at commit b8c2624, so the PostgreSQL migration test
# builds a schema-1 store without the old code.
V1_POSTGRESQL_DDL = (
    "\nCREATE TABLE replenish_schema_version (\n\tversion SERIAL NOT NULL, \n"
    "\tapplied_at TIMESTAMP WITH TIME ZONE NOT NULL, \n\tPRIMARY KEY (version)\n)\n\n",
    "\nCREATE TABLE replenish_scenarios (\n\tid VARCHAR(32) NOT NULL, \n\tname VARCHAR(320) NOT NULL, \n"
    "\tdataset VARCHAR(64) NOT NULL, \n\tcreated_at TIMESTAMP WITH TIME ZONE NOT NULL, \n"
    "\tupdated_at TIMESTAMP WITH TIME ZONE NOT NULL, \n\tparams TEXT NOT NULL, \n\tsummary TEXT NOT NULL, \n"
    "\tPRIMARY KEY (id), \n\tUNIQUE (name)\n)\n\n",
)


def test_the_v1_fixture_is_a_complete_schema_1_store():
    assert not list(DATA.glob("scenarios_v1.sqlite-*"))
    conn = sqlite3.connect(f"file:{V1_FILE}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT max(version) FROM replenish_schema_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM replenish_scenarios").fetchone()[0] == 3
    finally:
        conn.close()
