"""Widget groups. Persistent choices live under ``ui.state`` keys; widgets use their own ``w.`` keys and
write back, because Streamlit drops a widget's key on pages where the widget is not drawn."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from salesdata import ROLES, AmbiguousDateError, ColumnMapping, IngestOptions, RawTable, ReadOptions
from ui import state
from ui.cached import digest
from ui.i18n import fmt_date, msg, t
from ui.text import md

__all__ = [
    "SOURCES",
    "date_order_choice",
    "freq_picker",
    "mapping_form",
    "reading_form",
    "sku_picker",
    "source_picker",
    "upload_companion",
    "upload_sales",
]

SOURCES = ("demo:shop", "demo:uci", "upload")
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "parquet", "pq", "gz"]
ENCODINGS = [None, "utf-8", "utf-8-sig", "gb18030", "gbk", "cp1252", "latin-1", "utf-16", "big5", "shift_jis"]
DELIMITERS = [None, ",", "\t", ";", "|"]


TRANSLATED = "app.translated_widgets"  # keys of widgets whose option labels depend on the language
TRANSLATED_TABS = "app.translated_tabs"  # keyed st.tabs: {key: {label in the language drawn: catalogue key}}


def translated(key: str) -> str:
    """Register a widget whose option labels are translated; returns the key.

    The browser redraws such a widget without its selection when a language switch changes its labels, and
    sends the first option back. The language switch re-asserts the value of every registered widget
    (``keep_translated_choices``), so the choice survives.
    """
    st.session_state.setdefault(TRANSLATED, set()).add(key)
    return key


def translated_tabs(key: str, label_keys: list[str]) -> list[str]:
    """Labels of a keyed ``st.tabs`` in the session's language, registered so a language switch keeps the open
    tab (its state is the label itself, which the switch changes)."""
    labels = [t(k) for k in label_keys]
    st.session_state.setdefault(TRANSLATED_TABS, {})[key] = dict(zip(labels, label_keys, strict=True))
    return labels


def keep_translated_choices() -> None:
    """In the language switch's callback, after the language changed: set every registered widget to its
    current value through the Session State API, which makes the browser show that value with the new labels;
    a registered tab bar gets its open tab's label in the new language."""
    for key in st.session_state.get(TRANSLATED, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    for key, by_label in st.session_state.get(TRANSLATED_TABS, {}).items():
        if st.session_state.get(key) in by_label:
            st.session_state[key] = t(by_label[st.session_state[key]])


def _index(options: list | tuple, value: object) -> int:
    return list(options).index(value) if value in options else 0


def _take_source(choice: str) -> None:
    if choice != st.session_state[state.DATA_SOURCE]:
        st.session_state[state.DATA_SOURCE] = choice
        state.reset_dataset_choices()


def source_picker() -> str:
    """Demo or upload; a change forgets the previous dataset's mapping.

    The change is taken in the widget's callback, which runs before the script: the sidebar, drawn before
    the page, then already shows the newly chosen dataset.
    """
    current = st.session_state[state.DATA_SOURCE]
    key = translated("w.data.source")
    choice = st.radio(
        t("data.source"),
        SOURCES,
        index=_index(SOURCES, current),
        horizontal=True,
        format_func=lambda s: t(f"data.source.{s}"),
        key=key,
        on_change=lambda: _take_source(st.session_state[key]),
    )
    _take_source(choice)
    return choice


def _take_upload(file) -> None:
    if file is None:
        return
    data = file.getvalue()
    dig = digest(data)
    current: state.Upload | None = st.session_state[state.DATA_UPLOAD]
    if current is None or current.digest != dig:
        st.session_state[state.DATA_UPLOAD] = state.Upload(file.name, dig, data)
        state.reset_dataset_choices()


def upload_sales() -> None:
    """The sales-file uploader. A new file replaces the previous one and resets the mapping (in the callback,
    so the sidebar of the same run already shows the new file)."""
    file = st.file_uploader(
        t("data.upload_label"),
        type=UPLOAD_TYPES,
        help=t("data.upload_help"),
        key="w.data.upload",
        on_change=lambda: _take_upload(st.session_state.get("w.data.upload")),
    )
    _take_upload(file)


def upload_companion(key: str, label: str, help_text: str) -> None:
    """Uploader for the item master or the stock-out log, with a remove button."""
    file = st.file_uploader(label, type=UPLOAD_TYPES, help=help_text, key=f"w.{key}")
    if file is not None:
        data = file.getvalue()
        dig = digest(data)
        current: state.Upload | None = st.session_state[key]
        if current is None or current.digest != dig:
            st.session_state[key] = state.Upload(file.name, dig, data)
            st.rerun()


def freq_picker(report=None) -> str:
    """The time bucket. It opens on the file's own (a weekly file reads weekly); a coarser one is a choice, a
    finer one is refused with the reason (daily buckets would split each weekly total into empty days).

    ``report``: the loaded dataset's validation report, or None before a dataset loads.
    """
    from salesdata import FrequencyGuess, refuse_finer
    from salesdata.frequency import finer_than

    options = ("D", "W", "M")
    effective = report.freq if report is not None else (st.session_state[state.DATA_FREQ] or "D")
    key = translated("w.app.freq")
    # Until the user picks a bucket, the widget shows the one in use (the file's own).
    if key not in st.session_state or (
        st.session_state[state.DATA_FREQ] is None and st.session_state[key] != effective
    ):
        st.session_state[key] = effective

    def take() -> None:
        choice = st.session_state.get(key) or effective
        if report is not None and report.native_strong and finer_than(choice, report.native_freq):
            native = FrequencyGuess(report.native_freq, report.week_start, report.native_reason, 0, True)
            st.session_state[state.DATA_FREQ_REFUSED] = refuse_finer(report.source_name, choice, native)
            st.session_state[key] = effective
            return
        st.session_state[state.DATA_FREQ] = choice

    st.segmented_control(
        t("sidebar.freq"),
        options,
        format_func=lambda f: t(f"freq.{f}"),
        help=t("sidebar.freq_help"),
        key=key,
        on_change=take,
    )
    refused = st.session_state[state.DATA_FREQ_REFUSED]
    if refused is not None:
        st.warning(md(msg(refused)))
        st.session_state[state.DATA_FREQ_REFUSED] = None
    elif report is not None and report.freq == report.native_freq:
        st.caption(t("sidebar.freq_native"))
    return effective


def sku_picker(skus: list[str], names: dict[str, str]) -> str | None:
    """The cross-page SKU selector; keeps the choice when it still exists."""
    if not skus:
        return None
    current = st.session_state[state.SKU]
    if current not in skus:
        current = skus[0]
    choice = st.selectbox(
        t("sidebar.sku"),
        skus,
        index=skus.index(current),
        format_func=lambda s: f"{s} · {names[s]}" if names.get(s) else s,
        help=t("sidebar.sku_help"),
        key="w.app.sku",
    )
    st.session_state[state.SKU] = choice
    return choice


def reading_form(raw: RawTable | None, sheets: tuple[str, ...]) -> None:
    """Encoding, delimiter, sheet and header row; submitting reads the file again."""
    opts: ReadOptions = st.session_state[state.DATA_READ]
    with st.form("w.data.read_form", border=False):
        cols = st.columns(4)
        is_text = raw is None or raw.file_format == "csv"
        encoding = cols[0].selectbox(
            t("data.encoding"),
            ENCODINGS,
            index=_index(ENCODINGS, opts.encoding),
            format_func=lambda e: t("data.detect") if e is None else e,
            disabled=not is_text,
        )
        delimiter = cols[1].selectbox(
            t("data.delimiter"),
            DELIMITERS,
            index=_index(DELIMITERS, opts.delimiter),
            format_func=lambda d: t("data.detect") if d is None else t(f"data.delim.{d}"),
            disabled=not is_text,
        )
        sheet_options = [None, *sheets]
        sheet = cols[2].selectbox(
            t("data.sheet"),
            sheet_options,
            index=_index(sheet_options, opts.sheet),
            format_func=lambda s: (sheets[0] if sheets else t("data.detect")) if s is None else s,
            disabled=not sheets,
            key="w.data.read_sheet",
        )
        header = cols[3].number_input(
            t("data.header_row"),
            min_value=0,
            max_value=1000,
            step=1,
            value=opts.header_row if opts.header_row is not None else (raw.header_row if raw else 1),
            help=t("data.header_row_help"),
            disabled=raw is not None and raw.file_format == "parquet",
        )
        if st.form_submit_button(t("data.apply_reading")):
            detected = raw.header_row if raw is not None else None
            st.session_state[state.DATA_READ] = replace(
                opts,
                encoding=encoding,
                delimiter=delimiter,
                sheet=sheet,
                header_row=None
                if detected is not None and header == detected and opts.header_row is None
                else int(header),
            )
            st.session_state[state.DATA_MAPPING] = None
            st.rerun()


def mapping_form(
    columns: list[str],
    mapping: ColumnMapping,
    reasons: dict[str, str],
    ingest: IngestOptions,
    runner_up: dict[str, tuple[str, float]] | None = None,
    frame=None,
) -> None:
    """One selectbox per role plus the ingestion options; submitting rebuilds the panel.

    Each role's help says why its column was detected and which column came second.
    """
    runner_up = runner_up or {}
    options = [None, *columns]
    with st.form("w.data.mapping_form", border=False):
        st.caption(t("data.mapping_help"))
        chosen: dict[str, str | None] = {}
        grid = st.columns(4)
        for i, role in enumerate(ROLES):
            current = getattr(mapping, role)
            chosen[role] = grid[i % 4].selectbox(
                t(f"role.{role}"),
                options,
                index=_index(options, current),
                format_func=lambda c: t("data.not_mapped") if c is None else str(c),
                help=_role_help(role, reasons, runner_up),
                key=f"w.map.{role}",
            )
        row = st.columns(4)
        layouts = ("auto", "transactions", "totals", "wide", "wide_dates")
        layout = row[0].selectbox(
            t("data.layout"), layouts, index=_index(layouts, ingest.layout), format_func=lambda v: t(f"data.layout.{v}")
        )
        orders = (None, True, False)
        day_first = row[1].selectbox(
            t("data.day_first"),
            orders,
            index=_index(orders, ingest.day_first),
            format_func=lambda v: t(f"data.day_first.{'auto' if v is None else str(v).lower()}"),
        )
        returns = row[2].selectbox(
            t("data.returns"),
            ("net", "exclude"),
            index=_index(("net", "exclude"), ingest.returns),
            format_func=lambda v: t(f"data.returns.{v}"),
        )
        dups = ("auto", "keep", "drop")
        duplicates = row[3].selectbox(
            t("data.duplicates"),
            dups,
            index=_index(dups, ingest.duplicates),
            format_func=lambda v: t(f"data.duplicates.{v}"),
        )
        stores = st.radio(
            t("data.stores"),
            ("sum", "separate"),
            index=_index(("sum", "separate"), ingest.stores),
            format_func=lambda v: t(f"data.stores.{v}"),
            horizontal=True,
        )
        if st.form_submit_button(t("data.apply_mapping"), type="primary"):
            new = ColumnMapping(**chosen)
            updated = replace(
                ingest, layout=layout, day_first=day_first, returns=returns, duplicates=duplicates, stores=stores
            )
            columns_changed = any(getattr(new, r) != getattr(mapping, r) for r in ("sku", "quantity", "order_id"))
            if frame is not None and columns_changed:
                # Lines left out, sales written negative, rows counted as units: judged again for these columns.
                from salesdata import reading_flags

                updated = reading_flags(frame, new, layout).apply(updated)
            st.session_state[state.DATA_MAPPING] = new
            st.session_state[state.DATA_INGEST] = updated
            st.rerun()


def _role_help(role: str, reasons: dict[str, str], runner_up: dict[str, tuple[str, float]]) -> str | None:
    parts = []
    if reasons.get(role):
        parts.append(t("data.detected_by", reason=msg(reasons[role])))
    if role in runner_up:
        parts.append(t("data.runner_up", column=runner_up[role][0], score=f"{runner_up[role][1]:.2f}"))
    return " · ".join(parts) or None


def date_order_choice(error: AmbiguousDateError, ingest: IngestOptions, values=None) -> None:
    """Ask for the date order when the file does not settle it: the same cells read both ways, side by side,
    and the reading under which the dates fill the calendar marked as the likelier one."""
    import pandas as pd

    from salesdata.inspection import suggest_date_order
    from salesdata.parsing import both_readings

    likely = suggest_date_order(values, error.column)[0] if values is not None else None
    st.warning(md(msg(error)))
    readings = both_readings(error.examples[:5])
    st.dataframe(
        pd.DataFrame(
            {
                t("dates.col.cell"): [r[0] for r in readings],
                t("data.day_first.true"): [fmt_date(r[1]) if r[1] else "–" for r in readings],
                t("data.day_first.false"): [fmt_date(r[2]) if r[2] else "–" for r in readings],
            }
        ),
        hide_index=True,
    )
    if likely is not None:
        st.caption(t("dates.likely", order=t(f"data.day_first.{str(likely).lower()}")))
    cols = st.columns(2)
    for col, day_first in zip(cols, (True, False), strict=True):
        label = t(f"data.day_first.{str(day_first).lower()}")
        kind = "primary" if likely is day_first else "secondary"
        if col.button(label, key=f"w.data.dayfirst_{str(day_first).lower()}", width="stretch", type=kind):
            st.session_state[state.DATA_INGEST] = replace(ingest, day_first=day_first)
            st.rerun()


DEFAULT_HORIZON = {"D": 28, "W": 12, "M": 6}
LEVEL_CHOICES = (50, 80, 90, 95, 99)
METRIC_CHOICES = ("mase", "wape", "mae", "rmse", "smape")
COUNTRIES = (None, "CN", "US", "GB", "DE", "FR", "JP", "KR", "AU", "CA", "IN", "SG", "NL", "ES", "IT")


def default_models(demand_class: str | None) -> tuple[str, ...]:
    """The page's first selection: the models ``auto`` runs for this demand class (the same forecast as the
    batch), and Prophet beside them for comparison (the batch leaves it out for time)."""
    from forecasting.engine import auto_models

    models = list(auto_models(demand_class))
    models.insert(models.index("arima") + 1, "prophet")
    return tuple(models)


def planning_model_options() -> list[str]:
    """The choices of the Portfolio's model set: automatic, every model, the catalogue model and the ensemble."""
    from forecasting.global_model import GLOBAL
    from forecasting.models import REGISTRY

    return ["auto", *REGISTRY, GLOBAL, "ensemble"]


def forecast_controls(freq: str, demand_class: str | None):
    """Model picker, horizon, folds, levels, metric and advanced options; returns (config, run pressed)."""
    from forecasting.engine import ForecastConfig
    from forecasting.global_model import GLOBAL
    from forecasting.models import REGISTRY

    saved = st.session_state[state.FC_CONFIG]
    if saved is None or saved[0] != freq:
        stored = ForecastConfig(horizon=DEFAULT_HORIZON[freq], models=default_models(demand_class))
    else:
        stored = saved[1]
    options = [*REGISTRY, GLOBAL, "ensemble"]
    with st.container(border=True):
        top = st.columns([4, 1, 1, 2, 1])
        models = top[0].multiselect(
            t("fc.models"),
            options,
            default=[m for m in stored.models if m in options],
            format_func=lambda m: t(f"model.{m}"),
            help=t("fc.models_help"),
            placeholder=t("common.choose"),
            key=translated("w.fc.models"),
        )
        horizon = top[1].number_input(
            t("fc.horizon"),
            min_value=1,
            max_value={"D": 365, "W": 104, "M": 36}[freq],
            value=int(stored.horizon),
            step=1,
            help=t(f"fc.horizon_help.{freq}"),
            key=f"w.fc.horizon.{freq}",
        )
        folds = top[2].number_input(
            t("fc.folds"),
            min_value=1,
            max_value=12,
            value=int(stored.folds),
            step=1,
            help=t("fc.folds_help"),
            key="w.fc.folds",
        )
        levels = top[3].multiselect(
            t("fc.levels"),
            LEVEL_CHOICES,
            default=list(stored.levels),
            format_func=lambda v: f"{v}%",
            help=t("fc.levels_help"),
            placeholder=t("common.choose"),
            key="w.fc.levels",
        )
        metric = top[4].selectbox(
            t("fc.metric"),
            METRIC_CHOICES,
            index=METRIC_CHOICES.index(stored.metric),
            format_func=lambda m: t(f"metric.{m}"),
            help=t("fc.metric_help"),
            key=translated("w.fc.metric"),
        )
        with st.expander(t("fc.advanced")):
            cut = st.columns([1, 1])
            step = cut[0].number_input(
                t("fc.step"),
                min_value=0,
                max_value=365,
                value=int(stored.step or 0),
                step=1,
                help=t("fc.step_help"),
                key="w.fc.step",
            )
            refit = cut[1].toggle(t("fc.refit"), value=stored.refit, help=t("fc.refit_help"), key="w.fc.refit")
            adv = st.columns(4)
            country = adv[0].selectbox(
                t("fc.country"),
                COUNTRIES,
                index=_index(COUNTRIES, stored.country),
                format_func=lambda c: t("fc.country_none") if c is None else c,
                help=t("fc.country_help"),
                key="w.fc.country",
            )
            events = adv[1].toggle(t("fc.events"), value=stored.events, help=t("fc.events_help"), key="w.fc.events")
            drivers = adv[2].selectbox(
                t("fc.drivers"),
                ("last_known", "recorded"),
                index=0 if stored.drivers_in_backtest == "last_known" else 1,
                format_func=lambda d: t(f"fc.drivers.{d}"),
                help=t("fc.drivers_help"),
                key=translated("w.fc.drivers"),
            )
            tune = adv[3].toggle(t("fc.tune"), value=stored.tune, help=t("fc.tune_help"), key="w.fc.tune")
            budget = adv[3].slider(
                t("fc.tune_budget"),
                5,
                120,
                int(stored.tune_budget_s),
                step=5,
                disabled=not tune,
                key="w.fc.tune_budget",
            )
        run = st.button(t("fc.run"), type="primary", key="w.fc.run", disabled=not models or not levels)
    config = ForecastConfig(
        horizon=int(horizon),
        folds=int(folds),
        step=int(step) or None,
        levels=tuple(sorted(levels)) or (80,),
        models=tuple(models) or ("snaive",),
        metric=metric,
        country=country,
        events=events,
        drivers_in_backtest=drivers,
        tune=tune,
        tune_budget_s=float(budget),
        refit=bool(refit),
    )
    st.session_state[state.FC_CONFIG] = (freq, config)
    return config, run


SERVICE_LEVELS_PCT = (80.0, 99.9)


def holding_percent(value, fallback_fraction: float) -> float:
    """An item master's holding rate as a percentage a year (0.25 and 25 both mean 25%)."""
    from inventory.policy import holding_fraction

    return holding_fraction(value, fallback_fraction) * 100


def item_defaults(loaded, sku: str) -> dict:
    """The SKU's item-master row (the SKU or, for sku@store series, its base SKU); empty without one."""
    if loaded.items is None:
        return {}
    items = loaded.items.items
    for key in (sku, sku.split("@", 1)[0]):
        row = items[items["unique_id"] == key]
        if not row.empty:
            return {k: v for k, v in row.iloc[0].to_dict().items() if v == v and v is not None and v != ""}
    return {}


def replenishment_controls(sku: str, defaults: dict, models: list[str], best: str, start_date):
    """Live what-if controls. Widget keys carry the SKU, so each SKU keeps its own values.

    Returns ``(model, item, settings, simulation options)``.
    """
    from datetime import timedelta

    from inventory.policy import ItemParams, PolicySettings

    base = ItemParams()

    def d(name: str, fallback: float) -> float:
        value = defaults.get(name)
        return float(value) if value is not None else float(fallback)

    k = f"w.rp.{sku}"
    with st.container(border=True):
        top = st.columns([2, 2, 2, 2])
        lead = top[0].slider(
            t("rp.lead_time"),
            1,
            120,
            int(round(d("lead_time_days", base.lead_time_days))),
            help=t("rp.lead_time_help"),
            key=f"{k}.lead",
        )
        lead_sd = top[1].slider(
            t("rp.lead_time_sd"),
            0.0,
            30.0,
            float(d("lead_time_sd_days", 0.0)),
            step=0.5,
            help=t("rp.lead_time_sd_help"),
            key=f"{k}.lead_sd",
        )
        stype = top[2].radio(
            t("rp.service_type"),
            ("csl", "fill"),
            format_func=lambda v: t(f"rp.service_type.{v}"),
            help=t("rp.service_type_help"),
            horizontal=True,
            key=translated(f"{k}.stype"),
        )
        level_pct = top[3].slider(
            t("rp.service_level"),
            *SERVICE_LEVELS_PCT,
            min(SERVICE_LEVELS_PCT[1], max(SERVICE_LEVELS_PCT[0], round(d("service_level", 0.95) * 100, 1))),
            step=0.1,
            format="%.1f%%",
            help=t("rp.service_level_help"),
            key=f"{k}.level",
        )
        row = st.columns([2, 2, 2, 2])
        policy = row[0].radio(
            t("rp.policy"),
            ("sQ", "sS", "RS"),
            format_func=lambda v: t(f"rp.policy.{v}"),
            help=t("rp.policy_help"),
            key=translated(f"{k}.policy"),
        )
        review = row[1].number_input(
            t("rp.review_period"),
            1,
            90,
            int(round(d("review_period_days", 7))),
            help=t("rp.review_period_help"),
            disabled=policy != "RS",
            key=f"{k}.review",
        )
        model = row[2].selectbox(
            t("rp.model"),
            models,
            index=models.index(best) if best in models else 0,
            format_func=lambda m: t(f"model.{m}") + (" ★" if m == best else ""),
            help=t("rp.model_help"),
            key=translated(f"{k}.model"),
        )
        on_hand = row[3].number_input(
            t("rp.on_hand"),
            0.0,
            1e9,
            float(defaults["on_hand"]) if defaults.get("on_hand") is not None else None,
            step=1.0,
            placeholder=t("rp.on_hand_unknown"),
            help=t("rp.on_hand_help"),
            key=f"{k}.on_hand",
        )
        with st.expander(t("rp.more")):
            a = st.columns(4)
            unit_cost = a[0].number_input(
                t("rp.unit_cost"), 0.0, 1e7, d("unit_cost", base.unit_cost), step=0.5, key=f"{k}.unit_cost"
            )
            holding = a[1].number_input(
                t("rp.holding_rate"),
                0.0,
                200.0,
                holding_percent(defaults.get("holding_rate"), base.holding_rate),
                step=1.0,
                help=t("rp.holding_rate_help"),
                key=f"{k}.holding",
            )
            order_cost = a[2].number_input(
                t("rp.order_cost"),
                0.0,
                1e6,
                d("order_cost", base.order_cost),
                step=5.0,
                help=t("rp.order_cost_help"),
                key=f"{k}.order_cost",
            )
            stockout_cost = a[3].number_input(
                t("rp.stockout_cost"),
                0.0,
                1e6,
                base.stockout_cost,
                step=0.5,
                help=t("rp.stockout_cost_help"),
                key=f"{k}.stockout_cost",
            )
            b = st.columns(4)
            moq = b[0].number_input(t("rp.moq"), 0.0, 1e9, d("moq", 0.0), step=1.0, key=f"{k}.moq")
            pack = b[1].number_input(t("rp.pack"), 1.0, 1e6, max(1.0, d("pack_size", 1.0)), step=1.0, key=f"{k}.pack")
            max_order = b[2].number_input(
                t("rp.max_order"), 0.0, 1e9, 0.0, step=10.0, help=t("rp.max_order_help"), key=f"{k}.max_order"
            )
            fixed_q = b[3].number_input(
                t("rp.fixed_q"), 0.0, 1e9, 0.0, step=10.0, help=t("rp.fixed_q_help"), key=f"{k}.fixed_q"
            )
            q_row = st.columns(4)
            costs_given = q_row[0].toggle(
                t("rp.costs_given"),
                value="order_cost" in defaults or "holding_rate" in defaults,
                help=t("rp.costs_given_help"),
                key=f"{k}.costs_given",
            )
            cover_lo = q_row[1].number_input(
                t("rp.cover_min"), 1, 365, 7, step=1, disabled=costs_given, help=t("rp.cover_help"), key=f"{k}.cover_lo"
            )
            cover_hi = q_row[2].number_input(
                t("rp.cover_max"),
                int(cover_lo),
                730,
                max(int(cover_lo), 91),
                step=1,
                disabled=costs_given,
                help=t("rp.cover_help"),
                key=f"{k}.cover_hi",
            )
            c = st.columns(4)
            on_order = c[0].number_input(t("rp.on_order"), 0.0, 1e9, d("on_order", 0.0), step=1.0, key=f"{k}.on_order")
            arrival = c[1].date_input(
                t("rp.on_order_arrival"),
                value=start_date + timedelta(days=max(1, lead // 2)),
                help=t("rp.on_order_arrival_help"),
                key=f"{k}.arrival",
            )
            backorders = c[2].toggle(
                t("rp.backorders"), value=False, help=t("rp.backorders_help"), key=f"{k}.backorders"
            )
            uncertainty = c[3].selectbox(
                t("rp.uncertainty"),
                ("calibrated", "backtest", "intervals", "history"),
                format_func=lambda v: t(f"rp.uncertainty.{v}"),
                help=t("rp.uncertainty_help"),
                key=translated(f"{k}.uncertainty"),
            )
            e = st.columns(4)
            distribution = e[0].selectbox(
                t("rp.distribution"),
                ("normal", "gamma", "empirical"),
                format_func=lambda v: t(f"rp.distribution.{v}"),
                help=t("rp.distribution_help"),
                key=translated(f"{k}.distribution"),
            )
            demand_model = e[1].selectbox(
                t("rp.sim_demand"),
                ("bootstrap", "normal", "gamma"),
                format_func=lambda v: t(f"rp.sim_demand.{v}"),
                help=t("rp.sim_demand_help"),
                key=translated(f"{k}.sim_demand"),
            )
            paths = e[2].number_input(t("rp.paths"), 100, 20_000, 1000, step=100, key=f"{k}.paths")
            seed = e[3].number_input(t("rp.seed"), 0, 1_000_000, 0, step=1, help=t("rp.seed_help"), key=f"{k}.seed")
    item = ItemParams(
        lead_time_days=float(lead),
        lead_time_sd_days=float(lead_sd),
        review_period_days=float(review),
        unit_cost=float(unit_cost),
        holding_rate=float(holding) / 100,
        order_cost=float(order_cost),
        stockout_cost=float(stockout_cost),
        moq=float(moq),
        pack_size=float(pack),
        max_order=float(max_order) or None,
        on_hand=float(on_hand or 0.0),
        open_orders=((arrival, float(on_order)),) if on_order > 0 else (),
        costs_given=bool(costs_given),
        on_hand_given=on_hand is not None,
    )
    settings = PolicySettings(
        cover_days=(float(cover_lo), float(cover_hi)),
        policy=policy,
        service_type=stype,
        service_level=round(level_pct / 100, 4),
        order_quantity=float(fixed_q) or None,
        uncertainty=uncertainty,
        distribution=distribution,
        backorders=backorders,
    )
    return model, item, settings, {"paths": int(paths), "seed": int(seed), "demand_model": demand_model}


def lifecycle_controls() -> tuple[int, int]:
    """Days without sales after which an item is ending, and the days of cover above which stock is excess."""
    with st.expander(t("plan.rules_title")):
        left, right = st.columns(2)
        inactive = left.number_input(
            t("plan.inactive_days"),
            0,
            3650,
            int(st.session_state[state.RP_INACTIVE_DAYS]),
            step=15,
            help=t("plan.inactive_days_help"),
            key="w.rp.inactive_days",
        )
        cover = right.number_input(
            t("plan.cover_days"),
            7,
            3650,
            int(st.session_state[state.RP_COVER_DAYS]),
            step=15,
            help=t("plan.cover_days_help"),
            key="w.rp.cover_days",
        )
    st.session_state[state.RP_INACTIVE_DAYS] = int(inactive)
    st.session_state[state.RP_COVER_DAYS] = int(cover)
    return int(inactive), int(cover)
