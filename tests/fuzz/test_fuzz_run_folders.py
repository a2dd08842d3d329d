"""Fuzzing the run catalog (what the Runs tab lists) with hostile run folders: each of
config.json, history.csv, metrics.json, status.json, notes.json and experiment.pt is missing,
valid, damaged byte by byte, nested past the parser's stack, full of 400-digit numbers or
wrong types, random bytes, a FIFO, a folder, a dangling link, a link loop, or a sparse file
of hundreds of megabytes. Listing them never raises, never hangs, never reads the huge files,
and every folder with a run's files is one row: readable, or marked unreadable with a reason."""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
from pathlib import Path

import pytest
from fuzz_support import TALLY, damage, examples, mutate
from hypothesis import event, given
from hypothesis import strategies as st

from aegui.core.catalog import RUN_STATUSES, UNREADABLE, HistoryTail, find_runs, read_run
from aegui.core.config import ExperimentConfig

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")

TEST = "runs:find_runs"
FILES = ("config.json", "history.csv", "metrics.json", "status.json", "notes.json", "experiment.pt")
HANG_S = 10.0
HUGE = "9" * 400

VALID = {
    "config.json": ExperimentConfig(epochs=3).to_json().encode(),
    "history.csv": b"epoch,train_loss,val_loss,val_mse\n1,2.0,1.5,0.05\n2,1.5,1.2,0.04\n",
    "metrics.json": json.dumps({"val_mse": 0.04, "val_psnr": 14.0}).encode(),
    "status.json": json.dumps({"format_version": 1, "status": "finished", "message": "", "writer": "cli",
                               "host": "elsewhere", "pid": 12, "started": 1.7e9, "updated": 1.7e9,
                               "epoch_seconds": [1.0, 2.0]}).encode(),
    "notes.json": json.dumps({"name": "a run", "tags": ["x", "y"]}).encode(),
    "experiment.pt": b"not read by the catalog",
}


def _huge_numbers(data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    for digit in "0123456789":
        text = text.replace(f": {digit}", f": {HUGE}").replace(f"[{digit}", f"[{HUGE}")
    return text.encode()


def _wrong_types(data: bytes) -> bytes:
    try:
        value = json.loads(data)
    except ValueError:
        return b'"text"'
    if isinstance(value, dict):
        return json.dumps({key: [None, {"a": []}] for key in value}).encode()
    return b"[1, 2, 3]"


@st.composite
def contents(draw, name: str) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["missing", "valid", "valid", "damaged", "deep", "huge-numbers", "wrong-types",
                                 "random", "empty", "fifo", "folder", "dangling", "loop", "sparse"]))
    if kind == "damaged":
        return kind, mutate(VALID[name], draw(damage()))
    if kind == "deep":
        return kind, b"[" * draw(st.sampled_from([1000, 100_000, 300_000]))
    if kind == "huge-numbers":
        return kind, _huge_numbers(VALID[name])
    if kind == "wrong-types":
        return kind, _wrong_types(VALID[name])
    if kind == "random":
        return kind, draw(st.binary(max_size=300))
    return kind, VALID.get(name, b"") if kind == "valid" else b""


def build(folder: Path, name: str, kind: str, data: bytes) -> Path | None:
    """Put ``name`` into ``folder`` as ``kind``; the FIFO made, if any."""
    path = folder / name
    if kind == "missing":
        return None
    if kind == "fifo":
        os.mkfifo(path)
        return path
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "sparse":
        with open(path, "wb") as handle:
            handle.truncate(300 * 2**20)
    else:
        path.write_bytes(data)
    return None


def listed_without_hanging(root: Path, fifos: list[Path]):
    result: list = []
    failure: list[BaseException] = []

    def work():
        try:
            result.append(find_runs([root]))
        except BaseException as exc:  # reported on the test's thread
            failure.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(HANG_S)
    if thread.is_alive():
        for fifo in fifos:  # release the blocked open, so the next examples can run
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        thread.join(5)
        raise AssertionError(f"listing hung on {[f.name for f in fifos]}")
    if failure:
        raise failure[0]
    return result[0]


@examples(1.0)
@given(st.fixed_dictionaries({name: contents(name) for name in FILES}))
def test_hostile_run_folders_are_listed_or_marked_never_fatal(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "run"
        folder.mkdir()
        fifos = [f for name, (kind, data) in files.items() if (f := build(folder, name, kind, data))]
        (root / "good").mkdir()
        for name in ("config.json", "history.csv", "metrics.json"):
            (root / "good" / name).write_bytes(VALID[name])
        try:
            runs = listed_without_hanging(root, fifos)
        except BaseException:
            TALLY[(TEST, "other")] += 1
            raise
        by_folder = {r.folder.name: r for r in runs}
        assert "good" in by_folder and by_folder["good"].status == "finished"
        config_there = files["config.json"][0] != "missing"
        evidence = any(files[n][0] != "missing" for n in ("history.csv", "experiment.pt"))
        if config_there and evidence:
            run = by_folder["run"]
            assert run.status in RUN_STATUSES
            assert all(isinstance(v, float) and math.isfinite(v) for v in run.metrics.values())
            assert run.epochs_done >= 0 and (run.status != UNREADABLE or run.message)
            outcome = "unreadable" if run.status == UNREADABLE else "listed"
        else:
            assert "run" not in by_folder
            outcome = "not a run"
        assert isinstance(HistoryTail(folder / "history.csv").poll(), bool)
        assert read_run(folder) is None or read_run(folder).folder == folder
        TALLY[(TEST, outcome)] += 1
        event(outcome)
