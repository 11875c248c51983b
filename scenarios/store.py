"""The scenario store: named what-if scenarios in SQLite (default) or PostgreSQL (``DATABASE_URL``).

SQLAlchemy Core. Every statement is parameterised. SQLite runs in WAL mode with a busy timeout, and every write
starts with ``BEGIN IMMEDIATE``, so two processes writing at once wait for each other instead of failing.

Schema 2 (this one) adds owners, soft delete and an audit trail to schema 1:

- every scenario has an owner (the identity provider's issuer and subject, :attr:`Actor.key`); only the owner
  renames, overwrites, deletes or restores it, anyone may read it, duplicate it or export from it. Names are unique
  per owner among scenarios that are not deleted (a partial unique index), so two writers choosing the same name
  get one scenario and one clear error, never a silent overwrite;
- delete is soft: a deleted scenario can be restored by its owner for :data:`RETENTION_DAYS` days, then
  :meth:`ScenarioStore.purge_expired` removes it for good;
- ``replenish_audit`` records every change and export, in the same transaction as the change. The store has no
  method that changes or removes an audit row, and a trigger refuses ``UPDATE`` and ``DELETE`` on the table.

A schema-1 store is upgraded when it is opened (:meth:`ScenarioStore._migrate_v1`), in one transaction under a
lock, so two processes opening it at once upgrade it once. A newer schema is refused.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar

from scenarios.messages import Message

__all__ = [
    "ACTIONS",
    "ADMIN_ACTOR",
    "LOCAL_ACTOR",
    "RETENTION_DAYS",
    "SCHEMA_VERSION",
    "SYSTEM_ACTOR",
    "Actor",
    "AuditEntry",
    "NameTaken",
    "PermissionDenied",
    "Scenario",
    "ScenarioNotFound",
    "ScenarioStore",
    "StoreError",
    "change_summary",
    "default_url",
    "validate_name",
]

SCHEMA_VERSION = 2
MAX_NAME = 80
RETENTION_DAYS = 30
ACTIONS = ("save", "overwrite", "rename", "duplicate", "delete", "restore", "export", "purge", "transfer")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_T = TypeVar("_T")


class StoreError(RuntimeError):
    """The store cannot be used (missing, locked, read-only, corrupt, newer schema); the message says what to do."""


class NameTaken(StoreError):
    """The actor already has a scenario with this name."""


class ScenarioNotFound(StoreError):
    """No scenario with this id or name, or a name several owners use."""


class PermissionDenied(StoreError):
    """Only the owner may change a scenario; the message names the owner and suggests a duplicate."""


@dataclass(frozen=True)
class Actor:
    """Who acts: the identity provider's issuer and subject (stable), with e-mail and name for display.

    >>> Actor("https://accounts.example.com", "1234", "ana@example.com", "Ana").key
    'https://accounts.example.com|1234'
    >>> Actor("https://accounts.example.com", "1234", "", "Ana").label
    'Ana'
    """

    issuer: str
    subject: str
    email: str = ""
    name: str = ""

    @property
    def key(self) -> str:
        """The owner key stored in the table: issuer and subject, which never change for one person."""
        return f"{self.issuer}|{self.subject}"

    @property
    def label(self) -> str:
        """For display: the e-mail, else the name, else the subject."""
        return self.email or self.name or self.subject


LOCAL_ACTOR = Actor("local", "local", "", "local user")  # a server with no sign-in configured
SYSTEM_ACTOR = Actor("system", "replenish", "", "Replenish")  # the store itself (purging expired scenarios)
ADMIN_ACTOR = Actor("system", "command-line", "", "administrator (command line)")  # python -m scenarios


def validate_name(name: object) -> str:
    """A scenario name, trimmed and NFC-normalised.

    Raises
    ------
    ValueError
        Empty, longer than 80 characters, or with control characters.

    >>> validate_name("  Lead time +5 days ")
    'Lead time +5 days'
    """
    if not isinstance(name, str):
        raise ValueError(Message("name.not_text"))
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise ValueError(Message("name.empty"))
    if len(text) > MAX_NAME:
        raise ValueError(Message("name.too_long", limit=MAX_NAME, n=len(text)))
    if _CONTROL.search(text):
        raise ValueError(Message("name.control"))
    return text


def data_dir() -> Path:
    """Where scenarios and the datasets they refer to live: ``REPLENISH_DATA_DIR`` or ``./data``."""
    return Path(os.environ.get("REPLENISH_DATA_DIR") or Path.cwd() / "data")


def default_url() -> str:
    """``DATABASE_URL`` when set (``postgres://`` is read as PostgreSQL via psycopg), else the SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgres://")
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    return f"sqlite:///{data_dir() / 'scenarios.db'}"


@dataclass(frozen=True)
class Scenario:
    """A saved what-if.

    Attributes
    ----------
    name : str
    dataset : str
        Fingerprint of the dataset it was made on (content hash of files and reading choices).
    params : dict
        Everything needed to reproduce it: data spec, forecast settings, global and per-SKU parameters,
        overrides, locks and notes. JSON-serialisable.
    summary : dict
        Results when saved: KPIs, orders, per-SKU lines. JSON-serialisable.
    id, created_at, updated_at
        Set by the store.
    owner : str
        The owner's :attr:`Actor.key`; set by the store.
    owner_label : str
        The owner's e-mail or name when the owner last changed it.
    created_by, updated_by : str
        Labels of the actor who created it and of the last one who changed it.
    deleted_at : datetime or None
        When it was deleted; a deleted scenario can be restored for :data:`RETENTION_DAYS` days.
    """

    name: str
    dataset: str
    params: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    id: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    owner: str = ""
    owner_label: str = ""
    created_by: str = ""
    updated_by: str = ""
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail: who did what to which scenario, when.

    ``actor`` is the :attr:`Actor.key`, ``actor_label`` the e-mail or name at the time; ``scenario_name`` is the
    name at the time (a rename records the new one); ``summary`` says what changed, in paths and values.
    """

    id: int
    at: datetime
    actor: str
    actor_label: str
    action: str
    scenario_id: str
    scenario_name: str
    summary: str


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _utc(value: datetime) -> datetime:
    # SQLite keeps no time zone; the store writes UTC only.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else _utc(value)


_SHOWN_CHANGES = 6
_VALUE_WIDTH = 24
_ABSENT = object()


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    # Lists are leaves: a changed list of models or overrides reads better whole than index by index.
    if isinstance(value, dict) and value:
        for key in sorted(value, key=str):
            yield from _leaves(value[key], f"{path}.{key}" if path else str(key))
    else:
        yield path, value


def _short(value: Any) -> str:
    if value is _ABSENT:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"


def change_summary(old_params: dict, new_params: dict, old_summary: dict, new_summary: dict) -> str:
    """What an overwrite changed, as audit text: changed leaf paths with old and new values.

    Up to six paths in order (``—`` for a value that was absent), then ``+N more``; ``results updated`` when only
    the results changed, ``no changes`` when nothing did. Paths and values only, so the text means the same in
    every language of the interface.

    >>> change_summary({"pf": {"service_level": 0.95}}, {"pf": {"service_level": 0.98}}, {}, {})
    'pf.service_level 0.95 → 0.98'
    >>> change_summary({"a": 1}, {"a": 1}, {"kpi": 1}, {"kpi": 2})
    'results updated'
    """
    # A JSON round trip first: what was stored and what is being saved compare as the store would keep them.
    old = dict(_leaves(json.loads(json.dumps(old_params, default=str))))
    new = dict(_leaves(json.loads(json.dumps(new_params, default=str))))
    changed = [
        f"{path} {_short(old.get(path, _ABSENT))} → {_short(new.get(path, _ABSENT))}"
        for path in sorted(old.keys() | new.keys())
        if old.get(path, _ABSENT) != new.get(path, _ABSENT)
    ]
    if changed:
        more = len(changed) - _SHOWN_CHANGES
        return "; ".join(changed[:_SHOWN_CHANGES]) + (f"; +{more} more" if more > 0 else "")
    if json.dumps(old_summary, sort_keys=True, default=str) != json.dumps(new_summary, sort_keys=True, default=str):
        return "results updated"
    return "no changes"


_State = Literal["live", "deleted", "any"]


class ScenarioStore:
    """Save, list, load, rename, duplicate, delete and restore scenarios, each owned by the actor who made it.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL; default :func:`default_url`.
    busy_timeout_s : float
        How long a SQLite write waits for another writer's lock before giving up with a "locked" message.
    """

    def __init__(self, url: str | None = None, busy_timeout_s: float = 30.0) -> None:
        from sqlalchemy import (
            Column,
            DateTime,
            Index,
            Integer,
            MetaData,
            String,
            Table,
            Text,
            create_engine,
            event,
        )

        self.url = url or default_url()
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            path = self.url.split("///", 1)[1] if "///" in self.url else ""
            if path and path != ":memory:" and not path.startswith("file:"):
                try:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(
                        Message("store.no_directory", path=str(Path(path).parent), detail=str(exc.strerror))
                    ) from exc
            self.engine = create_engine(self.url, connect_args={"timeout": busy_timeout_s})
            busy_ms = int(busy_timeout_s * 1000)

            @event.listens_for(self.engine, "connect")
            def _pragmas(conn, _record) -> None:  # pragma: no cover - exercised through every SQLite test
                # The store says where transactions begin (see _begin), so DDL is transactional and a write
                # can take the write lock up front; pysqlite's own implicit BEGIN is switched off.
                conn.isolation_level = None
                cur = conn.cursor()
                cur.execute(f"PRAGMA busy_timeout = {busy_ms:d}")
                # A read-only file cannot switch mode; reads still work.
                with contextlib.suppress(Exception):
                    cur.execute("PRAGMA journal_mode = WAL")
                cur.close()

            @event.listens_for(self.engine, "begin")
            def _begin(conn) -> None:  # pragma: no cover - exercised through every SQLite test
                # BEGIN IMMEDIATE for writes: a deferred transaction that reads and then writes can fail at once
                # with "database is locked" when another writer committed in between; IMMEDIATE waits instead.
                conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        meta = MetaData()
        self.versions = Table(
            "replenish_schema_version",
            meta,
            Column("version", Integer, primary_key=True),
            Column("applied_at", DateTime(timezone=True), nullable=False),
        )
        self.table = Table("replenish_scenarios", meta, *self._scenario_columns())
        self.owner_name_index = Index(
            "replenish_scenarios_owner_name",
            self.table.c.owner,
            self.table.c.name,
            unique=True,
            sqlite_where=self.table.c.deleted_at.is_(None),
            postgresql_where=self.table.c.deleted_at.is_(None),
        )
        self.audit_table = Table(
            "replenish_audit",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("at", DateTime(timezone=True), nullable=False, index=True),
            Column("actor", String(512), nullable=False, index=True),
            Column("actor_label", String(320), nullable=False),
            Column("action", String(16), nullable=False),
            Column("scenario_id", String(32), nullable=False, index=True),
            Column("scenario_name", String(MAX_NAME * 4), nullable=False),
            Column("summary", Text, nullable=False),
            sqlite_autoincrement=True,  # ids are never reused
        )
        self.meta = meta
        self._init_schema()
        # Expired deletions go when the store opens; a store that cannot be written (read-only, full, locked)
        # still opens for reading, and purges the next time it can.
        with contextlib.suppress(StoreError):
            self.purge_expired()

    @staticmethod
    def _scenario_columns() -> list:
        from sqlalchemy import Column, DateTime, String, Text

        return [
            Column("id", String(32), primary_key=True),
            Column("name", String(MAX_NAME * 4), nullable=False),
            Column("dataset", String(64), nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("updated_at", DateTime(timezone=True), nullable=False),
            Column("params", Text, nullable=False),
            Column("summary", Text, nullable=False),
            Column("owner", String(512), nullable=False, server_default=LOCAL_ACTOR.key),
            Column("owner_label", String(320), nullable=False, server_default=""),
            Column("created_by", String(320), nullable=False, server_default=""),
            Column("updated_by", String(320), nullable=False, server_default=""),
            Column("deleted_at", DateTime(timezone=True), nullable=True),
        ]

    # -- plumbing ---------------------------------------------------------------------------------------
    def _wrap(self, exc: Exception) -> StoreError:
        text = str(getattr(exc, "orig", exc) or exc)
        low = text.lower()
        where = (
            Message("store.where_file", path=self.url.split("///", 1)[-1])
            if self.is_sqlite
            else Message("store.where_db")
        )
        if "readonly" in low or "read-only" in low:
            return StoreError(Message("store.read_only", where=where))
        if "disk is full" in low or "no space left" in low or "disk full" in low:
            return StoreError(Message("store.disk_full", where=where))
        if "locked" in low or "busy" in low:
            return StoreError(Message("store.locked", where=where))
        if "not a database" in low or "malformed" in low or "file is encrypted" in low:
            return StoreError(Message("store.damaged", where=where))
        if "unable to open" in low or "could not connect" in low or "connection refused" in low:
            return StoreError(Message("store.unopenable", where=where, detail=text.splitlines()[0]))
        return StoreError(
            Message("store.failed", where=where, detail=text.splitlines()[0] if text else type(exc).__name__)
        )

    def _run(self, fn: Callable[[Any], _T], *, write: bool = False) -> _T:
        """``fn(conn)`` in one transaction (``BEGIN IMMEDIATE`` on SQLite when ``write``); errors as StoreError."""
        from sqlalchemy.exc import IntegrityError, SQLAlchemyError

        try:
            with self.engine.connect() as conn:
                if write:
                    conn.execution_options(write=True)
                with conn.begin():
                    return fn(conn)
        except IntegrityError as exc:
            raise NameTaken(Message("name.taken")) from exc
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            raise self._wrap(exc) from exc

    def _found_version(self, conn) -> int | None:
        """The recorded schema version; 1 for a schema-1 table whose version row was never written; None if new."""
        from sqlalchemy import func, inspect, select

        inspector = inspect(conn)
        if inspector.has_table(self.versions.name):
            found = conn.execute(select(func.max(self.versions.c.version))).scalar()
            if found is not None:
                return int(found)
        if inspector.has_table(self.table.name):
            # The schema-1 store created its tables and recorded the version in two steps.
            columns = {c["name"] for c in inspector.get_columns(self.table.name)}
            return SCHEMA_VERSION if "owner" in columns else 1
        return None

    def _init_schema(self) -> None:
        def check(conn) -> int | None:
            found = self._found_version(conn)
            if found is not None and found > SCHEMA_VERSION:
                raise StoreError(Message("store.newer_schema", found=found, supported=SCHEMA_VERSION))
            return found

        def upgrade(conn) -> None:
            self._lock_schema(conn)
            found = check(conn)  # again, under the lock: another process may have done it meanwhile
            if found == SCHEMA_VERSION:
                return
            if found == 1:
                self._migrate_v1(conn)
            else:
                self.meta.create_all(conn)
                self._create_audit_triggers(conn)
            conn.execute(self.versions.insert().values(version=SCHEMA_VERSION, applied_at=_now()))

        # Read first, without the write lock: a store already at this version (or a read-only file) is not written.
        if self._run(check) != SCHEMA_VERSION:
            self._run(upgrade, write=True)

    def _lock_schema(self, conn) -> None:
        """Hold the schema lock until the transaction ends (SQLite: ``BEGIN IMMEDIATE`` already holds it)."""
        from sqlalchemy import text

        if not self.is_sqlite:
            # Per database and schema (search_path), so stores in different schemas do not wait for each other;
            # an advisory lock also covers a database where no table exists yet.
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('replenish_schema:' || current_schema()))"))

    def _create_audit_triggers(self, conn) -> None:
        from sqlalchemy import text

        table = self.audit_table.name
        if self.is_sqlite:
            for event_name in ("UPDATE", "DELETE"):
                conn.execute(
                    text(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event_name.lower()} BEFORE {event_name} ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                    )
                )
            return
        conn.execute(
            text(
                f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
            )
        )
        conn.execute(
            text(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )
        )
        conn.execute(
            text(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
            )
        )

    def _migrate_v1(self, conn) -> None:
        """Schema 1 to 2, inside the caller's transaction: owners, soft delete, per-owner names, the audit table.

        Schema 1 scenarios go to :data:`LOCAL_ACTOR`. Schema 1 made names unique in the whole table; that
        constraint goes, replaced by the partial index on (owner, name) of scenarios not deleted.

        SQLite cannot drop a constraint, so the table is rebuilt following SQLite's procedure for schema changes
        (https://www.sqlite.org/lang_altertable.html#otheralter): create the new table, copy every row, drop the
        old table, rename the new one, create its index. Schema 1 has no foreign keys, other indexes, triggers or
        views to carry over. PostgreSQL adds the columns and drops the constraint by the name its catalog gives.
        """
        from sqlalchemy import MetaData, Table, text

        local = {"owner": LOCAL_ACTOR.key, "label": LOCAL_ACTOR.label}
        if self.is_sqlite:
            rebuilt = Table(f"{self.table.name}_v2", MetaData(), *self._scenario_columns())
            rebuilt.create(conn)
            v1 = "id, name, dataset, created_at, updated_at, params, summary"
            conn.execute(
                text(
                    f"INSERT INTO {rebuilt.name} ({v1}, owner, owner_label, created_by, updated_by, deleted_at) "
                    f"SELECT {v1}, :owner, :label, :label, :label, NULL FROM {self.table.name}"
                ),
                local,
            )
            conn.execute(text(f"DROP TABLE {self.table.name}"))
            conn.execute(text(f"ALTER TABLE {rebuilt.name} RENAME TO {self.table.name}"))
        else:
            name_unique = conn.execute(
                text(
                    "SELECT c.conname FROM pg_constraint c JOIN pg_attribute a "
                    "ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
                    "WHERE c.conrelid = CAST(:table AS regclass) AND c.contype = 'u' "
                    "AND a.attname = 'name' AND cardinality(c.conkey) = 1"
                ),
                {"table": self.table.name},
            ).scalars()
            quote = conn.dialect.identifier_preparer.quote
            for constraint in list(name_unique):
                conn.execute(text(f"ALTER TABLE {self.table.name} DROP CONSTRAINT {quote(constraint)}"))
            conn.execute(
                text(
                    f"ALTER TABLE {self.table.name} "
                    f"ADD COLUMN owner VARCHAR(512) NOT NULL DEFAULT '{LOCAL_ACTOR.key}', "
                    "ADD COLUMN owner_label VARCHAR(320) NOT NULL DEFAULT '', "
                    "ADD COLUMN created_by VARCHAR(320) NOT NULL DEFAULT '', "
                    "ADD COLUMN updated_by VARCHAR(320) NOT NULL DEFAULT '', "
                    "ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE"
                )
            )
            conn.execute(
                text(f"UPDATE {self.table.name} SET owner_label = :label, created_by = :label, updated_by = :label"),
                local,
            )
        self.owner_name_index.create(conn)
        self.audit_table.create(conn)
        self._create_audit_triggers(conn)

    def schema_version(self) -> int:
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(self.versions.c.version))).scalar() or 0)

    @staticmethod
    def _row(row) -> Scenario:
        return Scenario(
            name=row.name,
            dataset=row.dataset,
            params=json.loads(row.params),
            summary=json.loads(row.summary),
            id=row.id,
            created_at=_aware(row.created_at),
            updated_at=_aware(row.updated_at),
            owner=row.owner,
            owner_label=row.owner_label,
            created_by=row.created_by,
            updated_by=row.updated_by,
            deleted_at=_aware(row.deleted_at),
        )

    def _audit(self, conn, actor: Actor, action: str, scenario_id: str, scenario_name: str, summary: str = "") -> None:
        conn.execute(
            self.audit_table.insert().values(
                at=_now(),
                actor=actor.key,
                actor_label=actor.label,
                action=action,
                scenario_id=scenario_id,
                scenario_name=scenario_name,
                summary=summary,
            )
        )

    def _resolve(self, conn, key: str, actor: Actor | None, state: _State = "live", *, lock: bool = False):
        """The row ``key`` names: an id; else the actor's own scenario of that name; else the only owner's.

        Among one owner's rows of one name (one live, earlier ones deleted), the live one comes first, then the
        most recently deleted.
        """
        from sqlalchemy import or_, select

        c = self.table.c
        query = select(self.table).where(or_(c.id == key, c.name == key))
        if state == "live":
            query = query.where(c.deleted_at.is_(None))
        elif state == "deleted":
            query = query.where(c.deleted_at.is_not(None))
        if lock:
            query = query.with_for_update()  # PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers
        rows = list(conn.execute(query))
        for row in rows:
            if row.id == key:
                return row
        named = sorted(
            (r for r in rows if r.name == key),
            key=lambda r: (r.deleted_at is not None, -_utc(r.deleted_at).timestamp() if r.deleted_at else 0.0),
        )
        own = [r for r in named if actor is not None and r.owner == actor.key]
        if own:
            return own[0]
        owners = {r.owner for r in named}
        if len(owners) > 1:
            raise ScenarioNotFound(Message("store.ambiguous", name=key, n=len(owners)))
        if named:
            return named[0]
        raise ScenarioNotFound(Message("store.not_found", key=key))

    @staticmethod
    def _check_owner(row, actor: Actor) -> None:
        if row.owner != actor.key:
            raise PermissionDenied(Message("store.not_owner", name=row.name, owner=row.owner_label or row.owner))

    def _name_taken(self, conn, owner: str, name: str, but: str = "") -> bool:
        from sqlalchemy import select

        c = self.table.c
        query = select(c.id).where(c.owner == owner, c.name == name, c.deleted_at.is_(None), c.id != but)
        return conn.execute(query).first() is not None

    def _by_id(self, conn, scenario_id: str) -> Scenario:
        from sqlalchemy import select

        return self._row(conn.execute(select(self.table).where(self.table.c.id == scenario_id)).one())

    # -- API ----------------------------------------------------------------------------------------------
    def _insert(self, conn, actor: Actor, name: str, dataset: str, params: str, summary: str, now: datetime) -> str:
        """A new scenario owned, created and last changed by ``actor``; its id."""
        new_id = uuid.uuid4().hex
        conn.execute(
            self.table.insert().values(
                id=new_id,
                name=name,
                dataset=dataset,
                created_at=now,
                updated_at=now,
                params=params,
                summary=summary,
                owner=actor.key,
                owner_label=actor.label,
                created_by=actor.label,
                updated_by=actor.label,
            )
        )
        return new_id

    def save(self, scenario: Scenario, *, overwrite: bool = False, actor: Actor = LOCAL_ACTOR) -> Scenario:
        """Insert a scenario owned by ``actor``, or with ``overwrite`` replace the actor's own of that name.

        Names are unique per owner: another owner's scenario of the same name is left alone and a new one is
        made. Audited as ``save`` or ``overwrite`` (with what changed, :func:`change_summary`).

        Raises
        ------
        NameTaken
            The actor already has a scenario of this name and ``overwrite`` is false.
        PermissionDenied
            ``overwrite`` with ``scenario.id`` naming another owner's scenario.
        """
        from sqlalchemy import select

        name = validate_name(scenario.name)
        params = json.dumps(scenario.params, sort_keys=True, default=str)
        summary = json.dumps(scenario.summary, sort_keys=True, default=str)
        c = self.table.c

        def go(conn) -> Scenario:
            now = _now()
            if overwrite and scenario.id:
                target = conn.execute(select(self.table).where(c.id == scenario.id)).first()
                if target is not None:
                    self._check_owner(target, actor)
            query = select(self.table).where(c.owner == actor.key, c.name == name, c.deleted_at.is_(None))
            row = conn.execute(query.with_for_update()).first()
            if row is not None and not overwrite:
                raise NameTaken(Message("name.taken"))
            if row is not None:
                conn.execute(
                    self.table.update()
                    .where(c.id == row.id)
                    .values(
                        dataset=scenario.dataset,
                        params=params,
                        summary=summary,
                        updated_at=now,
                        owner_label=actor.label,
                        updated_by=actor.label,
                    )
                )
                changes = change_summary(
                    json.loads(row.params), json.loads(params), json.loads(row.summary), json.loads(summary)
                )
                if row.dataset != scenario.dataset:
                    changes = f"dataset {_short(row.dataset)} → {_short(scenario.dataset)}; {changes}"
                self._audit(conn, actor, "overwrite", row.id, name, changes)
                return self._by_id(conn, row.id)
            new_id = self._insert(conn, actor, name, scenario.dataset, params, summary, now)
            self._audit(conn, actor, "save", new_id, name, f"dataset {_short(scenario.dataset)}")
            return self._by_id(conn, new_id)

        return self._run(go, write=True)

    def list(self, dataset: str | None = None, *, include_deleted: bool = False) -> list[Scenario]:
        """Everyone's scenarios (or those of one dataset), not deleted unless asked, most recently updated first."""
        from sqlalchemy import select

        query = select(self.table).order_by(self.table.c.updated_at.desc(), self.table.c.name, self.table.c.id)
        if dataset is not None:
            query = query.where(self.table.c.dataset == dataset)
        if not include_deleted:
            query = query.where(self.table.c.deleted_at.is_(None))
        return self._run(lambda conn: [self._row(r) for r in conn.execute(query)])

    def get(self, key: str, *, actor: Actor | None = None, include_deleted: bool = False) -> Scenario:
        """A scenario by id, or by name: the actor's own of that name first, else the only one of that name.

        Raises
        ------
        ScenarioNotFound
            No such scenario, or the name is used by several owners and none of them is ``actor`` (use the id).
        """
        state: _State = "any" if include_deleted else "live"
        return self._run(lambda conn: self._row(self._resolve(conn, key, actor, state)))

    def can_change(self, scenario: Scenario, actor: Actor) -> bool:
        """Whether ``actor`` may rename, overwrite, delete or restore it: only its owner may."""
        return scenario.owner == actor.key

    def rename(self, key: str, new_name: str, *, actor: Actor = LOCAL_ACTOR) -> Scenario:
        """Rename the actor's own scenario; audited as ``rename`` with ``old → new``."""
        name = validate_name(new_name)

        def go(conn) -> Scenario:
            row = self._resolve(conn, key, actor, lock=True)
            self._check_owner(row, actor)
            if row.name == name:
                return self._row(row)
            if self._name_taken(conn, actor.key, name, but=row.id):
                raise NameTaken(Message("name.taken"))
            conn.execute(
                self.table.update()
                .where(self.table.c.id == row.id)
                .values(name=name, updated_at=_now(), owner_label=actor.label, updated_by=actor.label)
            )
            self._audit(conn, actor, "rename", row.id, name, f"{row.name} → {name}")
            return self._by_id(conn, row.id)

        return self._run(go, write=True)

    def duplicate(self, key: str, new_name: str, *, actor: Actor = LOCAL_ACTOR) -> Scenario:
        """A copy of anyone's scenario, owned by ``actor``; audited as ``duplicate`` (``copy of <name> (owner …)``)."""
        name = validate_name(new_name)

        def go(conn) -> Scenario:
            row = self._resolve(conn, key, actor)
            if self._name_taken(conn, actor.key, name):
                raise NameTaken(Message("name.taken"))
            new_id = self._insert(conn, actor, name, row.dataset, row.params, row.summary, _now())
            source = f"copy of {row.name} (owner {row.owner_label or row.owner})"
            self._audit(conn, actor, "duplicate", new_id, name, source)
            return self._by_id(conn, new_id)

        return self._run(go, write=True)

    def delete(self, key: str, *, actor: Actor = LOCAL_ACTOR) -> None:
        """Delete the actor's own scenario, softly: its owner can restore it for :data:`RETENTION_DAYS` days."""

        def go(conn) -> None:
            row = self._resolve(conn, key, actor, lock=True)
            self._check_owner(row, actor)
            conn.execute(self.table.update().where(self.table.c.id == row.id).values(deleted_at=_now()))
            self._audit(conn, actor, "delete", row.id, row.name)

        self._run(go, write=True)

    def deleted(self, actor: Actor) -> builtins.list[Scenario]:
        """The actor's own deleted scenarios that can still be restored, most recently deleted first."""
        from sqlalchemy import select

        c = self.table.c
        query = (
            select(self.table)
            .where(c.owner == actor.key, c.deleted_at >= _now() - timedelta(days=RETENTION_DAYS))
            .order_by(c.deleted_at.desc(), c.name)
        )
        return self._run(lambda conn: [self._row(r) for r in conn.execute(query)])

    def restore(self, key: str, *, actor: Actor) -> Scenario:
        """Bring back the actor's own deleted scenario (by id, or by name: the most recently deleted).

        Raises
        ------
        StoreError
            Deleted more than :data:`RETENTION_DAYS` days ago.
        NameTaken
            The actor has since made another scenario with this name.
        """

        def go(conn) -> Scenario:
            row = self._resolve(conn, key, actor, "any" if _looks_like_id(key) else "deleted", lock=True)
            self._check_owner(row, actor)
            if row.deleted_at is None:
                return self._row(row)
            if _utc(row.deleted_at) < _now() - timedelta(days=RETENTION_DAYS):
                raise StoreError(Message("store.restore_expired", name=row.name, days=RETENTION_DAYS))
            if self._name_taken(conn, actor.key, row.name, but=row.id):
                raise NameTaken(Message("store.restore_taken", name=row.name))
            conn.execute(
                self.table.update()
                .where(self.table.c.id == row.id)
                .values(deleted_at=None, updated_at=_now(), owner_label=actor.label, updated_by=actor.label)
            )
            self._audit(conn, actor, "restore", row.id, row.name)
            return self._by_id(conn, row.id)

        return self._run(go, write=True)

    def purge_expired(self, now: datetime | None = None) -> int:
        """Remove for good the scenarios deleted more than :data:`RETENTION_DAYS` days before ``now``.

        Each is audited as ``purge`` by :data:`SYSTEM_ACTOR`. Returns how many. Runs when the store opens; with
        nothing to purge it only reads, so a read-only store still opens.
        """
        from sqlalchemy import select

        cutoff = (now or _now()) - timedelta(days=RETENTION_DAYS)
        c = self.table.c
        expired = select(c.id, c.name).where(c.deleted_at < cutoff)
        if self._run(lambda conn: conn.execute(expired.limit(1)).first()) is None:
            return 0

        def go(conn) -> int:
            rows = list(conn.execute(expired.with_for_update()))
            for row in rows:
                conn.execute(self.table.delete().where(c.id == row.id))
                self._audit(conn, SYSTEM_ACTOR, "purge", row.id, row.name)
            return len(rows)

        return self._run(go, write=True)

    def record_export(self, key: str, what: str, *, actor: Actor) -> None:
        """Record in the audit trail that ``actor`` exported ``what`` (e.g. ``purchase plan XLSX``) from a scenario."""

        def go(conn) -> None:
            row = self._resolve(conn, key, actor)
            self._audit(conn, actor, "export", row.id, row.name, what)

        self._run(go, write=True)

    def audit(
        self,
        *,
        scenario_id: str | None = None,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 1000,
    ) -> builtins.list[AuditEntry]:
        """The audit trail, newest first, filtered by scenario id, actor key, action and ``since <= at <= until``."""
        from sqlalchemy import select

        a = self.audit_table.c
        query = select(self.audit_table).order_by(a.at.desc(), a.id.desc()).limit(limit)
        if scenario_id is not None:
            query = query.where(a.scenario_id == scenario_id)
        if actor is not None:
            query = query.where(a.actor == actor)
        if action is not None:
            query = query.where(a.action == action)
        if since is not None:
            query = query.where(a.at >= since)
        if until is not None:
            query = query.where(a.at <= until)

        def go(conn) -> builtins.list[AuditEntry]:
            return [
                AuditEntry(
                    id=r.id,
                    at=_utc(r.at),
                    actor=r.actor,
                    actor_label=r.actor_label,
                    action=r.action,
                    scenario_id=r.scenario_id,
                    scenario_name=r.scenario_name,
                    summary=r.summary,
                )
                for r in conn.execute(query)
            ]

        return self._run(go)

    def people(self) -> builtins.list[Actor]:
        """Everyone who owns a scenario or is on the audit trail, by key, with their latest label (the store itself
        and the command line left out): whom :meth:`transfer` can give scenarios to."""
        from sqlalchemy import select

        a, c = self.audit_table.c, self.table.c

        def go(conn) -> builtins.list[Actor]:
            latest: dict[str, str] = {}
            for row in conn.execute(select(a.actor, a.actor_label).order_by(a.at, a.id)):
                latest[row.actor] = row.actor_label or latest.get(row.actor, "")
            for row in conn.execute(select(c.owner, c.owner_label)):
                latest.setdefault(row.owner, row.owner_label)
            out = []
            for key, label in sorted(latest.items(), key=lambda kv: (kv[1] or kv[0]).lower()):
                issuer, _, subject = key.partition("|")
                if issuer != "system":
                    out.append(Actor(issuer, subject, label if "@" in label else "", label))
            return out

        return self._run(go)

    def transfer(self, key: str, to: Actor, *, actor: Actor = ADMIN_ACTOR) -> Scenario:
        """Give a scenario (live or deleted) to ``to``: the server's administrator hands scenarios saved before
        sign-in (owned by the local user) to the people who own them now. Audited as ``transfer``; a name ``to``
        already has is refused (NameTaken)."""

        def go(conn) -> Scenario:
            row = self._resolve(conn, key, None, "any", lock=True)
            if row.owner == to.key:
                return self._row(row)
            if row.deleted_at is None and self._name_taken(conn, to.key, row.name, but=row.id):
                raise NameTaken(Message("name.taken"))
            conn.execute(
                self.table.update().where(self.table.c.id == row.id).values(owner=to.key, owner_label=to.label)
            )
            summary = f"from {row.owner_label or row.owner} to {to.label}"
            self._audit(conn, actor, "transfer", row.id, row.name, summary)
            return self._by_id(conn, row.id)

        return self._run(go, write=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _looks_like_id(key: str) -> bool:
    return len(key) == 32 and all(ch in "0123456789abcdef" for ch in key)
