"""The corruption picker: a kind and its level, each kind starting at a level that shows
(a level of 0 would leave the images as they are) and keeping the level last used."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QWidget

from aegui.core.corruptions import CORRUPTIONS, LEVEL_LABELS, LEVEL_RANGES, TASKS, Corruption
from aegui.ui.i18n import translate
from aegui.ui.words import core_words

# The kinds' titles in the picker; translated where shown: translate("CorruptionControls", title).
KIND_TITLES = {
    "none": QT_TRANSLATE_NOOP("CorruptionControls", "None"),
    "gaussian": QT_TRANSLATE_NOOP("CorruptionControls", "Gaussian"),
    "salt-pepper": QT_TRANSLATE_NOOP("CorruptionControls", "Salt and pepper"),
    "mask": QT_TRANSLATE_NOOP("CorruptionControls", "Mask"),
    "blur": QT_TRANSLATE_NOOP("CorruptionControls", "Blur"),
    "downscale": QT_TRANSLATE_NOOP("CorruptionControls", "Downscale"),
    "grayscale": QT_TRANSLATE_NOOP("CorruptionControls", "Grayscale"),
}


def default_level(kind: str) -> float:
    """The level the kind's task trains with, else a fifth of its range."""
    for task_kind, level in TASKS.values():
        if task_kind == kind and level:
            return level
    low, high = LEVEL_RANGES[kind]
    return round(low + (high - low) / 5, 2)


def has_level(kind: str) -> bool:
    low, high = LEVEL_RANGES[kind]
    return high > low


class CorruptionControls(QWidget):
    kindChanged = Signal()  # the user picked another kind (its level is set already)
    levelChanged = Signal()  # the user changed the level

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox(objectName="corruptionCombo")
        for kind in CORRUPTIONS:
            title = KIND_TITLES.get(kind, kind.replace("-", " and ").capitalize())
            self.combo.addItem(translate("CorruptionControls", title), kind)
        self.level = QDoubleSpinBox(objectName="corruptionLevel", decimals=2, singleStep=0.05)
        self.levelName = QLabel(self.tr("Level"))
        self._levels: dict[str, float] = {}  # the level last used with each kind
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Corruption")), self.combo, self.levelName, self.level):
            layout.addWidget(widget)
        self.combo.currentIndexChanged.connect(self._on_kind)
        self.level.valueChanged.connect(self._on_level)
        self._fit_level()

    def kind(self) -> str:
        return self.combo.currentData()

    def corruption(self) -> Corruption:
        return Corruption(self.kind(), self.level.value() if self.level.isEnabled() else 0.0)

    def set_corruption(self, corruption: Corruption) -> None:
        """Show ``corruption`` (a model's own), without emitting a change."""
        if has_level(corruption.kind):
            self._levels[corruption.kind] = corruption.level
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(corruption.kind))
        self.combo.blockSignals(False)
        self._fit_level()

    def allow_grayscale(self, allowed: bool) -> None:
        """Grayscale is a corruption of colour images only."""
        self.combo.model().item(self.combo.findData("grayscale")).setEnabled(allowed)

    def _fit_level(self) -> None:
        kind = self.kind()
        low, high = LEVEL_RANGES[kind]
        self.level.blockSignals(True)
        self.level.setEnabled(has_level(kind))
        if has_level(kind):
            self.level.setRange(low, high)
            self.level.setSingleStep((high - low) / 20)
            self.level.setValue(self._levels.get(kind, default_level(kind)))
        self.level.blockSignals(False)
        self.levelName.setText(core_words(LEVEL_LABELS[kind]) or self.tr("Level"))

    def _on_kind(self) -> None:
        self._fit_level()
        self.kindChanged.emit()

    def _on_level(self, value: float) -> None:
        self._levels[self.kind()] = value
        self.levelChanged.emit()
