"""One writer at a time: a second run into the same output folder is refused, a stale lock taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import EXIT_LOCKED
from pipeline.lock import LOCK_FILE, OutputLocked, output_lock, stale_holder
from tests.conftest import RAW, ROOT, SEEDS, read_table


def _extract(src: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(src), "--out", str(out), "--workers", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for_lock(out: Path, pid: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads((out / LOCK_FILE).read_text() or "{}").get("pid") == pid:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    raise AssertionError("the first run never took the lock")


def _big_input(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):  # long enough that the second run starts while the first holds the lock
        text = (RAW / SEEDS[4]).read_text(encoding="utf-8")
        (src / f"copy_{i:02d}.txt").write_text(f"{text}\n{i}\n", encoding="utf-8")
    return src


def test_second_concurrent_run_is_refused_and_the_first_completes(tmp_path: Path) -> None:
    src, out = _big_input(tmp_path), tmp_path / "out"
    first = _extract(src, out)
    _wait_for_lock(out, first.pid, first)
    second = _extract(src, out)
    _, err = second.communicate(timeout=60)
    assert first.poll() is None, "the first run should still be running"
    assert second.returncode == EXIT_LOCKED
    message = " ".join(err.split())  # the console wraps long lines
    assert (
        message.startswith("output-locked: output folder")
        and f"in use by another run (pid {first.pid}" in message
    )
    first.communicate(timeout=300)
    assert first.returncode == 0
    assert len(read_table(out, "documents")) == 40


def test_lock_of_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    src, out = _big_input(tmp_path), tmp_path / "out"
    first = _extract(src, out)
    _wait_for_lock(out, first.pid, first)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    holder = stale_holder(out)
    assert holder is not None and holder["pid"] == first.pid  # dead pid: recognised as stale
    again = _extract(src, out)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert stale_holder(out) is None


def test_lock_in_process_raises_with_holder(tmp_path: Path) -> None:
    with output_lock(tmp_path) as stale:
        assert stale is None
        with (
            pytest.raises(OutputLocked, match=r"in use by another run \(pid \d+ on ") as err,
            output_lock(tmp_path),
        ):
            pass
        assert err.value.code == "output-locked" and err.value.holder["pid"] == os.getpid()
        assert err.value.message.startswith(
            f"output folder {tmp_path} is in use by another run (pid {os.getpid()} on "
        )
