"""The scenario store's messages: English templates keyed by stable codes (see ``salesdata.messages``)."""

from __future__ import annotations

from typing import ClassVar

from salesdata.messages import Message as _Message
from salesdata.messages import Template

__all__ = ["MESSAGES", "Message"]

MESSAGES: dict[str, Template] = {
    "name.not_text": "a scenario name must be text",
    "name.empty": "a scenario name cannot be empty",
    "name.too_long": "a scenario name has at most {limit} characters (this one has {n})",
    "name.taken": "a scenario with this name already exists; choose another name",
    "store.not_found": "no scenario '{key}'",
    "name.control": "a scenario name cannot contain line breaks or control characters",
    "store.where_db": "the scenario store",
    "store.where_file": "the scenario file {path}",
    "store.no_directory": "cannot create the data directory {path}: {detail}",
    "store.read_only": "{where} is read-only: scenarios cannot be saved; ask for write access",
    "store.disk_full": "{where}: the disk is full, nothing was saved; free some space and save again",
    "store.locked": "{where} is locked by another program; try again in a moment",
    "store.damaged": "{where} is damaged (not a readable database); move it aside to start a new one",
    "store.unopenable": "{where} cannot be opened: {detail}",
    "store.failed": "{where} failed: {detail}",
    "store.newer_schema": (
        "the scenario store was written by a newer Replenish (schema {found}, this one reads {supported}); "
        "upgrade the app"
    ),
    "store.not_owner": "'{name}' belongs to {owner}: only they can change it; duplicate it to make your own copy",
    "store.ambiguous": "the name '{name}' is ambiguous: {n} people have a scenario of that name; choose it by its id",
    "store.restore_expired": (
        "'{name}' was deleted more than {days} days ago and can no longer be restored; it will be removed"
    ),
    "store.restore_taken": "'{name}' cannot be restored: you have another scenario with this name; rename that one first",
}


class Message(_Message):
    """A scenario-store message: English text with its code and parameters."""

    catalogue: ClassVar[dict[str, Template]] = MESSAGES
