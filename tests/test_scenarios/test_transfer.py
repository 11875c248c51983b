"""Handing scenarios saved before sign-in to their owners: ``ScenarioStore.transfer`` and
``python -m scenarios`` (people, transfer), on the audit trail."""

from __future__ import annotations

import pytest

from scenarios.__main__ import main
from scenarios.store import ADMIN_ACTOR, LOCAL_ACTOR, Actor, NameTaken, Scenario, ScenarioStore

ALICE = Actor("https://idp.example", "u-alice", "alice@shop.example", "Alice")


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'scenarios.db'}"


def test_the_administrator_gives_the_local_users_scenarios_to_their_owner(url, capsys):
    store = ScenarioStore(url)
    old = store.save(Scenario("Peak season", "d" * 16, {"portfolio": {"service_level": 0.97}}))
    gone = store.save(Scenario("Old idea", "d" * 16))
    store.delete(gone.id)
    store.save(Scenario("Alice's own", "d" * 16), actor=ALICE)  # puts Alice on the record

    assert main(["--url", url, "people"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert f"{ALICE.key}\talice@shop.example" in listed and f"{LOCAL_ACTOR.key}\tlocal user" in listed
    assert not any(line.startswith("system|") for line in listed)

    assert main(["--url", url, "transfer", "--from", LOCAL_ACTOR.key, "--to", ALICE.key]) == 0
    moved = store.get(old.id)
    assert (moved.owner, moved.owner_label, moved.created_by) == (ALICE.key, "alice@shop.example", "local user")
    assert store.get(gone.id, include_deleted=True).owner == ALICE.key  # the deleted one too: hers to restore
    assert store.can_change(moved, ALICE) and not store.can_change(moved, LOCAL_ACTOR)
    entries = [e for e in store.audit() if e.action == "transfer"]
    assert {e.scenario_name for e in entries} == {"Peak season", "Old idea"}
    assert {(e.actor, e.summary) for e in entries} == {(ADMIN_ACTOR.key, "from local user to alice@shop.example")}
    store.dispose()


def test_a_transfer_refuses_a_name_the_new_owner_has_and_an_unknown_person(url, capsys):
    store = ScenarioStore(url)
    local = store.save(Scenario("Plan", "d" * 16))
    store.save(Scenario("Plan", "d" * 16), actor=ALICE)
    with pytest.raises(NameTaken):
        store.transfer(local.id, ALICE)
    assert store.get(local.id).owner == LOCAL_ACTOR.key
    assert main(["--url", url, "transfer", "--scenario", local.id, "--to", "nobody|x"]) == 2
    assert "no one with the key 'nobody|x'" in capsys.readouterr().err
    assert main(["--url", url, "transfer", "--scenario", local.id, "--to", ALICE.key]) == 2
    assert "skipped" in capsys.readouterr().err
    store.dispose()
