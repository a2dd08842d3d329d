"""Long sessions: finished runs are let go, and one window survives train/stop/retrain
cycles with every tab on screen in turn.

After train/stop cycles no trainer (model, optimizer, device copies of the data) outlives
its run, and the controller keeps only the last run's experiment, which "continue
training" needs. A hard crash in the cycles (an abort inside the bindings) ends the test
process; pytest's faulthandler then prints every thread's traceback.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from aegui.app import build_main_window
from aegui.core.training import Trainer
from aegui.workers.tasks import TaskRunner
from aegui.workers.training_worker import TrainingJob

TIMEOUT = 60_000
CYCLES = 5


@pytest.fixture
def window(qtbot, tiny_npz):
    win = build_main_window()
    qtbot.addWidget(win)
    win.confirm_close = lambda: True
    win.show()
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000) as blocker:
        win.data_tab.load_spec(tiny_npz)
    assert blocker.args == [True], win.banner.text()
    win.train_tab.apply_config(win.state.config.with_changes(
        model="conv-ae", hidden=8, latent_dim=4, epochs=50, batch_size=32, device="cpu"))
    yield win
    win.close()


def _train_and_stop(qtbot, win) -> tuple[weakref.ref, weakref.ref]:
    """Train until the first epoch is in, then stop; weak references to the run's job and trainer."""
    state = win.state
    win.train_tab.epochsSpin.setValue(50)
    assert win.start_training()
    job = win.controller.job
    qtbot.waitUntil(lambda: job.trainer is not None and len(state.epoch_reports) >= 1, timeout=TIMEOUT)
    refs = weakref.ref(job), weakref.ref(job.trainer)
    with qtbot.waitSignal(win.controller.runFinished, timeout=TIMEOUT) as blocker:
        win.controller.stop()
    assert blocker.args == [False]
    return refs


def _train_to_the_end(qtbot, win, epochs: int, continue_model: bool) -> bool:
    tab = win.train_tab
    tab.continueCheck.setChecked(continue_model)
    tab.epochsSpin.setValue(epochs)
    with qtbot.waitSignal(win.controller.runFinished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(tab.startButton, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def _collect() -> None:
    """Let queued deliveries and thread ends arrive, then free what only cycles hold."""
    for _ in range(3):
        QApplication.processEvents()
        gc.collect()


def _live(kind: type) -> weakref.WeakSet:
    return weakref.WeakSet(obj for obj in gc.get_objects() if type(obj) is kind)


def test_train_stop_cycles_keep_no_finished_trainer(qtbot, window):
    _collect()
    earlier = _live(Trainer), _live(TrainingJob)  # whatever other tests left is not this test's
    refs = [_train_and_stop(qtbot, window) for _ in range(CYCLES)]
    qtbot.waitUntil(lambda: not window.controller.runner.thread_alive(), timeout=TIMEOUT)
    _collect()
    jobs = sum(job() is not None for job, _ in refs)
    trainers = sum(trainer() is not None for _, trainer in refs)
    new_trainers, new_jobs = (len(_live(kind) - before) for kind, before in zip((Trainer, TrainingJob), earlier))
    # A run that has ended needs no trainer: its result holds CPU copies of what it made.
    assert trainers == 0 and new_trainers == 0, f"{trainers} of {CYCLES} trainers still alive"
    assert jobs <= 1 and new_jobs <= 1, f"{jobs} of {CYCLES} jobs still alive"
    # ...and the last run's experiment (with its optimizer state) is still there to continue.
    last = window.controller.last_experiment
    assert last is not None and last.optimizer_state and last is window.state.experiment


class _Payload:
    pass


def _payload_job() -> tuple[weakref.ref, object]:
    """A job that sends and returns an object only its own closure holds."""
    payload = _Payload()

    def job(ctx):
        ctx.emit(payload)
        return payload

    return weakref.ref(payload), job


def test_the_task_runner_keeps_nothing_of_a_finished_task(qtbot):
    runner = TaskRunner("aegui-test")
    try:
        answers: list[type] = []
        held, job = _payload_job()
        with qtbot.waitSignal(runner.finished, timeout=5000):
            runner.submit("work", job, lambda result: answers.append(type(result)),
                          on_progress=lambda value: answers.append(type(value)))
        del job
        qtbot.waitUntil(lambda: not runner.thread_alive(), timeout=5000)
        _collect()
        assert answers == [_Payload, _Payload]
        assert held() is None  # no request, closure, result or context keeps it
        assert runner._threads == []  # the ended QThread object is let go too
    finally:
        runner.shutdown(5.0)


def test_train_stop_retrain_cycles_with_every_tab_on_screen(qtbot, window):
    state, controller, tabs = window.state, window.controller, window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        name = tabs.tabText(index)
        _train_and_stop(qtbot, window)
        stopped = state.experiment.epochs_done
        assert stopped >= 1, name
        # Again to the end: continued from the stopped model on every other tab, afresh on the rest.
        continued = index % 2 == 1
        assert _train_to_the_end(qtbot, window, 1 if continued else 2, continued), name
        last = controller.last_experiment
        assert last is not None and last.optimizer_state, name
        assert last.epochs_done == (stopped + 1 if continued else 2), name
    qtbot.waitUntil(lambda: not controller.runner.thread_alive(), timeout=TIMEOUT)
    assert state.run_state == "idle" and not controller.is_active() and controller.job is None
    assert state.model is not None and not state.is_demo and state.experiment is controller.last_experiment
    assert tabs.count() >= 5 and window.train_tab.startButton.isEnabled()
