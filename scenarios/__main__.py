"""The scenario store from the server's command line: who is on it, and handing scenarios to their owners.

    python -m scenarios people
    python -m scenarios transfer --from "local|local" --to "https://accounts.google.com|1234567890"
    python -m scenarios transfer --scenario 0f3a... --to "proxy|alice@shop.example"

Scenarios saved before sign-in was turned on belong to the local user, whom no one signs in as: no one can rename
or delete them. Once their owners have signed in (and saved or duplicated anything, which puts them on the record),
``people`` lists everyone by key, and ``transfer`` gives them their scenarios. Every transfer is on the audit trail,
by "administrator (command line)". The store is the app's: ``DATABASE_URL`` or ``REPLENISH_DATA_DIR``.
Exit codes: 0 done, 2 bad arguments or nothing to transfer, 3 the store cannot be used.
"""

from __future__ import annotations

import argparse
import sys

from scenarios.store import LOCAL_ACTOR, NameTaken, ScenarioNotFound, ScenarioStore, StoreError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("people", help="everyone who owns a scenario or is on the audit trail, with their key")
    give = sub.add_parser("transfer", help="give scenarios to someone (by the key `people` shows)")
    give.add_argument("--to", required=True, help="the new owner's key, as `people` shows it")
    which = give.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--from", dest="source", help=f"every scenario of this owner (the local user: {LOCAL_ACTOR.key})"
    )
    which.add_argument("--scenario", action="append", help="a scenario id (repeat for several)")
    parser.add_argument("--url", help="the store's SQLAlchemy URL (default: the app's)")
    args = parser.parse_args(argv)

    try:
        store = ScenarioStore(args.url)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    try:
        people = store.people()
        if args.command == "people":
            for person in people:
                print(f"{person.key}\t{person.label}")
            return 0
        target = next((p for p in people if p.key == args.to), None)
        if target is None:
            print(
                f"error: no one with the key {args.to!r} is on the store; run `python -m scenarios people`",
                file=sys.stderr,
            )
            return 2
        ids = args.scenario or [s.id for s in store.list(include_deleted=True) if s.owner == args.source]
        if not ids:
            print(f"error: {args.source!r} owns no scenario", file=sys.stderr)
            return 2
        failed = 0
        for sid in ids:
            try:
                moved = store.transfer(sid, target)
                print(f"{moved.id}\t{moved.name}\t→ {target.label}")
            except (NameTaken, ScenarioNotFound) as exc:
                print(f"skipped {sid}: {exc}", file=sys.stderr)
                failed += 1
        return 2 if failed else 0
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    finally:
        store.dispose()


if __name__ == "__main__":
    sys.exit(main())
