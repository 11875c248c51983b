"""Five browser sessions at once, each with its own upload: none sees another's data, SKU list or unsaved
what-if, and every one gets its answer (response times are measured by benchmarks/bench_sessions.py)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot, wait_idle
from tests.e2e.sessions import close_all, make_uploads, open_all, upload_all

pytestmark = pytest.mark.e2e


def test_five_concurrent_sessions_stay_isolated(browser, server_url, tmp_path):
    sessions = make_uploads(tmp_path, 5)
    try:
        open_all(browser, server_url, sessions)
        upload_all(sessions)
        prefixes = [s.prefix for s in sessions]
        for s in sessions:
            picked = s.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first
            assert picked.get_attribute("value").startswith(s.prefix)
            # The SKU list holds this session's SKUs only.
            picked.click()
            options = s.page.get_by_role("option").all_inner_texts()
            s.page.keyboard.press("Escape")
            assert len(options) == s.n_skus and all(o.startswith(s.prefix) for o in options), options
            text = s.page.locator("body").inner_text()
            assert not any(p in text for p in prefixes if p != s.prefix)
        # An unsaved what-if in one session does not leak into another.
        first, second = sessions[0].page, sessions[1].page
        for page in (first, second):
            page.locator('[data-testid="stSidebarNav"]').get_by_text("Portfolio").click()  # same session
            page.wait_for_selector("text=SKUs selected", timeout=120_000)
        assert "2 SKUs selected" in first.locator("body").inner_text()  # still session 1's own upload
        assert "3 SKUs selected" in second.locator("body").inner_text()
        first.get_by_text("Bulk parameters").click()
        box = first.get_by_role("spinbutton", name="Lead time change (days)")
        box.fill("12")
        box.press("Enter")
        wait_idle(first)
        second.get_by_text("Bulk parameters").click()
        assert second.get_by_role("spinbutton", name="Lead time change (days)").input_value() == "0.00"
        assert first.get_by_role("spinbutton", name="Lead time change (days)").input_value() == "12.00"
        assert all(s.page.locator('[data-testid="stException"]').count() == 0 for s in sessions)
        shot(sessions[-1].page, "five_sessions_last")
    finally:
        close_all(sessions)
