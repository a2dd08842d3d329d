"""The training progress bar and speed line: live batch progress while a run goes, and
one plain sentence about how it ended once it is over (no stale ETA)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from aegui.core.reports import EpochReport, StepReport
from aegui.core.text import plural
from aegui.ui.i18n import translate, translate_plural

BAR_STEPS = 1000  # the bar's resolution: per mille of the run


def format_seconds(seconds: float) -> str:
    seconds = int(max(0, seconds))
    if seconds >= 3600:
        return translate("RunProgress", "{hours} h {minutes} min").format(
            hours=seconds // 3600, minutes=f"{seconds % 3600 // 60:02d}")
    if seconds >= 60:
        return translate("RunProgress", "{minutes} min {seconds} s").format(
            minutes=seconds // 60, seconds=f"{seconds % 60:02d}")
    return translate("RunProgress", "{seconds} s").format(seconds=seconds)


def describe_outcome(first: int, done: int, total: int, stopped: bool) -> str:
    """How a run ended. ``first``: epochs the model had when the run started; ``done``:
    epochs it has now; ``total``: the epoch the run was to reach; ``stopped``: the user
    asked it to stop. A run that ends short without being asked to has failed (the
    window's banner says why)."""
    continued = first > 0
    if done >= total:
        if continued:
            more = translate_plural("RunProgress", "%n more epoch(s)", done - first,
                                    plural(done - first, "more epoch", "more epochs"))
            return translate("RunProgress", "Finished {epochs} · {done} in all").format(epochs=more, done=f"{done:,}")
        return translate("RunProgress", "Finished {epochs}").format(
            epochs=translate_plural("RunProgress", "%n epoch(s)", done, plural(done, "epoch")))
    if stopped:
        if done > first:
            text = translate("RunProgress", "Stopped after epoch {done} of {total}")
        elif continued:
            text = translate("RunProgress", "Stopped during epoch {epoch} of {total} · the model stays at epoch {done}")
        else:
            text = translate("RunProgress", "Stopped during epoch {epoch} of {total} · no epoch completed")
    elif done:
        text = translate("RunProgress", "Failed during epoch {epoch} of {total} · epoch {done} is kept")
    else:
        text = translate("RunProgress", "Failed during epoch {epoch} of {total}")
    return text.format(done=f"{done:,}", epoch=f"{done + 1:,}", total=f"{total:,}")

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
        self._set_bar(self.tr("Ready"))
        self._set_speed("")

    def show_starting(self) -> None:
        self.bar.setValue(0)
        self._set_bar(self.tr("Starting…"))
        self._set_speed("")

    def show_step(self, r: StepReport, note: str = "") -> None:
        self.bar.setValue(round(BAR_STEPS * r.fraction_done))
        self._set_bar(self.tr("Epoch {epoch}/{epochs} · batch {step}/{steps}").format(
            epoch=f"{r.epoch + 1:,}", epochs=f"{r.epochs:,}", step=f"{r.step:,}", steps=f"{r.steps_per_epoch:,}"), note)
        self._set_speed(self._rate(r.images_per_s), format_seconds(r.eta_s))

    def set_note(self, note: str) -> None:
        """Mark the live text, e.g. "paused" or "stopping", until the next batch arrives."""
        self._set_bar(self._bar_text, note)
        if note:  # paused or stopping: no time to go while nothing moves
            self._set_speed(self._speed_without_eta)

    def show_outcome(self, text: str, fraction: float, images_per_s: float | None) -> None:
        self.bar.setValue(round(BAR_STEPS * min(1.0, max(0.0, fraction))))
        self._set_bar(text)
        # The run is over: its speed is still worth knowing, a time to go is not.
        self._set_speed(self._rate(images_per_s) if images_per_s else "")

    def _set_bar(self, text: str, note: str = "") -> None:
        """The bar's text, and the note after it (kept apart, so a new note replaces the old)."""
        self._bar_text = text
        self.bar.setFormat(f"{text} ({note})" if note else text)

    def _rate(self, images_per_s: float) -> str:
        return self.tr("{rate} img/s").format(rate=f"{images_per_s:,.0f}")

    def _set_speed(self, rate: str, eta: str = "") -> None:
        """The speed line: the rate and, while the run goes, its time to go (kept apart, so a
        pause can drop the time in any language)."""
        self._speed_without_eta = rate
        self.speed.setText(self.tr("{rate} · ETA {eta}").format(rate=rate, eta=eta) if eta else rate)

    def show_run_end(self, steps: list[StepReport], epochs: list[EpochReport], stopped: bool) -> None:
        """Say how the run that sent ``steps`` ended; ``epochs`` is the history it left."""
        if not steps:
            self.show_outcome(self.tr("Stopped before the first batch") if stopped
                              else self.tr("Failed before the first batch"), 0.0, None)
            return
        first, total = steps[0].epoch, steps[-1].epochs
        done = max(first, epochs[-1].epoch if epochs else 0)
        rate = epochs[-1].images_per_s if done > first else steps[-1].images_per_s
        self.show_outcome(describe_outcome(first, done, total, stopped), done / total, rate)
