"""The Preferences dialog: settings of the app itself, not of an experiment."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aegui.core.choices import DEFAULT_CHECKPOINT_MINUTES
from aegui.core.data import mapped
from aegui.core.device import CLI_DEFAULT_THREADS, automatic_threads, physical_cores, usable_cpus
from aegui.core.run.tensorboard_log import INSTALL_HINT, TB_FOLDER, tensorboard_available
from aegui.core.text import file_size, plural
from aegui.ui.i18n import LANGUAGES, translate, translate_plural, translate_said
from aegui.ui.i18n import SETTINGS_KEY as LANGUAGE_KEY
from aegui.ui.i18n import available as available_languages

THREADS_KEY = "train/threads"  # 0: automatic
CHECKPOINT_KEY = "train/checkpoint_minutes"  # 0: only at the end of each epoch
MAX_CHECKPOINT_MINUTES = 240
TENSORBOARD_KEY = "train/tensorboard"  # also write TensorBoard logs in each run folder
SCHEME_KEY = "window/color_scheme"  # system, light or dark
SCHEME_TITLES = {"system": QT_TRANSLATE_NOOP("PreferencesDialog", "As the system"),
                 "light": QT_TRANSLATE_NOOP("PreferencesDialog", "Light"),
                 "dark": QT_TRANSLATE_NOOP("PreferencesDialog", "Dark")}
# Language names stay in their own language, except "System".
QT_TRANSLATE_NOOP("PreferencesDialog", "System")


def thread_preference(settings: QSettings) -> int:
    try:
        return max(0, int(settings.value(THREADS_KEY, 0)))
    except (TypeError, ValueError):
        return 0  # a hand-edited or foreign value: automatic


def checkpoint_minutes(settings: QSettings) -> int:
    try:
        value = int(settings.value(CHECKPOINT_KEY, int(DEFAULT_CHECKPOINT_MINUTES)))
    except (TypeError, ValueError):
        value = int(DEFAULT_CHECKPOINT_MINUTES)
    return min(max(0, value), MAX_CHECKPOINT_MINUTES)


def checkpoint_seconds(settings: QSettings) -> float | None:
    """How often a run saves inside an epoch; None: only at epoch ends."""
    minutes = checkpoint_minutes(settings)
    return minutes * 60.0 if minutes else None


def color_scheme(settings: QSettings) -> str:
    value = settings.value(SCHEME_KEY, "system", type=str)
    return value if value in SCHEME_TITLES else "system"


def tensorboard_logs(settings: QSettings) -> bool:
    """Whether runs write TensorBoard logs: asked for, and TensorBoard is installed."""
    return settings.value(TENSORBOARD_KEY, False, type=bool) and tensorboard_available()


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferencesDialog")
        self.settings = settings
        cores = usable_cpus()
        self.threadsSpin = QSpinBox(objectName="threadsSpin", minimum=0, maximum=cores)
        auto = automatic_threads()
        self.threadsSpin.setSpecialValueText(self.tr("Automatic ({count})").format(count=auto))
        self.threadsSpin.setValue(min(thread_preference(settings), cores))
        self.threadsSpin.setToolTip(self.tr(
            "CPU threads for training, 1–{cores}. More threads train faster; on machines with "
            "many cores, leaving one free keeps the window smooth.").format(cores=cores))
        core_words = translate_plural("PreferencesDialog", "%n core(s)", physical_cores(),
                                      plural(physical_cores(), "core"))
        thread_words = translate_plural("PreferencesDialog", "%n CPU thread(s)", cores, plural(cores, "CPU thread"))
        note = QLabel(self.tr(
            "This machine has {cores} ({threads} usable). Automatic uses {auto}, which keeps the window "
            "responsive while losing the least training speed; the command line (aegui train) uses {cli}. "
            "GPU training is not affected. A change applies from the next run.").format(
            cores=core_words, threads=thread_words, auto=auto, cli=CLI_DEFAULT_THREADS), wordWrap=True)
        note.setObjectName("threadsNote")
        self.checkpointSpin = QSpinBox(objectName="checkpointSpin", minimum=0, maximum=MAX_CHECKPOINT_MINUTES,
                                       suffix=self.tr(" min"))
        self.checkpointSpin.setSpecialValueText(self.tr("Only at epoch ends"))
        self.checkpointSpin.setValue(checkpoint_minutes(settings))
        self.checkpointSpin.setToolTip(self.tr(
            "Also save inside an epoch this often, so a crash in a long epoch costs at most this "
            "much training. 'aegui train --resume RUN' continues from the last such save."))
        self.tensorboardCheck = QCheckBox(
            self.tr("Write TensorBoard logs ({folder}/ in each run folder)").format(folder=TB_FOLDER),
            objectName="tensorboardCheck")
        available = tensorboard_available()
        self.tensorboardCheck.setChecked(tensorboard_logs(settings))
        self.tensorboardCheck.setEnabled(available)
        self.tensorboardCheck.setToolTip(self.tr(
            "Losses, learning rate and speed each epoch, a grid of reconstructions, and the final codes "
            "for the Embedding Projector: tensorboard --logdir RUN/{folder}.").format(folder=TB_FOLDER)
            if available else translate_said(INSTALL_HINT))
        self.schemeCombo = QComboBox(objectName="colorSchemeCombo")
        for key, title in SCHEME_TITLES.items():
            self.schemeCombo.addItem(translate("PreferencesDialog", title), key)
        self.schemeCombo.setCurrentIndex(self.schemeCombo.findData(color_scheme(settings)))
        self.schemeCombo.setToolTip(self.tr("Light or dark windows and plots; 'As the system' follows the "
                                            "desktop's choice, also when it changes."))
        self.languageCombo = QComboBox(objectName="languageCombo")
        for code in ("system", *available_languages()):
            self.languageCombo.addItem(translate("PreferencesDialog", LANGUAGES.get(code, code)), code)
        self.languageCombo.setCurrentIndex(max(0, self.languageCombo.findData(
            settings.value(LANGUAGE_KEY, "system", type=str))))
        self.languageCombo.setToolTip(self.tr("The language of the window (the command line stays English). "
                                              "AEGUI_LANG in the environment overrides it."))
        self.cacheLabel = QLabel(objectName="dataCacheLabel")
        self.clearCacheButton = QPushButton(self.tr("Remove cached data"), objectName="clearCacheButton")
        self.clearCacheButton.setToolTip(self.tr(
            "Datasets larger than the memory limit are kept as files in {folder}, made once and reused. "
            "Removing them frees the disk; they are made again when loaded.").format(folder=mapped.datasets_dir()))
        self.clearCacheButton.clicked.connect(self._clear_cache)
        cache_row = QHBoxLayout()
        cache_row.addWidget(self.cacheLabel, 1)
        cache_row.addWidget(self.clearCacheButton)
        self._show_cache()
        form = QFormLayout()
        form.addRow(self.tr("Training threads"), self.threadsSpin)
        form.addRow(self.tr("Save inside an epoch every"), self.checkpointSpin)
        form.addRow(self.tr("TensorBoard"), self.tensorboardCheck)
        form.addRow(self.tr("Appearance"), self.schemeCombo)
        form.addRow(self.tr("Language"), self.languageCombo)
        form.addRow(self.tr("Data cache"), cache_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _show_cache(self) -> None:
        size = mapped.cache_size()
        self.cacheLabel.setText(file_size(size) if size else self.tr("Empty"))
        self.clearCacheButton.setEnabled(size > 0)

    def _clear_cache(self) -> None:
        """Immediate, not on OK: the files are only a copy of the user's data."""
        mapped.clear_cache()
        self._show_cache()

    def accept(self) -> None:
        self.settings.setValue(THREADS_KEY, self.threadsSpin.value())
        self.settings.setValue(CHECKPOINT_KEY, self.checkpointSpin.value())
        self.settings.setValue(SCHEME_KEY, self.schemeCombo.currentData())
        self.settings.setValue(LANGUAGE_KEY, self.languageCombo.currentData())
        if self.tensorboardCheck.isEnabled():
            self.settings.setValue(TENSORBOARD_KEY, self.tensorboardCheck.isChecked())
        self.settings.sync()
        super().accept()
