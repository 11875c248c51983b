"""Plain constants of the planning defaults that the interface needs before any planning runs (importing them
loads nothing heavy). The typed settings with every default are ``inventory.catalogue.CatalogueSettings``."""

from __future__ import annotations

PLAN_HORIZON_DAYS = 91  # how far ahead a plan's forecast reaches unless the user sets it
CLASS_LEVELS = {"A": 0.98, "B": 0.95, "C": 0.90}  # the service levels by ABC class the page suggests
POOL_DONORS = 6  # similar SKUs a SKU with few errors of its own borrows from
