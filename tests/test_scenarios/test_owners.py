"""Owners, permissions, the audit trail, soft delete and the schema-1 to schema-2 migration."""

from __future__ import annotations

import json
import multiprocessing as mp
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scenarios.store import (
    ACTIONS,
    LOCAL_ACTOR,
    RETENTION_DAYS,
    SYSTEM_ACTOR,
    Actor,
    NameTaken,
    PermissionDenied,
    Scenario,
    ScenarioNotFound,
    ScenarioStore,
    StoreError,
    change_summary,
)
from tests.test_scenarios.test_store import PARAMS, SUMMARY, _pg_url

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


# -- owners and permissions -------------------------------------------------------------------------------------
ANA = Actor("https://accounts.example.com", "ana-0001", "ana@example.com", "Ana")
BO = Actor("https://accounts.example.com", "bo-0002", "", "Bo 波")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    s = (
        ScenarioStore(f"sqlite:///{tmp_path / 'scenarios.db'}")
        if request.param == "sqlite"
        else ScenarioStore(_pg_url())
    )
    yield s
    s.dispose()


def test_actor_key_is_issuer_and_subject_and_label_prefers_email():
    assert ANA.key == "https://accounts.example.com|ana-0001" and ANA.label == "ana@example.com"
    assert BO.label == "Bo 波" and Actor("iss", "sub").label == "sub"
    assert LOCAL_ACTOR.key == "local|local" and LOCAL_ACTOR.label == "local user"


def test_store_only_the_owner_renames_overwrites_deletes_or_restores(store):
    mine = store.save(Scenario("Lead time +5 days", "d", PARAMS, SUMMARY), actor=ANA)
    assert (mine.owner, mine.owner_label, mine.created_by, mine.updated_by) == (
        ANA.key,
        ANA.label,
        ANA.label,
        ANA.label,
    )
    assert store.can_change(mine, ANA) and not store.can_change(mine, BO)
    refusal = "'Lead time \\+5 days' belongs to ana@example.com: only they can change it; duplicate it"
    with pytest.raises(PermissionDenied, match=refusal):
        store.rename(mine.id, "mine now", actor=BO)
    with pytest.raises(PermissionDenied, match=refusal):
        store.delete(mine.id, actor=BO)
    with pytest.raises(PermissionDenied, match=refusal):
        store.save(Scenario("Lead time +5 days", "d", {"x": 1}, {}, id=mine.id), overwrite=True, actor=BO)
    store.delete(mine.id, actor=ANA)
    with pytest.raises(PermissionDenied):
        store.restore(mine.id, actor=BO)
    assert store.restore(mine.id, actor=ANA).deleted_at is None
    kept = store.get(mine.id)
    assert (kept.name, kept.params, kept.summary, kept.owner) == ("Lead time +5 days", PARAMS, SUMMARY, ANA.key)
    assert {e.actor for e in store.audit()} == {ANA.key}  # nothing refused was recorded as done


def test_store_anyone_reads_and_duplicates_into_their_own_copy(store):
    original = store.save(Scenario("A items at 98%", "d", PARAMS, SUMMARY), actor=ANA)
    assert store.get(original.id, actor=BO).params == PARAMS
    copy = store.duplicate(original.id, "A items at 98% (Bo)", actor=BO)
    assert (copy.owner, copy.owner_label, copy.created_by) == (BO.key, "Bo 波", "Bo 波")
    assert copy.id != original.id and (copy.dataset, copy.params, copy.summary) == ("d", PARAMS, SUMMARY)
    store.rename(copy.id, "Bo's 98%", actor=BO)
    store.save(Scenario("Bo's 98%", "d", {"pf": {"service_level": 0.99}}, {}), overwrite=True, actor=BO)
    assert store.get(original.id) == original  # Ana's is untouched
    [entry] = store.audit(action="duplicate")
    assert (entry.actor, entry.actor_label, entry.scenario_id) == (BO.key, "Bo 波", copy.id)
    assert entry.summary == "copy of A items at 98% (owner ana@example.com)"


def test_store_names_are_unique_per_owner(store):
    ana = store.save(Scenario("Baseline", "d", {"by": "ana"}, {}), actor=ANA)
    bo = store.save(Scenario("Baseline", "d", {"by": "bo"}, {}), actor=BO)
    assert ana.id != bo.id and len(store.list()) == 2
    with pytest.raises(NameTaken):
        store.save(Scenario("Baseline", "d", {}, {}), actor=ANA)
    other = store.save(Scenario("Other", "d", {}, {}), actor=ANA)
    with pytest.raises(NameTaken):
        store.rename(other.id, "Baseline", actor=ANA)
    with pytest.raises(NameTaken):
        store.duplicate(bo.id, "Baseline", actor=ANA)
    # Overwrite replaces the actor's own scenario of that name, never the other owner's.
    again = store.save(Scenario("Baseline", "d", {"by": "bo", "v": 2}, {}), overwrite=True, actor=BO)
    assert again.id == bo.id and store.get(ana.id).params == {"by": "ana"}
    # A third owner overwriting a name only others use makes their own.
    cy = Actor("https://accounts.example.com", "cy-0003", "cy@example.com")
    assert store.save(Scenario("Baseline", "d", {}, {}), overwrite=True, actor=cy).owner == cy.key
    assert len(store.list()) == 4


def test_store_get_by_name_prefers_the_actors_own_then_the_only_one(store):
    ana = store.save(Scenario("Baseline", "d", {"by": "ana"}, {}), actor=ANA)
    assert store.get("Baseline").id == ana.id  # the only one of that name, whoever asks
    assert store.get("Baseline", actor=BO).id == ana.id
    bo = store.save(Scenario("Baseline", "d", {"by": "bo"}, {}), actor=BO)
    assert store.get("Baseline", actor=ANA).id == ana.id
    assert store.get("Baseline", actor=BO).id == bo.id
    cy = Actor("https://accounts.example.com", "cy-0003")
    for who in (cy, None):
        with pytest.raises(ScenarioNotFound, match=r"'Baseline' is ambiguous: 2 people .* choose it by its id"):
            store.get("Baseline", actor=who)
    assert store.get(bo.id, actor=cy).id == bo.id  # an id is never ambiguous
    with pytest.raises(ScenarioNotFound, match="no scenario 'Nothing'"):
        store.get("Nothing", actor=ANA)
    # A deleted scenario does not count: Bo's was the only other one.
    store.delete(bo.id, actor=BO)
    assert store.get("Baseline", actor=cy).id == ana.id


def test_store_owner_label_follows_the_owners_latest_email(store):
    saved = store.save(Scenario("n", "d", {}, {}), actor=ANA)
    renamed_ana = Actor(ANA.issuer, ANA.subject, "ana.new@example.com", "Ana")
    after = store.rename(saved.id, "n2", actor=renamed_ana)  # same person: issuer and subject did not change
    assert (after.owner, after.owner_label, after.created_by, after.updated_by) == (
        ANA.key,
        "ana.new@example.com",
        "ana@example.com",
        "ana.new@example.com",
    )


# -- soft delete, restore, purge --------------------------------------------------------------------------------
def _age_deletion(store: ScenarioStore, scenario_id: str, days: float) -> None:
    from sqlalchemy import update

    when = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days)
    with store.engine.begin() as conn:
        conn.execute(update(store.table).where(store.table.c.id == scenario_id).values(deleted_at=when))


def test_store_delete_is_soft_and_restore_brings_it_back(store):
    gone = store.save(Scenario("Promo", "d", PARAMS, SUMMARY), actor=ANA)
    store.save(Scenario("Kept", "d", {}, {}), actor=ANA)
    store.delete("Promo", actor=ANA)
    assert [s.name for s in store.list()] == ["Kept"]
    with pytest.raises(ScenarioNotFound):
        store.get(gone.id)
    deleted = store.get(gone.id, include_deleted=True)
    assert deleted.deleted_at is not None and deleted.params == PARAMS
    assert {s.name for s in store.list(include_deleted=True)} == {"Promo", "Kept"}
    assert [s.id for s in store.deleted(ANA)] == [gone.id] and store.deleted(BO) == []
    # The name is free again while the old one waits in the bin; restoring it then needs a rename first.
    newer = store.save(Scenario("Promo", "d", {"v": 2}, {}), actor=ANA)
    with pytest.raises(NameTaken, match="'Promo' cannot be restored: you have another scenario with this name"):
        store.restore(gone.id, actor=ANA)
    store.rename(newer.id, "Promo v2", actor=ANA)
    back = store.restore("Promo", actor=ANA)  # by name: the deleted one
    assert back.id == gone.id and back.deleted_at is None and back.params == PARAMS and back.summary == SUMMARY
    assert store.deleted(ANA) == []
    assert {s.name for s in store.list()} == {"Promo", "Promo v2", "Kept"}


def test_store_deleted_lists_the_last_30_days_newest_first_and_older_ones_cannot_be_restored(store):
    ids = [store.save(Scenario(f"s{i}", "d", {}, {}), actor=ANA).id for i in range(3)]
    for i, days in zip(ids, (2, 29.9, 30.1), strict=True):
        store.delete(i, actor=ANA)
        _age_deletion(store, i, days)
    assert [s.id for s in store.deleted(ANA)] == ids[:2]
    with pytest.raises(StoreError, match="'s2' was deleted more than 30 days ago and can no longer be restored"):
        store.restore(ids[2], actor=ANA)
    assert store.restore(ids[1], actor=ANA).deleted_at is None


def test_store_purge_removes_for_good_what_was_deleted_more_than_30_days_ago(store):
    old = store.save(Scenario("old", "d", {}, {}), actor=ANA)
    recent = store.save(Scenario("recent", "d", {}, {}), actor=BO)
    store.save(Scenario("live", "d", {}, {}), actor=BO)
    store.delete(old.id, actor=ANA)
    store.delete(recent.id, actor=BO)
    assert store.purge_expired() == 0
    now = datetime.now(UTC)
    assert store.purge_expired(now + timedelta(days=RETENTION_DAYS - 1)) == 0
    _age_deletion(store, recent.id, -5)  # deleted "five days later" than old
    assert store.purge_expired(now + timedelta(days=RETENTION_DAYS, minutes=1)) == 1
    assert {s.name for s in store.list(include_deleted=True)} == {"recent", "live"}
    [entry] = store.audit(action="purge")
    assert (entry.actor, entry.actor_label, entry.scenario_id, entry.scenario_name) == (
        SYSTEM_ACTOR.key,
        "Replenish",
        old.id,
        "old",
    )
    assert entry.actor == "system|replenish"
    # Opening the store purges too.
    _age_deletion(store, recent.id, RETENTION_DAYS + 1)
    reopened = ScenarioStore(store.url)
    assert {s.name for s in reopened.list(include_deleted=True)} == {"live"}
    reopened.dispose()


# -- the audit trail --------------------------------------------------------------------------------------------
def test_store_audits_every_action_with_its_actor_and_summary(store):
    s = store.save(Scenario("Base", "d1", {"pf": {"service_level": 0.95}}, {"kpi": 1}), actor=ANA)
    store.save(Scenario("Base", "d1", {"pf": {"service_level": 0.98}}, {"kpi": 2}), overwrite=True, actor=ANA)
    store.rename(s.id, "Base 98", actor=ANA)
    copy = store.duplicate(s.id, "Bo's base", actor=BO)
    store.record_export(s.id, "purchase plan XLSX", actor=BO)
    store.delete(s.id, actor=ANA)
    store.restore(s.id, actor=ANA)
    store.delete(copy.id, actor=BO)
    store.purge_expired(datetime.now(UTC) + timedelta(days=RETENTION_DAYS + 1))
    trail = [(e.action, e.actor, e.actor_label, e.scenario_id, e.scenario_name, e.summary) for e in store.audit()]
    assert trail == [
        ("purge", "system|replenish", "Replenish", copy.id, "Bo's base", ""),
        ("delete", BO.key, "Bo 波", copy.id, "Bo's base", ""),
        ("restore", ANA.key, "ana@example.com", s.id, "Base 98", ""),
        ("delete", ANA.key, "ana@example.com", s.id, "Base 98", ""),
        ("export", BO.key, "Bo 波", s.id, "Base 98", "purchase plan XLSX"),
        ("duplicate", BO.key, "Bo 波", copy.id, "Bo's base", "copy of Base 98 (owner ana@example.com)"),
        ("rename", ANA.key, "ana@example.com", s.id, "Base 98", "Base → Base 98"),
        ("overwrite", ANA.key, "ana@example.com", s.id, "Base", "pf.service_level 0.95 → 0.98"),
        ("save", ANA.key, "ana@example.com", s.id, "Base", "dataset d1"),
    ]
    assert {e.action for e in store.audit()} == set(ACTIONS) - {"transfer"}  # transfer: test_transfer.py
    entries = store.audit()
    assert all(e.at.tzinfo is not None for e in entries) and [e.id for e in entries] == sorted(
        (e.id for e in entries), reverse=True
    )
    # Filters, alone and together.
    assert {e.action for e in store.audit(scenario_id=copy.id)} == {"duplicate", "delete", "purge"}
    assert {e.action for e in store.audit(actor=BO.key)} == {"duplicate", "export", "delete"}
    assert [e.action for e in store.audit(actor=BO.key, action="delete")] == ["delete"]
    assert [e.action for e in store.audit(scenario_id=s.id, limit=2)] == ["restore", "delete"]
    assert store.audit(since=datetime.now(UTC) + timedelta(hours=1)) == []
    assert store.audit(until=datetime.now(UTC) - timedelta(hours=1)) == []
    window = store.audit(since=entries[-1].at, until=entries[0].at)
    assert len(window) == len(entries)


def test_store_overwrite_summary_lists_changed_paths_and_results_only_changes(store):
    params = {"pf": {"service_level": 0.95}, "sp": {f"RP-100{i}": {"lead_time": 14} for i in range(8)}}
    store.save(Scenario("S", "d", params, {"kpi": 1}))
    changed = {"pf": {"service_level": 0.98}, "sp": {f"RP-100{i}": {"lead_time": 21} for i in range(8)}}
    store.save(Scenario("S", "d", changed, {"kpi": 2}), overwrite=True)
    store.save(Scenario("S", "d", changed, {"kpi": 3}), overwrite=True)
    store.save(Scenario("S", "d2", changed, {"kpi": 3}), overwrite=True)
    summaries = [e.summary for e in store.audit(action="overwrite")]
    assert summaries == [
        "dataset d → d2; no changes",
        "results updated",
        "pf.service_level 0.95 → 0.98; sp.RP-1000.lead_time 14 → 21; sp.RP-1001.lead_time 14 → 21; "
        "sp.RP-1002.lead_time 14 → 21; sp.RP-1003.lead_time 14 → 21; sp.RP-1004.lead_time 14 → 21; +3 more",
    ]


def test_change_summary_marks_added_and_removed_paths_and_shortens_long_values():
    old = {"notes": "x" * 40, "sp": {"RP-1001": {"moq": 24}}, "forecast": {"models": ["snaive", "ets"]}}
    new = {"notes": "short", "sp": {"RP-1002": {"moq": 6}}, "forecast": {"models": ["ets"]}, "flag": True}
    assert change_summary(old, new, {}, {}) == (
        'flag — → true; forecast.models ["snaive", "ets"] → ["ets"]; notes xxxxxxxxxxxxxxxxxxxxxxx… → short; '
        "sp.RP-1001.moq 24 → —; sp.RP-1002.moq — → 6"
    )
    assert change_summary(PARAMS, json.loads(json.dumps(PARAMS)), SUMMARY, dict(SUMMARY)) == "no changes"


def test_store_writes_a_change_and_its_audit_row_in_one_transaction(store, monkeypatch):
    saved = store.save(Scenario("S", "d", {"v": 1}, {}), actor=ANA)

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(store, "_audit", broken)
    with pytest.raises(RuntimeError, match="audit down"):
        store.rename(saved.id, "S2", actor=ANA)
    with pytest.raises(RuntimeError):
        store.save(Scenario("S", "d", {"v": 2}, {}), overwrite=True, actor=ANA)
    with pytest.raises(RuntimeError):
        store.delete(saved.id, actor=ANA)
    with pytest.raises(RuntimeError):
        store.save(Scenario("T", "d", {}, {}), actor=ANA)
    assert [(s.name, s.params, s.deleted_at) for s in store.list(include_deleted=True)] == [("S", {"v": 1}, None)]


def test_store_audit_table_is_append_only(store):
    from sqlalchemy import delete, text, update
    from sqlalchemy.exc import DBAPIError

    store.save(Scenario("S", "d", {}, {}), actor=ANA)
    audit = store.audit_table
    attempts = [update(audit).values(actor="someone|else"), delete(audit)]
    if not store.is_sqlite:
        attempts.append(text("TRUNCATE replenish_audit"))
    for statement in attempts:
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(statement)
    [entry] = store.audit()
    assert entry.actor == ANA.key


# -- migration from schema 1 ------------------------------------------------------------------------------------
V1_COLUMNS = ("id", "name", "dataset", "created_at", "updated_at", "params", "summary")


def _v1_rows() -> list[dict]:
    """The fixture's scenarios as schema 1 stored them, read without the store."""
    conn = sqlite3.connect(f"file:{V1_FILE}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT {', '.join(V1_COLUMNS)} FROM replenish_scenarios ORDER BY name").fetchall()
    finally:
        conn.close()
    return [dict(zip(V1_COLUMNS, row, strict=True)) for row in rows]


def _v1_copy(tmp_path: Path) -> str:
    path = tmp_path / "scenarios.db"
    path.write_bytes(V1_FILE.read_bytes())
    return f"sqlite:///{path}"


def _v1_postgresql() -> str:
    """A schema-1 store on PostgreSQL, made from the frozen DDL and the fixture's rows."""
    from sqlalchemy import create_engine, text

    url = _pg_url()
    engine = create_engine(url)
    with engine.begin() as conn:
        for ddl in V1_POSTGRESQL_DDL:
            conn.execute(text(ddl))
        conn.execute(text("INSERT INTO replenish_schema_version VALUES (1, now())"))
        for row in _v1_rows():
            stamps = {k: datetime.fromisoformat(row[k]).replace(tzinfo=UTC) for k in ("created_at", "updated_at")}
            conn.execute(
                text(f"INSERT INTO replenish_scenarios VALUES ({', '.join(':' + c for c in V1_COLUMNS)})"),
                row | stamps,
            )
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def v1_url(request, tmp_path):
    return _v1_copy(tmp_path) if request.param == "sqlite" else _v1_postgresql()


def test_store_migrates_schema_1_keeping_every_scenario_and_field(v1_url):
    before = _v1_rows()
    assert len(before) == 3 and {"交货期 +5 天", 'Promo "Back to school" (A items, 98%)'} <= {r["name"] for r in before}
    store = ScenarioStore(v1_url)
    assert store.schema_version() == 2
    after = sorted(store.list(), key=lambda s: s.name)
    assert len(after) == 3
    for old, new in zip(before, after, strict=True):
        assert (new.id, new.name, new.dataset) == (old["id"], old["name"], old["dataset"])
        assert new.params == json.loads(old["params"]) and new.summary == json.loads(old["summary"])
        assert new.created_at == datetime.fromisoformat(old["created_at"]).replace(tzinfo=UTC)
        assert new.updated_at == datetime.fromisoformat(old["updated_at"]).replace(tzinfo=UTC)
        assert (new.owner, new.owner_label, new.created_by, new.updated_by, new.deleted_at) == (
            "local|local",
            "local user",
            "local user",
            "local user",
            None,
        )
        assert store.can_change(new, LOCAL_ACTOR)
    assert store.audit() == []
    # Usable at once: the local user's names still clash with their own, other owners may reuse them.
    with pytest.raises(NameTaken):
        store.save(Scenario("交货期 +5 天", "d", {}, {}))
    store.rename("交货期 +5 天", "提前期 +5 天")
    store.save(Scenario("Baseline 95%", "d", {"by": "ana"}, {}), actor=ANA)
    store.save(Scenario("Baseline 95%", "d", {"pf": {"service_level": 0.97}}, {}), overwrite=True)
    assert [e.action for e in store.audit()] == ["overwrite", "save", "rename"]
    store.dispose()
    reopened = ScenarioStore(v1_url)  # opening again changes nothing
    assert reopened.schema_version() == 2 and len(reopened.list()) == 4 and len(reopened.audit()) == 3
    with reopened.engine.connect() as conn:
        from sqlalchemy import select

        assert [r.version for r in conn.execute(select(reopened.versions).order_by("version"))] == [1, 2]
    reopened.dispose()
    if v1_url.startswith("sqlite"):
        path = v1_url.split("///", 1)[1]
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v2'").fetchone()[0] == 0
        conn.close()


def test_store_a_read_only_schema_1_store_says_it_cannot_be_upgraded(tmp_path):
    url = _v1_copy(tmp_path)
    path = url.split("///", 1)[1]
    with pytest.raises(StoreError, match="read-only"):
        ScenarioStore(f"sqlite:///file:{path}?mode=ro&uri=true")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT max(version) FROM replenish_schema_version").fetchone()[0] == 1  # untouched
    conn.close()


def _opener(url: str, who: str, barrier, queue) -> None:
    barrier.wait(30)
    store = ScenarioStore(url)
    store.save(Scenario(f"by {who}", "d", {"who": who}, {}), actor=Actor("test", who))
    queue.put((who, store.schema_version()))
    store.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_store_two_processes_opening_a_schema_1_store_at_once_both_succeed(backend, tmp_path):
    url = _v1_copy(tmp_path) if backend == "sqlite" else _v1_postgresql()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    barrier = ctx.Barrier(3)
    procs = [ctx.Process(target=_opener, args=(url, who, barrier, queue)) for who in ("a", "b", "c")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    assert sorted(queue.get(timeout=5) for _ in procs) == [("a", 2), ("b", 2), ("c", 2)]
    store = ScenarioStore(url)
    assert len(store.list()) == 6 and len(store.audit(action="save")) == 3
    with store.engine.connect() as conn:
        from sqlalchemy import func, select

        assert conn.execute(select(func.count()).select_from(store.versions)).scalar() == 2  # 1 and 2, once
    store.dispose()
