"""The scenario store: named what-if scenarios in SQLite (default) or PostgreSQL (``DATABASE_URL``).

SQLAlchemy Core, no migrations: the schema is created when missing and its version is recorded in
``schema_version``. Every statement is parameterised. SQLite runs in WAL mode with a busy timeout, so two
processes writing at once wait for each other instead of failing; names are unique in the database, so two
writers choosing the same name get one scenario and one clear error, never a silent overwrite.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scenarios.messages import Message

__all__ = [
    "SCHEMA_VERSION",
    "NameTaken",
    "Scenario",
    "ScenarioNotFound",
    "ScenarioStore",
    "StoreError",
    "default_url",
    "validate_name",
]

SCHEMA_VERSION = 1
MAX_NAME = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class StoreError(RuntimeError):
    """The store cannot be used (missing, locked, read-only, corrupt, newer schema); the message says what to do."""


class NameTaken(StoreError):
    """Another scenario already has this name."""


class ScenarioNotFound(StoreError):
    """No scenario with this id or name."""


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
    """

    name: str
    dataset: str
    params: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    id: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class ScenarioStore:
    """Save, list, load, rename, duplicate and delete scenarios.

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
                cur = conn.cursor()
                cur.execute(f"PRAGMA busy_timeout = {busy_ms:d}")
                # A read-only file cannot switch mode; reads still work.
                with contextlib.suppress(Exception):
                    cur.execute("PRAGMA journal_mode = WAL")
                cur.close()
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        meta = MetaData()
        self.versions = Table(
            "replenish_schema_version",
            meta,
            Column("version", Integer, primary_key=True),
            Column("applied_at", DateTime(timezone=True), nullable=False),
        )
        self.table = Table(
            "replenish_scenarios",
            meta,
            Column("id", String(32), primary_key=True),
            Column("name", String(MAX_NAME * 4), nullable=False, unique=True),
            Column("dataset", String(64), nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("updated_at", DateTime(timezone=True), nullable=False),
            Column("params", Text, nullable=False),
            Column("summary", Text, nullable=False),
        )
        self.meta = meta
        self._init_schema()

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

    def _init_schema(self) -> None:
        from sqlalchemy import func, select
        from sqlalchemy.exc import IntegrityError, SQLAlchemyError

        try:
            self.meta.create_all(self.engine, checkfirst=True)
            with self.engine.begin() as conn:
                found = conn.execute(select(func.max(self.versions.c.version))).scalar()
                if found is None:
                    with contextlib.suppress(IntegrityError):  # another process may record it first
                        conn.execute(self.versions.insert().values(version=SCHEMA_VERSION, applied_at=_now()))
                elif found > SCHEMA_VERSION:
                    raise StoreError(Message("store.newer_schema", found=found, supported=SCHEMA_VERSION))
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            raise self._wrap(exc) from exc

    def schema_version(self) -> int:
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(self.versions.c.version))).scalar() or 0)

    @staticmethod
    def _row(row) -> Scenario:
        def aware(value):
            if value is not None and value.tzinfo is None:
                return value.replace(tzinfo=UTC)
            return value

        return Scenario(
            name=row.name,
            dataset=row.dataset,
            params=json.loads(row.params),
            summary=json.loads(row.summary),
            id=row.id,
            created_at=aware(row.created_at),
            updated_at=aware(row.updated_at),
        )

    def _run(self, fn):
        from sqlalchemy.exc import IntegrityError, SQLAlchemyError

        try:
            with self.engine.begin() as conn:
                return fn(conn)
        except IntegrityError as exc:
            raise NameTaken(Message("name.taken")) from exc
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            raise self._wrap(exc) from exc

    # -- API ----------------------------------------------------------------------------------------------
    def save(self, scenario: Scenario, *, overwrite: bool = False) -> Scenario:
        """Insert a scenario (or replace the one with the same name when ``overwrite``); returns it with its id."""
        from sqlalchemy import select

        name = validate_name(scenario.name)
        params = json.dumps(scenario.params, sort_keys=True, default=str)
        summary = json.dumps(scenario.summary, sort_keys=True, default=str)
        now = _now()

        def go(conn):
            existing = conn.execute(select(self.table.c.id, self.table.c.created_at).where(self.table.c.name == name))
            row = existing.first()
            if row is not None and overwrite:
                conn.execute(
                    self.table.update()
                    .where(self.table.c.id == row.id)
                    .values(dataset=scenario.dataset, params=params, summary=summary, updated_at=now)
                )
                return row.id, row.created_at
            new_id = uuid.uuid4().hex
            conn.execute(
                self.table.insert().values(
                    id=new_id,
                    name=name,
                    dataset=scenario.dataset,
                    created_at=now,
                    updated_at=now,
                    params=params,
                    summary=summary,
                )
            )
            return new_id, now

        sid, created = self._run(go)
        return Scenario(name, scenario.dataset, scenario.params, scenario.summary, sid, created, now)

    def list(self, dataset: str | None = None) -> list[Scenario]:
        """All scenarios (or those of one dataset), most recently updated first."""
        from sqlalchemy import select

        query = select(self.table).order_by(self.table.c.updated_at.desc(), self.table.c.name)
        if dataset is not None:
            query = query.where(self.table.c.dataset == dataset)
        return self._run(lambda conn: [self._row(r) for r in conn.execute(query)])

    def get(self, key: str) -> Scenario:
        """A scenario by id or name."""
        from sqlalchemy import or_, select

        query = select(self.table).where(or_(self.table.c.id == key, self.table.c.name == key))
        row = self._run(lambda conn: conn.execute(query).first())
        if row is None:
            raise ScenarioNotFound(Message("store.not_found", key=key))
        return self._row(row)

    def rename(self, key: str, new_name: str) -> Scenario:
        name = validate_name(new_name)
        current = self.get(key)

        def go(conn):
            conn.execute(self.table.update().where(self.table.c.id == current.id).values(name=name, updated_at=_now()))

        self._run(go)
        return self.get(current.id)

    def duplicate(self, key: str, new_name: str) -> Scenario:
        current = self.get(key)
        return self.save(Scenario(new_name, current.dataset, current.params, current.summary))

    def delete(self, key: str) -> None:
        current = self.get(key)
        self._run(lambda conn: conn.execute(self.table.delete().where(self.table.c.id == current.id)))

    def dispose(self) -> None:
        self.engine.dispose()
