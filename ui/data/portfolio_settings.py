"""The Portfolio page's settings as one typed, frozen value, with every default taken from the domain's
``inventory.catalogue.CatalogueSettings`` (not a second copy of it).

The session, saved scenarios and shared links keep the plain ``as_dict()`` form (JSON); code reads the typed
value from ``PortfolioSettings.from_dict``, which fills keys an older scenario did not have and ignores keys it
does not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from inventory.catalogue import CLASS_LEVELS, PLAN_HORIZON_DAYS, CatalogueSettings
from inventory.portfolio import BulkRules

__all__ = ["DEFAULTS", "POLICIES", "UNCERTAINTY_METHODS", "Levels", "PortfolioSettings"]

_BASE = CatalogueSettings()
POLICIES = ("sQ", "sS", "RS")
UNCERTAINTY_METHODS = ("calibrated", "backtest", "intervals", "history")


class Levels(dict):
    """Service levels by class or category: a read-only dict (hashable, picklable, JSON-ready)."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("service levels are read-only: build new settings with from_dict or replace")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self):
        return (Levels, (dict(self),))


def _frozen(values: object) -> Levels:
    if not isinstance(values, Mapping):
        raise ValueError(f"expected service levels by name, got {values!r}")
    return Levels({str(k): float(v) for k, v in values.items()})  # type: ignore[arg-type]


def _bool(raw: object) -> bool:
    if isinstance(raw, str):
        if raw.strip().lower() in ("true", "1", "yes", "on"):
            return True
        if raw.strip().lower() in ("false", "0", "no", "off", ""):
            return False
        raise ValueError(f"not a yes/no value: {raw!r}")
    return bool(raw)


def _int(raw: object) -> int:
    value = float(raw)  # type: ignore[arg-type]
    if not value.is_integer():
        raise ValueError(f"not a whole number: {raw!r}")
    return int(value)


@dataclass(frozen=True)
class PortfolioSettings:
    """What-if and bulk rules of a catalogue plan (the Portfolio page's controls)."""

    service_level: float = _BASE.policy.service_level
    service_type: str = _BASE.policy.service_type
    policy: str = _BASE.policy.policy
    use_class_levels: bool = False
    class_levels: Mapping[str, float] = field(default_factory=lambda: _frozen(CLASS_LEVELS))
    category_levels: Mapping[str, float] = field(default_factory=lambda: _frozen({}))
    lead_time_delta: float = _BASE.rules.lead_time_delta_days
    holding_rate: float = _BASE.item.holding_rate
    order_cost: float = _BASE.item.order_cost
    stockout_cost: float = _BASE.item.stockout_cost
    unit_cost: float = _BASE.item.unit_cost
    lead_time_days: float = _BASE.item.lead_time_days
    paths: int = _BASE.paths
    window_days: int = _BASE.stockout_window_days
    horizon_days: int = PLAN_HORIZON_DAYS
    inactive_days: int = _BASE.inactive_days
    cover_days: int = int(_BASE.cover_days)
    seed: int = _BASE.seed
    uncertainty: str = _BASE.policy.uncertainty
    # The models the catalogue is planned with, chosen on the Portfolio page (not the Forecast page's last
    # choice): "auto" routes by demand class (Croston, SBA and TSB for intermittent and lumpy SKUs).
    models: tuple[str, ...] = ("auto",)

    @classmethod
    def from_dict(cls, values: Mapping[str, object] | None) -> PortfolioSettings:
        """Typed settings from their plain form; missing keys take the default, unknown keys are ignored.

        Raises
        ------
        ValueError
            A value of the wrong kind (a saved scenario or a link edited by hand), naming the setting.
        """
        values = dict(values or {})
        out: dict[str, object] = {}
        for f in fields(cls):
            if f.name not in values or values[f.name] is None:
                continue
            raw = values[f.name]
            try:
                if f.name in ("class_levels", "category_levels"):
                    out[f.name] = _frozen(raw)
                elif f.name == "models":
                    names = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
                    out[f.name] = tuple(str(m) for m in names) or ("auto",)
                elif f.type == "bool":
                    out[f.name] = _bool(raw)
                elif f.type == "float":
                    out[f.name] = float(raw)  # type: ignore[arg-type]
                elif f.type == "int":
                    out[f.name] = _int(raw)
                else:
                    out[f.name] = str(raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"the Portfolio setting {f.name!r} has an unusable value {raw!r}") from exc
        return cls(**out)

    def as_dict(self) -> dict[str, object]:
        """The plain form kept in the session, in scenarios and in links (JSON types only)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["class_levels"] = dict(self.class_levels)
        out["category_levels"] = dict(self.category_levels)
        out["models"] = list(self.models)
        return out

    def changed(self) -> dict[str, object]:
        """The settings that differ from the defaults (what a shared link carries)."""
        base = DEFAULTS
        return {k: v for k, v in self.as_dict().items() if base.get(k) != v}

    @property
    def rules_on(self) -> bool:
        """True when a bulk rule (class or category levels, a lead-time change) alters some SKU's plan."""
        return bool(self.use_class_levels or self.category_levels or self.lead_time_delta)

    def rules(self, use_rules: bool = True) -> BulkRules:
        """The bulk rules in the domain's form (none with ``use_rules=False``: the plan before the rules)."""
        if not use_rules:
            return BulkRules()
        return BulkRules(
            service_by_class=dict(self.class_levels) if self.use_class_levels else {},
            service_by_category=dict(self.category_levels),
            lead_time_delta_days=float(self.lead_time_delta),
        )

    def catalogue_settings(self, use_rules: bool = True) -> CatalogueSettings:
        """The domain's settings for ``inventory.catalogue.plan_catalogue``."""
        return replace(
            _BASE,
            policy=replace(
                _BASE.policy,
                policy=self.policy,
                service_type=self.service_type,
                service_level=self.service_level,
                uncertainty=self.uncertainty,
            ),
            item=replace(
                _BASE.item,
                lead_time_days=self.lead_time_days,
                unit_cost=self.unit_cost,
                holding_rate=self.holding_rate,
                order_cost=self.order_cost,
                stockout_cost=self.stockout_cost,
            ),
            rules=self.rules(use_rules),
            paths=self.paths,
            stockout_window_days=self.window_days,
            inactive_days=self.inactive_days,
            cover_days=float(self.cover_days),
            seed=self.seed,
        )


DEFAULTS: dict[str, object] = PortfolioSettings().as_dict()
"""The defaults in plain form (the keys a scenario or link may carry)."""
