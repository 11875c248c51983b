"""ui.data.portfolio_settings.PortfolioSettings: the Portfolio's settings, typed and frozen, read from what the
session, a saved scenario or a shared link keeps (plain JSON), with the domain's defaults."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace

import pytest

from inventory.catalogue import CatalogueSettings
from ui.data.portfolio_settings import DEFAULTS, PortfolioSettings


def test_defaults_are_the_domains_and_round_trip_through_json():
    base, pf = CatalogueSettings(), PortfolioSettings()
    assert (pf.service_level, pf.lead_time_days, pf.paths, pf.seed) == (
        base.policy.service_level,
        base.item.lead_time_days,
        base.paths,
        base.seed,
    )
    assert PortfolioSettings.from_dict(json.loads(json.dumps(pf.as_dict()))) == pf
    assert pf.as_dict() == DEFAULTS and pf.changed() == {}


def test_an_older_scenario_gets_defaults_for_what_it_lacks_and_loses_what_is_no_longer_known():
    pf = PortfolioSettings.from_dict({"service_level": 0.9, "retired_setting": 3})
    assert pf.service_level == 0.9 and pf.models == ("auto",) and pf.paths == PortfolioSettings().paths
    assert pf.changed() == {"service_level": 0.9}


def test_values_are_typed_and_a_value_of_the_wrong_kind_names_its_setting():
    pf = PortfolioSettings.from_dict(
        {"paths": "200.0", "use_class_levels": "false", "models": "ets", "class_levels": {"A": "0.99"}}
    )
    assert (pf.paths, pf.use_class_levels, pf.models, dict(pf.class_levels)) == (200, False, ("ets",), {"A": 0.99})
    for bad in ({"paths": {}}, {"paths": 199.5}, {"class_levels": [0.9]}, {"use_class_levels": "maybe"}):
        with pytest.raises(ValueError, match=repr(next(iter(bad)))):
            PortfolioSettings.from_dict(bad)


def test_settings_are_frozen_hashable_and_picklable():
    pf = PortfolioSettings.from_dict({"category_levels": {"Toys": 0.97}})
    with pytest.raises(TypeError):
        pf.category_levels["Toys"] = 0.5  # type: ignore[index]
    assert hash(pf) == hash(PortfolioSettings.from_dict(pf.as_dict()))
    assert pickle.loads(pickle.dumps(pf)) == pf
    assert replace(pf, paths=50).paths == 50 and pf.paths == PortfolioSettings().paths


def test_bulk_rules_and_the_domains_settings_follow_the_page_settings():
    pf = PortfolioSettings.from_dict(
        {"use_class_levels": True, "class_levels": {"A": 0.99}, "lead_time_delta": 3, "service_level": 0.9}
    )
    assert pf.rules_on and not PortfolioSettings().rules_on
    assert pf.rules().service_by_class == {"A": 0.99} and pf.rules(use_rules=False).service_by_class == {}
    domain = pf.catalogue_settings()
    assert domain.policy.service_level == 0.9 and domain.rules.lead_time_delta_days == 3.0
    assert pf.catalogue_settings(use_rules=False).rules.lead_time_delta_days == 0.0
