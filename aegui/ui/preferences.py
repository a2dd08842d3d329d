"""The Preferences dialog: settings of the app itself, not of an experiment."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aegui.core.device import CLI_DEFAULT_THREADS, automatic_threads, physical_cores, usable_cpus
from aegui.core.text import plural

THREADS_KEY = "train/threads"  # 0: automatic


def thread_preference(settings: QSettings) -> int:
    try:
        return max(0, int(settings.value(THREADS_KEY, 0)))
    except (TypeError, ValueError):
        return 0  # a hand-edited or foreign value: automatic


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.settings = settings
        cores = usable_cpus()
        self.threadsSpin = QSpinBox(objectName="threadsSpin", minimum=0, maximum=cores)
        auto = automatic_threads()
        self.threadsSpin.setSpecialValueText(f"Automatic ({auto})")
        self.threadsSpin.setValue(min(thread_preference(settings), cores))
        self.threadsSpin.setToolTip(
            f"CPU threads for training, 1–{cores}. More threads train faster; on machines with "
            "many cores, leaving one free keeps the window smooth.")
        note = QLabel(
            f"This machine has {plural(physical_cores(), 'core')} ({plural(cores, 'CPU thread')} "
            f"usable). Automatic uses {auto}, which keeps the window responsive while losing the least "
            f"training speed; the command line (aegui train) uses {CLI_DEFAULT_THREADS}. GPU "
            "training is not affected. A change applies from the next run.", wordWrap=True)
        note.setObjectName("threadsNote")
        form = QFormLayout()
        form.addRow("Training threads", self.threadsSpin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.setValue(THREADS_KEY, self.threadsSpin.value())
        self.settings.sync()
        super().accept()
