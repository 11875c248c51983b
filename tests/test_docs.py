"""Every command the documentation shows is run here or covered by CI, and every relative link in it resolves.

The fenced ```bash, ```sh and ```console blocks of README.md, README.zh-CN.md, CONTRIBUTING.md and docs/**/*.md are
split into commands (continuation lines joined; ``&&``, ``;`` and ``|`` separate commands; ``#`` starts a comment;
in ```console blocks only the lines after ``$ `` count). Each command must be one of:

- **ours**, ``python -m salesdata inspect``, ``python -m forecasting run`` or ``python -m inventory plan``. It runs for
  real, in a scratch folder that holds ``sample_data/``, when it asks for ``--help`` or every file it names is
  under ``sample_data/`` or was written by an earlier command of the same block (keep such examples to a few SKUs
  and cheap models: the whole test should stay under a minute). Otherwise (``sales.csv``, ``items.csv``: placeholders) the subcommand's
  ``--help`` runs, and every option the example uses must appear in it, so a renamed option fails here.
- **covered by CI**: a command in ``ALLOWED`` below, with the reason CI covers it and the evidence (a file that
  must contain a string, checked here). The packages an ``apt-get install`` names must be the ones ``.ci/run``
  installs; repository files a command names must exist; environment variables set in front of a command or by
  ``export`` must be read by the code.

A new command in neither category fails ``test_every_doc_command_is_accounted_for`` with what to do.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    ROOT / "README.md",
    ROOT / "README.zh-CN.md",
    ROOT / "CONTRIBUTING.md",
    *sorted((ROOT / "docs").rglob("*.md")),
]
# Markdown files whose links are checked (the commands of benchmarks/ are long measurements, not run here).
LINKED = [*DOCS, *sorted((ROOT / "benchmarks").glob("*.md")), ROOT / "sample_data" / "README.md"]
SHELLS = {"bash", "sh", "shell", "console"}
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```", re.M | re.S)
SEPARATORS = {"&&", "||", ";", "|", "&"}
OURS = {("salesdata", "inspect"), ("forecasting", "run"), ("inventory", "plan")}
# Options of ours that name an input file or folder; the positional argument of `inspect` is one too.
INPUT_OPTIONS = {
    "--input",
    "--items",
    "--forecasts",
    "--stockouts",
    "--planned",
    "--suppliers",
    "--overrides",
    "--mapping",
}
RUN_TIMEOUT = 120


@dataclass(frozen=True)
class Allowed:
    """Commands starting with ``prefix`` (an item ending in ``=`` matches a token starting with it) are covered by
    CI for ``reason``; each (file, text) of ``evidence`` must hold."""

    prefix: tuple[str, ...]
    reason: str
    evidence: tuple[tuple[str, str], ...]


ALLOWED = [
    Allowed(
        ("pip", "install", "-r", "requirements.txt"),
        ".ci/run installs requirements-dev.txt, which starts with -r requirements.txt",
        ((".ci/run", "pip install -q -r requirements-dev.txt"), ("requirements-dev.txt", "-r requirements.txt")),
    ),
    Allowed(
        ("pip", "install", "-r", "requirements-dev.txt"),
        ".ci/run runs it",
        ((".ci/run", "pip install -q -r requirements-dev.txt"),),
    ),
    Allowed(
        ("apt-get", "install"),
        ".ci/run installs Debian's chromium, fonts-noto-cjk and postgresql with apt-get (each package the docs name is checked)",
        ((".ci/run", "apt-get install"),),
    ),
    Allowed(("scripts/test.sh",), ".ci/run runs it", ((".ci/run", "\nscripts/test.sh"),)),
    Allowed(("bash", ".ci/run"), "CI's own entry point", ((".ci/run", "scripts/test.sh"),)),
    Allowed(
        ("python", "-m", "ruff"),
        "scripts/test.sh runs ruff check and ruff format --check",
        (("scripts/test.sh", "python -m ruff check ."), ("scripts/test.sh", "python -m ruff format --check .")),
    ),
    Allowed(("lint-imports",), "scripts/test.sh runs it", (("scripts/test.sh", "\nlint-imports"),)),
    Allowed(
        ("python", "-m", "scenarios"),
        "tests/test_scenarios/test_transfer.py runs people and transfer against a store (main() with the same arguments)",
        (("tests/test_scenarios/test_transfer.py", '"transfer", "--from"'), ("scenarios/__main__.py", "def main(")),
    ),
    Allowed(
        ("python", "scripts/sync_catalogues.py"),
        "tests/test_catalogues.py runs the script's check (it writes only what the check reports)",
        (("tests/test_catalogues.py", 'sync.main(["--check"])'),),
    ),
    Allowed(
        ("python", "-m", "pytest"),
        "scripts/test.sh runs the whole suite, of which this is a part (the test files it names are checked)",
        (("scripts/test.sh", "python -m pytest"),),
    ),
    Allowed(
        ("streamlit", "run", "app.py"),
        "the browser tests start `streamlit run app.py` on a free port (tests/e2e/conftest.py); scripts/test.sh runs them",
        (("tests/e2e/conftest.py", '"streamlit", "run", "app.py"'), ("scripts/test.sh", "-m e2e")),
    ),
    Allowed(
        ("export", "DATABASE_URL="),
        "the scenario store reads DATABASE_URL (tests/test_scenarios/test_store.py); in CI its tests run on PostgreSQL",
        (("scenarios/store.py", "DATABASE_URL"), ("tests/test_scenarios/test_store.py", "DATABASE_URL")),
    ),
    Allowed(
        ("dask", "scheduler"),
        "Dask's own command; the Dask backend of `forecasting run` is tested on a local cluster",
        (("tests/test_fc/test_runner.py", "def test_cli_runs_on_a_local_dask_cluster"),),
    ),
    Allowed(
        ("dask", "worker"),
        "Dask's own command; the Dask backend of `forecasting run` is tested on a local cluster",
        (("tests/test_fc/test_runner.py", "def test_cli_runs_on_a_local_dask_cluster"),),
    ),
]


@dataclass(frozen=True)
class Command:
    doc: str  # the file, relative to the repository
    line: int  # the line of the block's first command
    block: int  # the block's position in the file
    text: str  # the command as written
    argv: tuple[str, ...]  # without `sudo` and leading VAR=value assignments
    env: tuple[str, ...]  # the names of those assignments

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}: {self.text}"


def _uncomment(line: str) -> str:
    """The line without its comment: as in the shell, `#` at the start of a word and outside quotes."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def _tokens(line: str) -> list[str]:
    lexer = shlex.shlex(_uncomment(line), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    return list(lexer)


def _split(tokens: list[str]) -> list[list[str]]:
    parts, current = [], []
    for token in tokens:
        if token in SEPARATORS:
            parts.append(current)
            current = []
        else:
            current.append(token)
    return [p for p in [*parts, current] if p]


def _logical_lines(lang: str, body: str) -> list[tuple[int, str]]:
    """(line offset in the block, command line), continuation lines joined."""
    out: list[tuple[int, str]] = []
    pending, start = "", 0
    for i, raw in enumerate(body.splitlines()):
        line = raw.rstrip()
        if lang == "console" and not pending:
            if not line.startswith("$ "):
                continue  # output
            line = line[2:]
        if not pending:
            start = i
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append((start, pending + line))
        pending = ""
    if pending:
        out.append((start, pending))
    return out


@cache
def doc_commands() -> tuple[Command, ...]:
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for block, match in enumerate(FENCE.finditer(text)):
            lang = match.group(1).lower()
            if lang not in SHELLS:
                continue
            first = text.count("\n", 0, match.start(2)) + 1
            for offset, line in _logical_lines(lang, match.group(2)):
                for argv in _split(_tokens(line)):
                    env = []
                    while argv and (argv[0] == "sudo" or re.fullmatch(r"[A-Za-z_]\w*=.*", argv[0])):
                        if argv[0] != "sudo":
                            env.append(argv[0].split("=", 1)[0])
                        argv = argv[1:]
                    if argv:
                        where = str(path.relative_to(ROOT))
                        found.append(Command(where, first + offset, block, " ".join(argv), tuple(argv), tuple(env)))
    return tuple(found)


def _is_ours(cmd: Command) -> bool:
    a = cmd.argv
    return len(a) >= 4 and a[0] in ("python", "python3") and a[1] == "-m" and (a[2], a[3]) in OURS


def _allowed(cmd: Command) -> Allowed | None:
    for entry in ALLOWED:
        if len(cmd.argv) >= len(entry.prefix) and all(
            tok.startswith(want) if want.endswith("=") else tok == want
            for want, tok in zip(entry.prefix, cmd.argv, strict=False)
        ):
            return entry
    return None


def _flags(argv: tuple[str, ...]) -> list[str]:
    flags = []
    for token in argv:
        token = token.strip("[]")
        if token.startswith("-") and token not in ("-m",) and not re.fullmatch(r"-\d.*", token):
            flags.append(token.split("=", 1)[0])
    return flags


def _inputs(argv: tuple[str, ...]) -> list[str]:
    """The files and folders an invocation of ours reads."""
    args = list(argv[4:])
    named = [args[i + 1] for i, a in enumerate(args[:-1]) if a in INPUT_OPTIONS]
    if argv[2] == "salesdata":  # `inspect FILE`: the positional argument
        named += [a for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] != "--sheet")]
    return named


def _available(path: str) -> bool:
    """A file of the demo data (the scratch folder a block runs in holds sample_data/ and nothing else)."""
    return path.startswith("sample_data/") and (ROOT / path).exists()


def _out(argv: tuple[str, ...]) -> str | None:
    args = list(argv)
    return args[args.index("--out") + 1].rstrip("/") if "--out" in args[:-1] else None


@cache
def plan() -> tuple[dict[tuple[str, int], list[Command]], list[Command]]:
    """Commands of ours that run for real, grouped by block (in order), and those checked against `--help`."""
    real: dict[tuple[str, int], list[Command]] = {}
    helped: list[Command] = []
    for cmd in filter(_is_ours, doc_commands()):
        if "--help" in cmd.argv or "-h" in cmd.argv:
            real.setdefault((cmd.doc, cmd.block), []).append(cmd)
            continue
        written = {_out(c.argv) for c in real.get((cmd.doc, cmd.block), [])}
        inputs = _inputs(cmd.argv)
        if inputs and all(_available(p) or p.rstrip("/") in written for p in inputs):
            real.setdefault((cmd.doc, cmd.block), []).append(cmd)
        else:
            helped.append(cmd)
    return real, helped


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run(argv: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *argv[1:]], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


def _run_block(cmds: list[Command]) -> list[str]:
    """Run one block's commands in order in a scratch folder holding sample_data/; the failures, described."""
    with tempfile.TemporaryDirectory(prefix="replenish-docs-") as tmp:
        cwd = Path(tmp)
        (cwd / "sample_data").symlink_to(ROOT / "sample_data")
        for cmd in cmds:
            try:
                proc = _run(cmd.argv, cwd)
            except subprocess.TimeoutExpired:
                return [f"{cmd}\n  took over {RUN_TIMEOUT} s: make the example cheaper (fewer --skus, cheap --models)"]
            if proc.returncode != 0:
                return [f"{cmd}\n  exit {proc.returncode}: {proc.stderr.strip()[-800:]}"]
    return []


@pytest.fixture(scope="module")
def help_texts() -> dict[tuple[str, str], str]:
    """The --help text of each subcommand of ours the docs use (run in parallel; about a second each)."""
    pairs = sorted({(c.argv[2], c.argv[3]) for c in filter(_is_ours, doc_commands())})
    with ThreadPoolExecutor(max_workers=len(pairs) or 1) as pool:
        procs = dict(
            zip(pairs, pool.map(lambda pair: _run(("python", "-m", *pair, "--help"), ROOT), pairs), strict=True)
        )
    for pair, proc in procs.items():
        assert proc.returncode == 0, f"python -m {' '.join(pair)} --help: {proc.stderr}"
    return {pair: proc.stdout for pair, proc in procs.items()}


def test_the_docs_show_commands_and_some_run_for_real():
    cmds = doc_commands()
    real, helped = plan()
    ran = {(c.argv[2], c.argv[3]) for block in real.values() for c in block}
    assert len(cmds) >= 15, [str(c) for c in cmds]
    # A parser that found nothing to run would pass vacuously: the demo examples run each of the three commands.
    assert ran == OURS, ran
    assert helped, "the long examples with placeholder files are checked against --help"


def test_every_doc_command_is_accounted_for():
    unknown = [str(c) for c in doc_commands() if not _is_ours(c) and _allowed(c) is None]
    assert unknown == [], (
        "These commands in the docs are neither run by tests/test_docs.py nor covered by CI:\n  "
        + "\n  ".join(unknown)
        + "\nEither make the example runnable here (python -m salesdata inspect / forecasting run / inventory plan on "
        "files under sample_data/, a few SKUs and cheap models, or with --help), or, if CI runs it, add an entry to "
        "ALLOWED in tests/test_docs.py with the reason and the evidence (a file that must contain a string)."
    )


def test_doc_commands_of_ours_run():
    real, _ = plan()
    # The READMEs and docs/cli.md show the same demo: identical blocks run once. Blocks run in parallel.
    unique = {tuple(c.argv for c in cmds): cmds for cmds in real.values()}
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [f for found in pool.map(_run_block, unique.values()) for f in found]
    assert failures == [], "\n".join(failures)


def test_every_option_the_docs_use_is_in_the_commands_help(help_texts):
    helps = help_texts
    missing = []
    for cmd in filter(_is_ours, doc_commands()):
        text = helps[(cmd.argv[2], cmd.argv[3])]
        missing += [
            f"{cmd}\n  {flag} is not in `python -m {cmd.argv[2]} {cmd.argv[3]} --help`"
            for flag in _flags(cmd.argv)
            if not re.search(re.escape(flag) + r"(?![\w-])", text)
        ]
    assert missing == [], "\n".join(missing)


def test_commands_left_to_ci_are_covered_by_it():
    problems = []
    ci = (ROOT / ".ci" / "run").read_text()
    read_by_code = "\n".join(
        p.read_text(encoding="utf-8")
        for d in ("salesdata", "forecasting", "inventory", "scenarios", "ui")
        for p in (ROOT / d).rglob("*.py")
    )
    for cmd in doc_commands():
        entry = None if _is_ours(cmd) else _allowed(cmd)
        for var in [*cmd.env, *(a.split("=", 1)[0] for a in cmd.argv[1:2] if cmd.argv[0] == "export")]:
            if var not in read_by_code:
                problems.append(f"{cmd}\n  sets {var}, which no code of the app reads")
        if entry is None:
            continue
        for path, text in entry.evidence:
            if text not in (ROOT / path).read_text(encoding="utf-8"):
                problems.append(f"{cmd}\n  allowed because {entry.reason}, but {path} no longer contains {text!r}")
        if cmd.argv[:2] == ("apt-get", "install"):
            packages = [a for a in cmd.argv[2:] if not a.startswith("-")]
            problems += [
                f"{cmd}\n  .ci/run does not install {p}"
                for p in packages
                if not re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", ci)
            ]
        for token in cmd.argv[1:]:
            if re.fullmatch(r"[\w.-]+(/[\w.-]+)*\.(py|txt|sh|toml)", token) and not (ROOT / token).exists():
                problems.append(f"{cmd}\n  names {token}, which does not exist")
    assert problems == [], "\n".join(problems)


def test_the_readmes_keep_the_run_and_test_commands():
    run = "pip install -r requirements.txt && streamlit run app.py"
    test = "sudo apt-get install -y chromium && pip install -r requirements-dev.txt && scripts/test.sh"
    for name in ("README.md", "README.zh-CN.md"):
        blocks = [m.group(2).strip() for m in FENCE.finditer((ROOT / name).read_text(encoding="utf-8"))]
        assert run in blocks and test in blocks, name
    # .ci/run is "the README's test command" on a bare machine.
    ci = (ROOT / ".ci" / "run").read_text()
    assert "requirements-dev.txt" in ci and ci.rstrip().endswith("scripts/test.sh")


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    seen: dict[str, int] = {}
    out = set()
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    for heading in re.findall(r"^#{1,6}\s+(.*?)\s*#*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def test_relative_links_and_images_in_the_docs_resolve():
    broken = []
    for path in LINKED:
        text = FENCE.sub("", path.read_text(encoding="utf-8"))
        text = re.sub(r"`[^`\n]*`", "", text)  # inline code is not a link
        for target in re.findall(r"!?\[[^\]]*\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # http:, https:, mailto:
            file, _, anchor = target.partition("#")
            dest = (path.parent / file).resolve() if file else path
            where = f"{path.relative_to(ROOT)}: ({target})"
            if not dest.exists():
                broken.append(f"{where} -> no such file")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
                broken.append(f"{where} -> no heading #{anchor} in {dest.relative_to(ROOT)}")
    assert broken == [], "\n".join(broken)
