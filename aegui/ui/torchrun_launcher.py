"""Train tab › "Processes": the same experiment trained by N processes under torchrun, started
as a child process of the window (never distributed workers inside it).

The window follows the run folder the job writes, the way the Runs tab does: each new row
of ``history.csv`` becomes an epoch on the loss plot. Stop sends torchrun SIGTERM; it passes
that on to its workers, which keep their last whole epoch and exit.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path

import psutil
from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from aegui.core.catalog import HistoryTail
from aegui.core.config import ExperimentConfig
from aegui.core.reports import EpochReport
from aegui.core.run.files import HISTORY_FILE
from aegui.ui.i18n import translate
from aegui.workers.tasks import GUI_FIRST_NICENESS

POLL_MS = 500
STOP_WAIT_MS = 15_000  # after this, a job that ignored SIGTERM is killed
MAX_ERROR_TAIL = 20_000


def torchrun_arguments(config_file: Path, run_dir: Path, processes: int) -> list[str]:
    return ["-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={processes}",
            "-m", "aegui", "train", "--config", str(config_file), "--out", str(run_dir),
            "--quiet", "--checkpoint-minutes", "0"]


class TorchrunRun(QObject):
    """One torchrun job: ``epochDone(EpochReport)`` per epoch, ``ended(code, message)`` once."""

    epochDone = Signal(object)
    ended = Signal(int, str)  # exit code; the job's own error line when it failed

    def __init__(self, config: ExperimentConfig, run_dir: Path, processes: int, jobs_dir: Path,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.config, self.run_dir, self.processes = config, Path(run_dir), processes
        jobs_dir.mkdir(parents=True, exist_ok=True)
        self.config_file = jobs_dir / f"{self.run_dir.name}.json"
        self.config_file.write_text(config.to_json() + "\n", encoding="utf-8")
        self.tail = HistoryTail(self.run_dir / HISTORY_FILE)
        self.stopping = False
        self._errors = b""
        self._shown = 0  # history rows already passed on
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        if config.device == "cpu" or not _has_cuda():
            environment.insert("OMP_NUM_THREADS", "1")  # N processes share the cores
        self.process.setProcessEnvironment(environment)
        self.process.setProgram(sys.executable)
        self.process.setArguments(torchrun_arguments(self.config_file, self.run_dir, processes))
        self.process.readyReadStandardError.connect(self._read_errors)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._process_error)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.started_at = 0.0

    def start(self) -> None:
        self.started_at = time.monotonic()
        self.process.start()
        _yield_to_gui(int(self.process.processId()))
        self.timer.start()

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def stop(self) -> None:
        """Ask the job to stop (SIGTERM to torchrun, which ends its workers)."""
        if self.is_running():
            self.stopping = True
            self.process.terminate()
            QTimer.singleShot(STOP_WAIT_MS, self._kill_if_running)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """The window closes: stop the job and wait for it (then kill it)."""
        self.stop()
        if self.is_running() and not self.process.waitForFinished(timeout_ms):
            self._kill_tree()
            self.process.waitForFinished(2000)

    def poll(self) -> None:
        if self.tail.poll():
            for row in self.tail.rows[self._shown:]:
                self.epochDone.emit(EpochReport.from_history_row(row, self.config.epochs))
            self._shown = len(self.tail.rows)

    def _kill_if_running(self) -> None:
        if self.is_running():
            self._kill_tree()

    def _kill_tree(self) -> None:
        """torchrun and its workers: they run in sessions of their own, so killing torchrun
        alone would leave a worker blocked in a collective holding its GPU."""
        try:
            workers = psutil.Process(int(self.process.processId())).children(recursive=True)
        except (psutil.Error, ValueError):
            workers = []
        self.process.kill()
        for worker in workers:
            try:
                worker.kill()
            except psutil.Error:
                pass

    def _process_error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no "finished" follows
            self.timer.stop()
            self.config_file.unlink(missing_ok=True)
            self.ended.emit(-1, self.tr("torchrun could not start: {error}").format(error=self.process.errorString()))

    def _read_errors(self) -> None:
        self._errors = (self._errors + bytes(self.process.readAllStandardError()))[-MAX_ERROR_TAIL:]

    def _finished(self, code: int, _status) -> None:
        self.timer.stop()
        self.poll()  # the last epoch's row
        self.config_file.unlink(missing_ok=True)
        text = self._errors.decode("utf-8", errors="replace")
        if code != 0:
            log.warning("torchrun ended with code %s; the end of what it printed:\n%s", code, text)
        self.ended.emit(code, _error_line(text))


log = logging.getLogger("aegui.torchrun")
_RULE = re.compile(r"^[\s=\-_*#~]+$")  # torchrun frames its failure report with rules of "="
_SIGNAL = re.compile(r"Signal (\d+) \((SIG[A-Z]+)\) received")
_EXIT_CODE = re.compile(r"exitcode\s*:\s*(-?\d+)")


def _error_line(text: str) -> str:
    """The job's one-sentence error: rank 0's "aegui: …" when a worker said one, else what
    torchrun's failure report says happened (a signal, an exit code), else its last line
    of words."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    ours = [line for line in lines if line.startswith("aegui:")] or \
        [line for line in lines if line.startswith("aegui [rank")]
    if ours:
        return ours[-1].removeprefix("aegui: error: ").removeprefix("aegui: ")
    if signal := _SIGNAL.search(text):
        return translate("TorchrunRun", "A training process was ended by {name} (signal {number}); the last whole "
                         "epoch is kept in the run folder.").format(name=signal.group(2), number=signal.group(1))
    if code := _EXIT_CODE.search(text):
        return translate("TorchrunRun", "A training process exited with code {code} without saying why; the last "
                         "whole epoch is kept in the run folder, and torchrun's output is in the log file.").format(
            code=code.group(1))
    words = [line for line in lines if not _RULE.match(line)]
    return words[-1][:300] if words else ""


def _yield_to_gui(pid: int) -> None:
    """Lower the job's priority before torchrun starts its workers (they inherit it): its
    processes would otherwise take every core from the window that follows them."""
    if pid <= 0:
        return
    try:
        process = psutil.Process(pid)
        if sys.platform == "win32":
            process.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
        else:
            process.nice(GUI_FIRST_NICENESS)
    except (psutil.Error, OSError):
        pass  # not permitted: the job runs at normal priority


def gpu_count() -> int:
    try:
        import torch

        return torch.cuda.device_count() if torch.cuda.is_available() else 0
    except ImportError:  # pragma: no cover - torch is a dependency
        return 0


def _has_cuda() -> bool:
    try:
        import torch

        return torch.cuda.is_available()
    except ImportError:  # pragma: no cover - torch is a dependency
        return False

