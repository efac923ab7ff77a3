"""Shared fixtures: the shipped seeds, the gold, and a helper that runs the real pipeline."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipeline.run import Summary, input_files, run_batch
from problems import TRACE_ENV, catalogue

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "tests" / "gold"
GOLDEN = ROOT / "tests" / "golden"
SHARED_REAL = ROOT.parent / "shared" / "real"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))


def run_folder(src: Path, out: Path) -> Summary:
    return run_batch(input_files(src), out)


def seed_fixture_pdf(out: Path, prefix: str) -> Path:
    """The office-made PDF fixture of the seed whose stem starts with `prefix` (all five are built
    into `out`); the test is skipped where LibreOffice is not installed."""
    from tests.fixtures.build_pdf import build_all, soffice_binary

    if soffice_binary() is None:
        pytest.skip("LibreOffice (soffice) is needed to build the PDF fixtures")
    return next(p for p in build_all(out) if p.stem.startswith(prefix))


def read_table(out: Path, name: str) -> list[dict[str, Any]]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pipeline run once on the shipped data/raw folder."""
    out = tmp_path_factory.mktemp("seeds_out")
    run_folder(RAW, out)
    return out


# --- every catalogued problem code is emitted by some test ---------------------------------------
# problems.problem() appends each code it makes to $LAMPIRAN_PROBLEM_TRACE/<pid>.codes, in this
# process and in every worker / subprocess the tests start (they inherit the environment). At the
# end of a full run (every test file collected, nothing deselected, every test run) a catalogued
# code that no test emitted fails the session. Subsets (-x, -k, one file) are not checked.


class _CodeCoverage:
    def __init__(self) -> None:
        self.own = not os.environ.get(TRACE_ENV)  # a folder given from outside is kept (to inspect)
        self.folder = os.environ.get(TRACE_ENV) or tempfile.mkdtemp(prefix="problem-trace-")
        os.environ[TRACE_ENV] = self.folder
        self.deselected = 0
        self.ran: set[str] = set()

    def emitted(self) -> set[str]:
        found: set[str] = set()
        for path in Path(self.folder).glob("*.codes"):
            found.update(path.read_text(encoding="utf-8").split())
        return found

    def full_run(self, session: pytest.Session) -> bool:
        test_files = {p.resolve() for p in (ROOT / "tests").glob("test_*.py")}
        collected = {Path(str(item.path)).resolve() for item in session.items}
        every_test_ran = {item.nodeid for item in session.items} <= self.ran
        return collected == test_files and not self.deselected and every_test_ran

    @pytest.hookimpl
    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.skipped:
            self.ran.add(report.nodeid)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.full_run(session):
            return
        missing = sorted(set(catalogue()) - self.emitted())
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if missing:
            message = f"problem codes catalogued but emitted by no test: {', '.join(missing)}"
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        else:
            message = f"problem codes: all {len(catalogue())} catalogued codes were emitted by the tests"
        if reporter is not None:
            reporter.write_line(message, red=bool(missing))

    @pytest.hookimpl
    def pytest_unconfigure(self) -> None:
        if self.own:
            shutil.rmtree(self.folder, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_CodeCoverage(), "problem-code-coverage")
