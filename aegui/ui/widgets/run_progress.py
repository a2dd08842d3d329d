"""The training progress bar and speed line: live batch progress while a run goes, and
one plain sentence about how it ended once it is over (no stale ETA)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from aegui.core.reports import EpochReport, StepReport
from aegui.core.text import plural

BAR_STEPS = 1000  # the bar's resolution: per mille of the run


def format_seconds(seconds: float) -> str:
    seconds = int(max(0, seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


def describe_outcome(first: int, done: int, total: int, stopped: bool) -> str:
    """How a run ended. ``first``: epochs the model had when the run started; ``done``:
    epochs it has now; ``total``: the epoch the run was to reach; ``stopped``: the user
    asked it to stop. A run that ends short without being asked to has failed (the
    window's banner says why)."""
    continued = first > 0
    if done >= total:
        if continued:
            return f"Finished {plural(done - first, 'more epoch', 'more epochs')} · {done:,} in all"
        return f"Finished {plural(done, 'epoch')}"
    if stopped:
        if done > first:
            return f"Stopped after epoch {done:,} of {total:,}"
        kept = f" · the model stays at epoch {done:,}" if continued else " · no epoch completed"
        return f"Stopped during epoch {done + 1:,} of {total:,}{kept}"
    kept = f" · epoch {done:,} is kept" if done else ""
    return f"Failed during epoch {done + 1:,} of {total:,}{kept}"


class RunProgress(QWidget):
    """``bar`` shows the run; ``speed`` its images per second and, while it runs, the ETA."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = QProgressBar(objectName="trainProgress")
        self.bar.setRange(0, BAR_STEPS)
        self.speed = QLabel("", objectName="speedLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.speed)
        self.reset()

    def reset(self) -> None:
        self.bar.setValue(0)
        self.bar.setFormat("Ready")
        self.speed.setText("")

    def show_starting(self) -> None:
        self.bar.setValue(0)
        self.bar.setFormat("Starting…")
        self.speed.setText("")

    def show_step(self, r: StepReport, note: str = "") -> None:
        self.bar.setValue(round(BAR_STEPS * r.fraction_done))
        self.bar.setFormat(f"Epoch {r.epoch + 1:,}/{r.epochs:,} · batch {r.step:,}/{r.steps_per_epoch:,}"
                           + (f" ({note})" if note else ""))
        self.speed.setText(f"{r.images_per_s:,.0f} img/s · ETA {format_seconds(r.eta_s)}")

    def set_note(self, note: str) -> None:
        """Mark the live text, e.g. "paused" or "stopping", until the next batch arrives."""
        text = self.bar.format().split(" (")[0]
        self.bar.setFormat(f"{text} ({note})" if note else text)
        if note:  # paused or stopping: no time to go while nothing moves
            self.speed.setText(self.speed.text().split(" · ETA")[0])

    def show_outcome(self, text: str, fraction: float, images_per_s: float | None) -> None:
        self.bar.setValue(round(BAR_STEPS * min(1.0, max(0.0, fraction))))
        self.bar.setFormat(text)
        # The run is over: its speed is still worth knowing, a time to go is not.
        self.speed.setText(f"{images_per_s:,.0f} img/s" if images_per_s else "")

    def show_run_end(self, steps: list[StepReport], epochs: list[EpochReport], stopped: bool) -> None:
        """Say how the run that sent ``steps`` ended; ``epochs`` is the history it left."""
        if not steps:
            self.show_outcome(f"{'Stopped' if stopped else 'Failed'} before the first batch", 0.0, None)
            return
        first, total = steps[0].epoch, steps[-1].epochs
        done = max(first, epochs[-1].epoch if epochs else 0)
        rate = epochs[-1].images_per_s if done > first else steps[-1].images_per_s
        self.show_outcome(describe_outcome(first, done, total, stopped), done / total, rate)
