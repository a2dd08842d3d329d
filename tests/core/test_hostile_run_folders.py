"""Run folders written by someone hostile (or a broken disk): FIFOs in place of the small
files, JSON nested past the parser's stack, numbers past a float, a history of hundreds of
megabytes. Each costs one row marked unreadable (or one file ignored), never the listing,
an exception or a hang."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from test_run_catalog import fake_run

from aegui.core.catalog import UNREADABLE, HistoryTail, find_runs, read_run
from aegui.core.catalog.history_tail import MAX_HISTORY_BYTES
from aegui.core.run.journal import read_journal
from aegui.core.small_files import UnreadableFile, finite_float, parse_json, read_small

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")

SMALL_FILES = ("config.json", "history.csv", "metrics.json", "status.json", "notes.json")
DEEP = "[" * 200_000
HUGE = "1" * 400


def finishes(call, fifos: list[Path], seconds: float = 10.0):
    """``call()``'s result, failing (not hanging) when it blocks: a blocked open of a FIFO is
    released by opening the FIFO for writing, so the test run itself can go on."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for fifo in fifos:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        thread.join(5)
        pytest.fail(f"blocked on {', '.join(f.name for f in fifos)}")
    return result[0]


@pytest.mark.parametrize("name", SMALL_FILES)
def test_a_fifo_in_place_of_a_small_file_never_blocks_the_listing(tmp_path, name):
    run = fake_run(tmp_path / "runs" / "fifo", metrics={"val_mse": 0.1})
    fake_run(tmp_path / "runs" / "good", metrics={"val_mse": 0.2})
    (run / name).unlink(missing_ok=True)
    os.mkfifo(run / name)
    runs = finishes(lambda: find_runs([tmp_path / "runs"]), [run / name])
    by_name = {r.name: r for r in runs}
    assert set(by_name) == {"fifo", "good"} and by_name["good"].status == "finished"
    if name != "notes.json":  # a run's name and tags are only its notes: none is no harm
        assert by_name["fifo"].status == UNREADABLE and f"{name} is not a regular file" in by_name["fifo"].message
    assert finishes(lambda: HistoryTail(run / name).poll(), [run / name]) is False


@pytest.mark.parametrize("name", ["config.json", "metrics.json", "status.json", "notes.json"])
def test_json_nested_past_the_parser_is_one_unreadable_row(tmp_path, name):
    run = fake_run(tmp_path / "r", metrics={"val_mse": 0.1})
    (run / name).write_text(DEEP)
    summary = read_run(run)
    assert summary is not None
    if name != "notes.json":
        assert summary.status == UNREADABLE and "nested too deeply" in summary.message
    else:
        assert summary.name == "r" and summary.tags == ()


def test_numbers_past_a_float_are_ignored_not_raised(tmp_path):
    run = fake_run(tmp_path / "r")
    (run / "metrics.json").write_text(f'{{"val_mse": {HUGE}, "val_psnr": 20.5}}')
    (run / "status.json").write_text(f'{{"status": "finished", "started": {HUGE}, "pid": {HUGE}, '
                                     f'"epoch_seconds": [1.5, {HUGE}, -{HUGE}]}}')
    config = (run / "config.json").read_text().replace('"epochs": 3', f'"epochs": {HUGE}')
    (run / "config.json").write_text(config.replace('"latent_dim": 2', f'"latent_dim": {HUGE}'))
    summary = read_run(run)
    assert summary.metrics == {"val_psnr": 20.5} and summary.status == "finished"
    assert summary.epochs_planned is None and summary.latent_dim is None
    journal = read_journal(run)
    assert journal.started == 0.0 and journal.pid == 0 and journal.epoch_seconds == (1.5, 0.0, 0.0)


def test_a_history_of_hundreds_of_megabytes_is_refused_by_its_size_without_reading_it(tmp_path):
    run = fake_run(tmp_path / "r", metrics={"val_mse": 0.1})
    with open(run / "history.csv", "r+b") as handle:
        handle.truncate(200 * 2**20)  # sparse: 200 MB by its size, nothing written
    start = time.perf_counter()
    summary = read_run(run)
    assert time.perf_counter() - start < 1.0  # read, it would be seconds (a check on reading, not speed)
    assert summary.status == UNREADABLE and "history.csv is 200 MB" in summary.message
    assert summary.metrics == {"val_mse": 0.1} and summary.epochs_done == 0


def test_a_folder_in_place_of_a_file_and_a_dangling_link(tmp_path):
    run = fake_run(tmp_path / "a", metrics={"val_mse": 0.1})
    (run / "metrics.json").unlink()
    (run / "metrics.json").mkdir()
    other = fake_run(tmp_path / "b")
    (other / "config.json").unlink()
    (other / "config.json").symlink_to(other / "nowhere.json")
    runs = {r.name: r for r in find_runs([tmp_path])}
    assert runs["a"].status == UNREADABLE and "metrics.json" in runs["a"].message
    assert runs["b"].status == UNREADABLE and "config.json is a link to a file that does not exist" in runs["b"].message


def test_the_small_file_reader_refuses_what_is_not_small_regular_json(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b"x" * 101)
    with pytest.raises(UnreadableFile, match="more than such a file ever holds"):
        read_small(path, 100)
    assert read_small(path, 101) == b"x" * 101
    with pytest.raises(UnreadableFile, match="nested too deeply"):
        parse_json(DEEP)
    assert parse_json(f"[{HUGE}, 12]") == [float("inf"), 12]
    assert finite_float(float("nan"), -1.0) == -1.0 and finite_float("3") == 0.0 and finite_float(True) == 0.0
    assert MAX_HISTORY_BYTES < 200 * 2**20
