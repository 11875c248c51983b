"""Keep the translation catalogues in step with the code.

    python scripts/sync_catalogues.py          # rewrite ui/locale/en from the domain packages, list gaps
    python scripts/sync_catalogues.py --check  # exit 1 if anything is out of step (what the tests check)

The English texts of rejection reasons, warnings, coded messages and export labels are written in the domain
packages (the command line prints them without the ui). This copies them into the English catalogue as
``reason.<code>``, ``warning.<code>``, ``msg.<code>`` and ``export.<label>``, keeping the entries' order, and lists
the keys the Chinese catalogue lacks or no longer needs. Add or fix Chinese texts in
``ui/locale/zh_CN/LC_MESSAGES/replenish.po`` by hand, with the terms of ``docs/glossary.zh-CN.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesdata.messages import Counted
from ui.core.catalogues import COUNT_COMMENT, read_catalogue, write_catalogue


def domain_texts() -> dict[str, str | Counted]:
    """Every English text the domain packages own, under its catalogue key; a counted text as its forms (one, many)
    and the parameter that counts."""
    from forecasting.messages import MESSAGES as FORECASTING
    from inventory.messages import MESSAGES as INVENTORY
    from salesdata import REASONS, WARNINGS
    from salesdata.messages import MESSAGES as SALESDATA
    from scenarios.exports import LABELS
    from scenarios.messages import MESSAGES as SCENARIOS

    out: dict[str, str | Counted] = {f"reason.{code}": text for code, text in REASONS.items()}
    out |= {f"warning.{code}": text for code, text in WARNINGS.items()}
    for catalogue in (SALESDATA, FORECASTING, INVENTORY, SCENARIOS):
        for code, text in catalogue.items():
            if f"msg.{code}" in out:
                raise SystemExit(f"message code {code} is defined twice")
            out[f"msg.{code}"] = text
    out |= {f"export.{key}": text for key, text in LABELS.items()}
    return out


DOMAIN_PREFIXES = ("reason.", "warning.", "msg.", "export.")


def _key(message) -> str:
    return message.id[0] if message.pluralizable else message.id


def english_changes(catalog, texts: dict[str, str]) -> list[str]:
    """What the English catalogue must change to match the domain packages (applied to ``catalog``)."""
    changes = []
    present = {_key(m): m for m in catalog if m.id}
    for key, message in present.items():
        if key.startswith(DOMAIN_PREFIXES) and key not in texts:
            changes.append(f"remove {key}")
            del catalog[message.id]
    for key, text in texts.items():
        message = present.get(key)
        flags = ["python-brace-format"] if "{" in str(text) else []
        counted = isinstance(text, Counted)
        forms = (text.one, text.many) if isinstance(text, Counted) else text
        comments = [f"{COUNT_COMMENT}{text.by}"] if isinstance(text, Counted) and text.by != "n" else []
        if message is not None and message.pluralizable != counted:
            changes.append(f"{'count' if counted else 'uncount'} {key}")
            del catalog[message.id]
            message = None
        if message is None:
            changes.append(f"add {key}")
            catalog.add((key, key) if counted else key, forms, flags=flags, auto_comments=comments)
            continue
        if (tuple(message.string) if counted else message.string) != forms:
            changes.append(f"update {key}")
            message.string = forms
        if counted and [c for c in message.auto_comments if c.startswith(COUNT_COMMENT)] != comments:
            changes.append(f"count {key} by {text.by}")
            message.auto_comments = [c for c in message.auto_comments if not c.startswith(COUNT_COMMENT)] + comments
    return changes


def chinese_gaps(english, chinese) -> list[str]:
    """Keys the Chinese catalogue lacks (or leaves empty) and keys it has that English does not."""
    en = {_key(m): m for m in english if m.id}
    zh = {_key(m): m for m in chinese if m.id}
    gaps = [f"untranslated {k}" for k in en if k not in zh or not any(_forms(zh[k]))]
    gaps += [f"plural form differs {k}" for k in en if k in zh and en[k].pluralizable != zh[k].pluralizable]
    gaps += [f"unknown {k}" for k in zh if k not in en]
    return gaps


def _forms(message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of step")
    args = parser.parse_args(argv)
    english = read_catalogue("en")
    changes = english_changes(english, domain_texts())
    gaps = chinese_gaps(english, read_catalogue("zh"))
    for line in changes + gaps:
        print(line)
    if args.check:
        return 1 if changes or gaps else 0
    if changes:
        write_catalogue(english, "en")
    print(f"English: {len(changes)} change(s) written; Chinese: {len(gaps)} gap(s) to fill by hand.")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
