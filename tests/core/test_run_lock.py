"""``writer.lock``: one writer per run folder; a dead writer's lock is taken over, another
host's is respected, and a refused start leaves the folder as it was."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from aegui.core.run import RunFolderBusy, RunLock
from aegui.core.run.lock import LOCK_FILE, LockOwner, machine_boot, read_lock, start_ticks, tidy_idle_folder


def _write_lock(folder, **fields) -> None:
    owner = {"writer": "cli", "host": socket.gethostname(), "pid": os.getpid(), "started": time.time()}
    owner.update(fields)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LOCK_FILE).write_text(json.dumps(owner))


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_second_writer_is_refused_with_a_sentence_naming_the_first(tmp_path):
    folder = tmp_path / "run"
    with RunLock(folder, "gui"):
        owner = read_lock(folder)
        assert owner is not None and owner.pid == os.getpid() and owner.writer == "gui"
        with pytest.raises(RunFolderBusy) as refused:
            RunLock(folder, "cli").acquire()
        message = str(refused.value)
        assert "the aegui window" in message and f"process {os.getpid()}" in message
        assert str(folder / LOCK_FILE) in message  # what to do if that writer is gone
        assert "\n" not in message
    assert not (folder / LOCK_FILE).exists()


def test_releasing_removes_the_folders_it_made_when_nothing_was_saved(tmp_path):
    folder = tmp_path / "new" / "run"
    lock = RunLock(folder, "cli").acquire()
    assert folder.is_dir()
    lock.release()
    assert not (tmp_path / "new").exists()
    kept = RunLock(tmp_path / "kept", "cli").acquire()
    (tmp_path / "kept" / "experiment.pt").write_bytes(b"saved")
    kept.release()
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["experiment.pt"]


def test_a_dead_writers_lock_on_this_host_is_taken_over(tmp_path):
    folder = tmp_path / "run"
    _write_lock(folder, pid=_dead_pid())
    with RunLock(folder, "cli") as lock:
        assert read_lock(folder) == lock.owner and lock.owner.pid == os.getpid()
    assert list(folder.iterdir()) == []  # no file set aside is left behind


def test_a_reused_process_id_does_not_keep_a_lock(tmp_path):
    folder = tmp_path / "run"
    _write_lock(folder, started=time.time() - 10 * 365 * 86400)  # this pid, but "started" long before it
    RunLock(folder, "cli").acquire().release()


def test_a_lock_of_another_host_is_respected_and_named(tmp_path):
    folder = tmp_path / "run"
    _write_lock(folder, host="gpu-node-17", pid=_dead_pid(), writer="torchrun")
    with pytest.raises(RunFolderBusy, match="a torchrun job .*on gpu-node-17"):
        RunLock(folder, "cli").acquire()
    assert read_lock(folder).host == "gpu-node-17"  # untouched


def test_a_lock_being_written_now_is_respected_and_an_old_garbled_one_taken_over(tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / LOCK_FILE).write_text("")  # created, not yet filled: its writer is mid-way
    with pytest.raises(RunFolderBusy):
        RunLock(folder, "cli").acquire()
    old = time.time() - 60
    os.utime(folder / LOCK_FILE, (old, old))  # ... or left garbled by a crash long ago
    RunLock(folder, "cli").acquire().release()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_lock_does_not_block(tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    os.mkfifo(folder / LOCK_FILE)
    assert read_lock(folder) is None
    with pytest.raises(RunFolderBusy):  # not ours to remove: refused, not hung
        RunLock(folder, "cli").acquire()


def test_temporaries_are_tidied_only_where_no_writer_holds_the_folder(tmp_path):
    busy, idle = tmp_path / "busy", tmp_path / "idle"
    for folder in (busy, idle):
        folder.mkdir()
        temporary = folder / ".experiment.pt.abc.tmp"
        temporary.write_bytes(b"half")
        os.utime(temporary, (time.time() - 3600, time.time() - 3600))
    with RunLock(busy, "cli"):
        assert tidy_idle_folder(busy, "gui", 600) == []
        assert tidy_idle_folder(idle, "gui", 600) == [idle / ".experiment.pt.abc.tmp"]
    assert (busy / ".experiment.pt.abc.tmp").exists()
    assert not (idle / LOCK_FILE).exists() and not (busy / LOCK_FILE).exists()


def test_lock_owner_round_trips_through_its_file(tmp_path):
    owner = LockOwner("sweep", "here", 42, 1.5)
    (tmp_path / LOCK_FILE).write_text(owner.to_json())
    assert read_lock(tmp_path) == owner
    (tmp_path / LOCK_FILE).write_text("x" * 10_000)
    assert read_lock(tmp_path) is None


def test_a_lock_from_before_this_machine_started_is_taken_over(tmp_path):
    folder = tmp_path / "run"
    here = machine_boot()
    if not here:
        pytest.skip("needs a Linux boot id")
    _write_lock(folder, boot="another-boot:" + here.split(":", 1)[1], ticks=start_ticks(os.getpid()))
    RunLock(folder, "cli").acquire().release()  # this pid is alive, but the lock is of an earlier boot


def test_a_lock_from_another_container_with_this_host_name_is_respected(tmp_path):
    folder = tmp_path / "run"
    here = machine_boot()
    if not here:
        pytest.skip("needs a Linux boot id")
    _write_lock(folder, boot=here.split(":", 1)[0] + ":1", pid=_dead_pid())  # same kernel, another namespace
    with pytest.raises(RunFolderBusy):
        RunLock(folder, "cli").acquire()


def test_a_live_writer_is_told_by_its_start_not_the_clock(tmp_path):
    folder = tmp_path / "run"
    if not machine_boot():
        pytest.skip("needs /proc")
    # The lock's wall-clock start is far off (the clock was stepped), but the process is the same one.
    _write_lock(folder, boot=machine_boot(), ticks=start_ticks(os.getpid()), started=time.time() - 10**6)
    with pytest.raises(RunFolderBusy):
        RunLock(folder, "cli").acquire()
    _write_lock(folder, boot=machine_boot(), ticks=start_ticks(os.getpid()) + 1)  # this pid, reused
    RunLock(folder, "cli").acquire().release()
