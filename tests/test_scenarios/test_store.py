"""The scenario store on SQLite and PostgreSQL: round trip, restart, two writers, names, schema version, faults.

Owners, the audit trail, soft delete and the schema-1 migration: test_owners.py.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
import uuid
from datetime import UTC, datetime

import pytest

from scenarios.store import (
    SCHEMA_VERSION,
    NameTaken,
    Scenario,
    ScenarioNotFound,
    ScenarioStore,
    StoreError,
    default_url,
    validate_name,
)

PG_URL = os.environ.get(
    "REPLENISH_TEST_PG_URL", "postgresql+psycopg://replenish:replenish@127.0.0.1:5432/replenish_test"
)


def _pg_url() -> str:
    """A fresh schema on the test PostgreSQL server (tests run in parallel), as a URL whose search_path is that
    schema. Outside CI the server may be absent (skip); under CI=true it must run."""
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - decide below whether a missing server is allowed
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL must run under CI (.ci/run starts it): {exc}")
        pytest.skip(f"no PostgreSQL server here: {exc}")
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def _pg_store() -> ScenarioStore:
    return ScenarioStore(_pg_url())


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    s = ScenarioStore(f"sqlite:///{tmp_path / 'scenarios.db'}") if request.param == "sqlite" else _pg_store()
    yield s
    s.dispose()


PARAMS = {
    "forecast": {"models": ["snaive", "ets"], "horizon": 91},
    "global": {"service_level": 0.95, "lead_time_delta": 5},
    "per_sku": {"RP-1001": {"lead_time_days": 19}},
    "overrides": {"RP-1002": [{"start": "2026-10-01", "end": "2026-10-31", "kind": "percent", "value": 20.0}]},
    "name_with_unicode": "补货 ✓ 🚚",
}
SUMMARY = {"inventory_value": 12345.5, "fill_rate": 0.981, "orders": 17}


def test_round_trip_keeps_every_field(store):
    saved = store.save(Scenario("Lead time +5 days", "abc123", PARAMS, SUMMARY))
    assert len(saved.id) == 32 and saved.created_at is not None
    loaded = store.get("Lead time +5 days")
    assert loaded.params == PARAMS
    assert loaded.summary == SUMMARY
    assert loaded.dataset == "abc123"
    assert store.get(saved.id).name == "Lead time +5 days"
    assert [s.name for s in store.list()] == ["Lead time +5 days"]
    assert store.list(dataset="other") == []
    assert store.schema_version() == SCHEMA_VERSION


def test_rename_duplicate_delete_and_names(store):
    a = store.save(Scenario("A-items at 98%", "d", PARAMS, SUMMARY))
    store.rename(a.id, "A items at 98 %")
    assert store.get(a.id).name == "A items at 98 %"
    copy = store.duplicate(a.id, "A items at 98 % (copy)")
    assert copy.id != a.id and copy.params == PARAMS
    with pytest.raises(NameTaken, match="already exists"):
        store.save(Scenario("A items at 98 %", "d", {}, {}))
    with pytest.raises(NameTaken):
        store.rename(copy.id, "A items at 98 %")
    # Overwrite replaces the content under the same name and id.
    again = store.save(Scenario("A items at 98 %", "d", {"x": 1}, {}), overwrite=True)
    assert again.id == a.id and store.get(a.id).params == {"x": 1}
    # Delete is soft (schema 2): gone from the list and from get, kept for restore; test_owners.py has the rest.
    store.delete(copy.id)
    with pytest.raises(ScenarioNotFound, match="no scenario"):
        store.get(copy.id)
    assert len(store.list()) == 1
    assert store.get(copy.id, include_deleted=True).deleted_at is not None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("x" * 81, "at most 80 characters"),
        ("two\nlines", "control characters"),
        (None, "must be text"),
    ],
)
def test_bad_names_are_refused_with_the_reason(name, message):
    with pytest.raises(ValueError, match=message):
        validate_name(name)


def test_names_with_quotes_and_sql_are_stored_as_text(store):
    name = "Robert'); DROP TABLE replenish_scenarios;--"
    store.save(Scenario(name, "d", {}, {}))
    assert store.get(name).name == name
    assert len(store.list()) == 1


def test_scenarios_survive_a_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'scenarios.db'}"
    first = ScenarioStore(url)
    first.save(Scenario("kept", "d", PARAMS, SUMMARY))
    first.dispose()
    second = ScenarioStore(url)  # a new process would do exactly this
    assert second.get("kept").params == PARAMS
    assert second.schema_version() == SCHEMA_VERSION


def test_default_url_is_a_sqlite_file_in_the_data_dir_or_database_url(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REPLENISH_DATA_DIR", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'scenarios.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/replenish")
    assert default_url() == "postgresql+psycopg://u:p@db:5432/replenish"


def _writer(url: str, prefix: str, n: int, queue) -> None:
    store = ScenarioStore(url)
    taken = 0
    for i in range(n):
        store.save(Scenario(f"{prefix}-{i}", "d", {"i": i, "by": prefix}, {"v": i}))
        try:
            store.save(Scenario(f"shared-{i}", "d", {"by": prefix}, {}))
        except NameTaken:
            taken += 1
    queue.put(taken)
    store.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_writer_processes_neither_corrupt_nor_lose_a_scenario(backend, tmp_path):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'scenarios.db'}"
        ScenarioStore(url).dispose()
    else:
        url = _pg_url()
        ScenarioStore(url).dispose()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    n = 40
    procs = [ctx.Process(target=_writer, args=(url, p, n, queue)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    taken = queue.get(timeout=5) + queue.get(timeout=5)
    store = ScenarioStore(url)
    names = {s.name for s in store.list()}
    # Every own scenario of both writers is there; each shared name exists once, the loser was told.
    assert {f"a-{i}" for i in range(n)} | {f"b-{i}" for i in range(n)} <= names
    assert {f"shared-{i}" for i in range(n)} <= names
    assert len(names) == 3 * n
    assert taken == n
    if backend == "sqlite":
        path = url.split("///", 1)[1]
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.dispose()


def test_a_newer_schema_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'scenarios.db'}"
    store = ScenarioStore(url)
    with store.engine.begin() as conn:
        conn.execute(store.versions.insert().values(version=SCHEMA_VERSION + 1, applied_at=datetime.now(UTC)))
    store.dispose()
    with pytest.raises(StoreError, match="newer Replenish"):
        ScenarioStore(url)


def test_a_corrupt_file_gets_a_clear_message(tmp_path):
    path = tmp_path / "scenarios.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="damaged"):
        ScenarioStore(f"sqlite:///{path}")


def test_a_read_only_store_can_be_read_but_not_written(tmp_path):
    path = tmp_path / "scenarios.db"
    ScenarioStore(f"sqlite:///{path}").save(Scenario("kept", "d", {}, {}))
    ro = ScenarioStore(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert ro.get("kept").name == "kept"
    with pytest.raises(StoreError, match="read-only"):
        ro.save(Scenario("new", "d", {}, {}))
