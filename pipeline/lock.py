"""One writer at a time: an exclusive lock on the output folder (OUT/.lock).

The lock is an advisory `flock` on OUT/.lock, so the kernel releases it when the holding process
dies, however it dies (SIGKILL included): a stale lock is simply one that nobody holds, and the next
run takes it over. The file records the holder's pid, host and start time for the message a refused
run prints; a record whose pid is dead is reported as stale and overwritten.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from problems import ProblemError, problem

LOCK_FILE = ".lock"


class OutputLocked(ProblemError):
    """Another run holds the output folder (problem `output-locked`)."""

    def __init__(self, out_dir: Path, holder: dict[str, Any]) -> None:
        self.out_dir, self.holder = out_dir, holder
        who = f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}"
        since = holder.get("started")
        when = f" since {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(since))}" if since else ""
        super().__init__(problem("output-locked", out_dir=str(out_dir), holder=f"{who}{when}"))


def pid_alive(pid: int) -> bool:
    """True when a process with this pid exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def stale_holder(out_dir: Path) -> dict[str, Any] | None:
    """The recorded holder of an unheld lock whose process is gone (a killed run), else None."""
    holder = _read_holder(out_dir / LOCK_FILE)
    pid = holder.get("pid")
    if isinstance(pid, int) and holder.get("host") == socket.gethostname() and not pid_alive(pid):
        return holder
    return None


@contextmanager
def output_lock(out_dir: Path) -> Iterator[dict[str, Any] | None]:
    """Hold the output folder's lock for the block; yields the stale holder it took over, if any.

    Raises OutputLocked at once (no waiting) when another live run holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLocked(out_dir, _read_holder(path)) from None
        stale = stale_holder(out_dir)
        record = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        try:
            yield stale
        finally:
            os.ftruncate(fd, 0)  # an empty record: released cleanly
    finally:
        os.close(fd)  # closing the descriptor releases the flock
