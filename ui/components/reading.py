"""How the file was read: doubts to answer, the reading summary and the choices that change it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from salesdata import Proposal, SalesDataError
from ui.core import state
from ui.core.i18n import fmt_date, fmt_int, msg, t
from ui.core.text import md
from ui.data import cached
from ui.data.cached import Loaded
from ui.data.planning import loaded_names

__all__ = [
    "DATA_PAGE",
    "SkuPage",
    "cancelled_choice",
    "date_evidence_frame",
    "doubts_box",
    "layout_reason",
    "nonmerch_choice",
    "reading_key",
    "reading_line",
    "reading_summary",
    "reading_unanswered",
    "require_answered_reading",
    "sku_page",
]

DATA_PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "data.py"


def reading_unanswered(loaded: Loaded) -> tuple[str, ...]:
    """The doubts about this reading that the user has not answered yet (none once they confirmed it or chose
    the mapping themselves)."""
    if (
        st.session_state[state.DATA_MAPPING] is not None
        or reading_key(loaded) in st.session_state[state.DATA_READING_OK]
    ):
        return ()
    return cached.doubts(loaded)


def reading_key(loaded: Loaded) -> str:
    """What an answer to the reading's questions is about: the file, how it is read and mapped; not the time
    bucket or the companion files, so changing those keeps the answer."""
    import hashlib
    import json
    from dataclasses import asdict

    spec = loaded.spec
    payload = json.dumps(
        [spec.digest, asdict(spec.read), asdict(loaded.mapping), asdict(spec.ingest) if spec.ingest else None],
        default=str,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def doubts_box(doubts: tuple[str, ...], loaded: Loaded) -> None:
    """The questions the Data page asks before anything is forecast, with the button that answers them."""
    with st.container(border=True):
        st.warning(t("doubts.title"), icon=":material/help:")
        st.markdown("\n".join(f"- {md(msg(d))}" for d in doubts))
        st.caption(t("doubts.hint"))
        if st.button(t("doubts.confirm"), type="primary", key="w.data.confirm_reading"):
            st.session_state[state.DATA_READING_OK] = st.session_state[state.DATA_READING_OK] | {reading_key(loaded)}
            st.rerun()


def require_answered_reading(loaded: Loaded) -> None:
    """On the forecast pages: stop with a pointer to the Data page while its questions are open."""
    open_doubts = reading_unanswered(loaded)
    if not open_doubts:
        return
    st.warning(t("doubts.gate"), icon=":material/help:")
    st.markdown("\n".join(f"- {md(msg(d))}" for d in open_doubts))
    if st.button(t("doubts.go_data"), type="primary", key="w.gate.go_data"):
        st.switch_page(str(DATA_PAGE))
    st.stop()


@dataclass(frozen=True)
class SkuPage:
    """What a per-SKU page (Forecast, Replenishment) starts from: the dataset, the session's SKU, its profile
    row, the product names and the time bucket."""

    loaded: Loaded
    sku: str
    row: pd.Series
    names: dict[str, str]
    freq: str


def sku_page() -> SkuPage:
    """The dataset and the SKU for a per-SKU page; stops the page with a message when there are no data yet,
    the reading has open questions (``require_answered_reading``) or no SKU is chosen."""
    try:
        loaded = cached.load_current()
    except (LookupError, SalesDataError):
        st.info(t("fc.no_data"))
        st.stop()
    require_answered_reading(loaded)
    dataset = loaded.dataset
    sku = st.session_state[state.SKU]
    profile = dataset.profile.set_index("unique_id")
    if sku is None or sku not in profile.index:
        st.info(t("overview.pick_sku"))
        st.stop()
    return SkuPage(loaded, sku, profile.loc[sku], loaded_names(loaded), dataset.report.freq)


def layout_reason(loaded: Loaded) -> str:
    """Why the layout is what it is: the detection's evidence when the detected layout is the one in use."""
    report = loaded.dataset.report
    if report.layout == loaded.guess.detection.layout and loaded.spec.ingest == loaded.guess.ingest:
        return loaded.guess.detection.layout_reason
    return report.layout_reason


def reading_line(loaded: Loaded) -> None:
    """One sentence under the upload: how the file was read, so a misreading shows without opening anything."""
    report = loaded.dataset.report
    mapping = loaded.mapping
    if report.layout in ("wide", "wide_dates"):
        key = t("reading.key_wide")
    elif mapping.sku and mapping.store and loaded.spec.ingest is not None and loaded.spec.ingest.stores == "separate":
        key = f"{mapping.sku}@{mapping.store}"
    else:
        key = mapping.sku or "–"
    bucket = t(f"freq.{report.freq}").lower()
    if report.week_label:
        bucket += " " + t("reading.week_start", day=t(f"weekday.{report.week_label}"))
    st.caption(
        t(
            "reading.line",
            layout=t(f"data.layout.{report.layout}").lower(),
            n=fmt_int(report.n_skus),
            series=key,
            bucket=bucket,
        )
    )


def reading_summary(loaded: Loaded, proposal: Proposal) -> None:
    """How the file was read: layout and series key, time bucket, date formats, notes, lines left out."""
    report = loaded.dataset.report
    mapping = loaded.mapping
    lines = [t("reading.layout", layout=t(f"data.layout.{report.layout}"), reason=msg(layout_reason(loaded)))]
    if mapping.sku and mapping.store and loaded.spec.ingest and loaded.spec.ingest.stores == "separate":
        lines.append(t("reading.key_composite", sku=mapping.sku, store=mapping.store))
    bucket = t(f"freq.{report.native_freq}").lower()
    if report.week_label:
        bucket += " " + t("reading.week_start", day=t(f"weekday.{report.week_label}"))
    lines.append(t("reading.bucket", bucket=bucket, reason=msg(report.native_reason)))
    for note in proposal.notes:
        lines.append(msg(note))
    st.markdown("\n".join(f"- {md(x)}" for x in lines))
    if mapping.sku and mapping.store and loaded.spec.ingest is not None:
        ingest = loaded.spec.ingest
        other = "sum" if ingest.stores == "separate" else "separate"
        if st.button(t(f"reading.stores_to.{other}", store=mapping.store), key="w.data.toggle_stores"):
            st.session_state[state.DATA_INGEST] = replace(ingest, stores=other)
            st.rerun()
    if report.date_evidence:
        st.markdown(f"**{t('reading.dates_title')}**")
        st.dataframe(date_evidence_frame(report.date_evidence), hide_index=True, placeholder="–")
    if proposal.non_merchandise:
        nonmerch_choice(loaded, proposal)
    if proposal.cancelled is not None:
        cancelled_choice(loaded, proposal)


def cancelled_choice(loaded: Loaded, proposal: Proposal) -> None:
    """Lines of cancelled, voided or refunded orders, found by the order status, with the choice to keep them."""
    ingest = loaded.spec.ingest or proposal.ingest
    found = proposal.cancelled
    st.markdown(f"**{t('reading.cancelled_title')}**")
    st.caption(
        t(
            "reading.cancelled_found",
            column=md(found.column),
            values=md(", ".join(found.values)),
            n=fmt_int(found.rows),
        )
    )
    excluded = bool(ingest.excluded_status)
    keep_out = st.checkbox(
        t("reading.cancelled_exclude"), value=excluded, key=f"w.data.cancelled_exclude.{loaded.spec.digest}"
    )
    if keep_out != excluded:
        st.session_state[state.DATA_INGEST] = replace(
            ingest,
            status_column=found.column if keep_out else None,
            excluded_status=found.values if keep_out else (),
        )
        st.rerun()


def date_evidence_frame(evidence) -> pd.DataFrame:
    """One row per date format found: format, cells, examples as written and as read, how the order was settled."""
    return pd.DataFrame(
        {
            t("reading.col.format"): [e.format for e in evidence],
            t("reading.col.rows"): [e.rows for e in evidence],
            t("reading.col.examples"): [
                "; ".join(f"{raw} → {fmt_date(read)}" for raw, read in e.examples) for e in evidence
            ],
            t("reading.col.settled"): [t(f"reading.settled.{e.settled_by}") for e in evidence],
        }
    )


def nonmerch_choice(loaded: Loaded, proposal: Proposal) -> None:
    """The lines recognised as postage, fees or discounts, listed, with the choice to keep them."""
    ingest = loaded.spec.ingest or proposal.ingest
    found = proposal.non_merchandise
    st.markdown(f"**{t('reading.nonmerch_title', n=len(found))}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("reading.col.code"): [n.code for n in found],
                t("reading.col.description"): [n.description for n in found],
                t("reading.col.kind"): [t(f"nonmerch.{n.kind.replace(' ', '_')}") for n in found],
                t("reading.col.rows"): [n.rows for n in found],
            }
        ),
        hide_index=True,
        placeholder="–",
    )
    excluded = bool(ingest.exclude_skus)
    # Keyed by the file: a choice made for one file does not carry over to the next upload.
    keep_out = st.checkbox(
        t("reading.nonmerch_exclude"), value=excluded, key=f"w.data.nonmerch_exclude.{loaded.spec.digest}"
    )
    if keep_out != excluded:
        codes = tuple(n.code for n in found) if keep_out else ()
        st.session_state[state.DATA_INGEST] = replace(ingest, exclude_skus=codes)
        st.rerun()
