"""The one task runner: newest request per key wins, results reach the GUI thread,
failures are logged and reported once, and shutdown leaves no thread."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

import pytest
from PySide6.QtCore import QThread

from aegui.core.errors import DataError
from aegui.workers import tasks
from aegui.workers.tasks import TaskRunner, running_task_threads, shutdown_all


@pytest.fixture
def make_runner():
    made: list[TaskRunner] = []

    def make() -> TaskRunner:
        made.append(TaskRunner("aegui-test"))
        return made[-1]

    yield make
    for runner in made:
        runner.shutdown(5.0)


def test_only_the_newest_request_of_a_key_is_answered(qtbot, make_runner):
    runner = make_runner()
    release = threading.Event()
    started = threading.Event()
    answers: list[tuple[str, int]] = []

    def blocking(ctx):
        started.set()
        release.wait(5)
        return ("first", 0)

    first = runner.submit("page", blocking, answers.append)
    assert started.wait(5)
    ids = [runner.submit("page", lambda ctx, i=i: ("queued", i), answers.append) for i in range(3)]
    assert len(set([first, *ids])) == 4 and runner.is_latest("page", ids[-1])
    with qtbot.waitSignal(runner.finished, timeout=5000):
        release.set()
    qtbot.wait(50)  # any late delivery would arrive now
    assert answers == [("queued", 2)]  # the running first one was superseded, the waiting two dropped


def test_a_new_request_cancels_the_running_one(qtbot, make_runner):
    runner = make_runner()
    seen_cancel = threading.Event()

    def long_job(ctx):
        while not ctx.wait(0.01):
            pass
        seen_cancel.set()
        ctx.check()

    runner.submit("encode", long_job)
    time.sleep(0.05)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("encode", lambda ctx: "second")
    assert seen_cancel.is_set()


def test_results_and_progress_arrive_on_the_gui_thread(qtbot, make_runner):
    runner = make_runner()
    gui = QThread.currentThread()
    progress: list[int] = []
    threads: list[bool] = []

    def job(ctx):
        for i in range(3):
            ctx.emit(i)
        return threading.current_thread().name

    def done(name):
        threads.append(QThread.currentThread() is gui)
        progress.append(name)

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("k", job, done, on_progress=lambda i: (progress.append(i), threads.append(
            QThread.currentThread() is gui)))
    assert progress == [0, 1, 2, "aegui-test"] and all(threads)


def test_jobs_run_on_a_thread_qt_started(qtbot, make_runner):
    """Signals from a thread Qt did not start can corrupt PySide's reference counts and
    abort the process; the runner's threads are QThreads."""
    runner = make_runner()
    seen: list[bool] = []
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("k", lambda ctx: isinstance(QThread.currentThread(), tasks._WorkerThread),
                      seen.append)
    assert seen == [True]


def test_failures_are_logged_with_a_traceback_and_shown_as_one_sentence(qtbot, caplog, make_runner):
    runner = make_runner()
    with caplog.at_level(logging.ERROR, logger="aegui.tasks"):
        with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
            runner.submit("bug", lambda ctx: 1 / 0)
    key, message = blocker.args
    assert key == "bug" and "ZeroDivisionError" in message and "\n" not in message
    assert "log file" in message
    assert any(record.exc_info for record in caplog.records)
    errors: list[str] = []
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="aegui.tasks"):
        with qtbot.waitSignal(runner.busyChanged, timeout=5000, check_params_cb=lambda busy: not busy):
            runner.submit("bad", lambda ctx: (_ for _ in ()).throw(DataError("The file is empty.")),
                          on_error=errors.append)
    assert errors == ["The file is empty."]  # a user-facing error keeps its own words
    # ... and is the user's input, not a bug: one line in the log, no traceback.
    assert [r.levelno for r in caplog.records] == [logging.INFO] and not caplog.records[0].exc_info


def test_no_thread_while_idle_and_shutdown_all_awaits_every_runner(qtbot, make_runner):
    runner = make_runner()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("k", lambda ctx: 1)
    qtbot.waitUntil(lambda: not runner.thread_alive(), timeout=5000)
    assert running_task_threads() == 0
    stopped = threading.Event()

    def stubborn_but_polite(ctx):
        while not ctx.cancelled():
            time.sleep(0.005)
        stopped.set()

    for key in ("a", "b"):
        runner.submit(key, stubborn_but_polite)
    other = make_runner()
    other.submit("c", stubborn_but_polite)
    time.sleep(0.05)
    start = time.perf_counter()
    assert shutdown_all(5.0)
    assert time.perf_counter() - start < 1.0 and stopped.is_set()
    assert running_task_threads() == 0 and not runner.is_busy()


def test_work_queued_while_the_old_thread_is_exiting_still_runs(qtbot, make_runner):
    """A thread that has decided to exit may still be alive for a moment; work queued then
    (say, by a callback that submits the next job) must get a thread of its own."""
    runner = make_runner()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("step", lambda ctx: 1)
    qtbot.waitUntil(lambda: not runner.thread_alive(), timeout=5000)

    class Lingering:  # the exiting thread, caught between its last check and its end
        name = "lingering"
        alive = True

        def is_alive(self) -> bool:
            return self.alive

        def join(self, timeout=None) -> None:
            pass

    lingering = Lingering()
    runner._threads.append(lingering)
    answers: list[int] = []
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("step", lambda ctx: 2, answers.append)
    assert answers == [2]
    lingering.alive = False  # and then it ends


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")
def test_background_work_yields_the_cpu_to_training_and_the_gui(qtbot, make_runner):
    def own_priority(ctx) -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    results: dict[str, int] = {}
    for name, runner in (("background", TaskRunner("aegui-test-bg", background=True)),
                         ("gui first", TaskRunner("aegui-test-training", yields_to_gui=True)),
                         ("normal", make_runner())):
        with qtbot.waitSignal(runner.finished, timeout=5000):
            runner.submit("p", own_priority, lambda value, name=name: results.__setitem__(name, value))
        runner.shutdown(5.0)
    # Optional work yields the most; training and pages of reconstructions yield to the GUI.
    assert results["background"] > results["gui first"] > results["normal"] == os.getpriority(os.PRIO_PROCESS, 0)
