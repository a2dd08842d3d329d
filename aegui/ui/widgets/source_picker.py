"""The dataset source picker: a combo of sources and one options panel per source."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aegui.core.data import BUNDLED_NAME, TORCHVISION_NAMES, DatasetSpec, default_root, parse_spec
from aegui.core.data.torchvision_source import canonical_name
from aegui.core.errors import DataError
from aegui.ui.i18n import translate
from aegui.workers.dataset_loader import LoadRequest


class PathEdit(QWidget):
    """A path line edit with a Browse… button for a folder or a file."""

    chosen = Signal(str)  # a path picked with Browse… (not typed)

    def __init__(self, pick_folder: bool, file_filter: str = "", placeholder: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.pick_folder = pick_folder
        self.file_filter = file_filter
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.setToolTip(self.tr("Choose a folder") if pick_folder else self.tr("Choose a file"))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def _browse(self) -> None:
        start = self.text() or str(Path.home())
        if self.pick_folder:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), start)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), start, self.file_filter)
        if chosen:
            self.edit.setText(chosen)
            self.chosen.emit(chosen)


def _hint(text: str) -> QLabel:
    """Muted explanatory text, derived from the palette so dark themes stay readable."""
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    text_color = palette.color(QPalette.ColorRole.WindowText)
    background = palette.color(QPalette.ColorRole.Window)
    muted = QColor(*(int(0.65 * a + 0.35 * b) for a, b in zip(text_color.getRgb()[:3],
                                                              background.getRgb()[:3])))
    palette.setColor(QPalette.ColorRole.WindowText, muted)
    label.setPalette(palette)
    return label


class SourcePanel(QWidget):
    """Options for one kind of source; turns them into a load request and back."""

    title = ""
    kinds: tuple[str, ...] = ()

    def request(self) -> LoadRequest:
        """The load request for the current options; every panel defines its own."""
        raise TypeError(f"{type(self).__name__} does not define request()")

    def show_spec(self, spec: DatasetSpec, download: bool, image_size: int | None,
                  color: str) -> None:
        """Fill the controls from a spec (the inverse of :meth:`request`)."""


class BundledPanel(SourcePanel):
    title = QT_TRANSLATE_NOOP("SourcePicker", "Bundled MNIST (10,000 digits)")
    kinds = (BUNDLED_NAME,)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_hint(self.tr("10,000 handwritten digits, 28×28 grayscale, 10 classes. "
                                       "Ships with the app and works offline.")))
        layout.addStretch(1)

    def request(self) -> LoadRequest:
        return LoadRequest(BUNDLED_NAME)


class TorchvisionPanel(SourcePanel):
    title = QT_TRANSLATE_NOOP("SourcePicker", "torchvision dataset")
    kinds = ("torchvision",)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name_combo = QComboBox()
        self.name_combo.addItems(TORCHVISION_NAMES)
        self.name_combo.setToolTip(self.tr("Which classic dataset to load (train and test parts)"))
        self.root = PathEdit(True, placeholder=self.tr("dataset folder"))
        self.root.setText(str(default_root()))
        self.root.setToolTip(self.tr("Folder that holds (or will hold) the downloaded files"))
        self.download = QCheckBox(self.tr("Download if missing"))
        self.download.setToolTip(self.tr("Fetch the files from the internet if the folder lacks them"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Dataset"), self.name_combo)
        form.addRow(self.tr("Folder"), self.root)
        form.addRow("", self.download)

    def request(self) -> LoadRequest:
        root = self.root.text()
        spec = DatasetSpec("torchvision", self.name_combo.currentText(), root)
        return LoadRequest(str(spec), download=self.download.isChecked())

    def show_spec(self, spec: DatasetSpec, download: bool, image_size: int | None,
                  color: str) -> None:
        try:
            self.name_combo.setCurrentText(canonical_name(spec.path))
        except DataError:
            pass  # the load itself will explain the unknown name
        self.root.setText(spec.root or str(default_root()))
        self.download.setChecked(download)


class FolderPanel(SourcePanel):
    title = QT_TRANSLATE_NOOP("SourcePicker", "Image folder")
    kinds = ("folder",)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = PathEdit(True, placeholder=self.tr("folder of images"))
        self.path.setToolTip(self.tr("A folder of images, or one sub-folder of images per class"))
        self.size = QSpinBox()
        self.size.setRange(0, 512)
        self.size.setSingleStep(8)
        self.size.setSpecialValueText(self.tr("auto"))
        self.size.setSuffix(self.tr(" px"))
        self.size.setToolTip(self.tr("Square size the images are cropped and resized to (auto keeps "
                                     "a common size up to 128 px)"))
        self.color = QComboBox()
        for value, text in (("auto", self.tr("auto")), ("gray", self.tr("gray")), ("rgb", self.tr("rgb"))):
            self.color.addItem(text, value)  # shown translated; the data is the config's value
        self.color.setToolTip(self.tr("auto: grayscale only if every image is"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Folder"), self.path)
        form.addRow(self.tr("Size"), self.size)
        form.addRow(self.tr("Colour"), self.color)
        form.addRow(_hint(self.tr("Class sub-folders become the labels; unreadable files are skipped.")))

    def request(self) -> LoadRequest:
        path = self.path.text()
        if not path:
            raise DataError(self.tr("Choose a folder of images first."))
        return LoadRequest(str(DatasetSpec("folder", path)), image_size=self.size.value() or None,
                           color=self.color.currentData())

    def show_spec(self, spec: DatasetSpec, download: bool, image_size: int | None,
                  color: str) -> None:
        self.path.setText(spec.path)
        self.size.setValue(image_size or 0)
        index = self.color.findData(color)
        if index >= 0:
            self.color.setCurrentIndex(index)


class ArrayPanel(SourcePanel):
    title = QT_TRANSLATE_NOOP("SourcePicker", "Array file (npz/npy/IDX)")
    kinds = ("npz", "npy", "idx")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        arrays, every_file = self.tr("Arrays"), self.tr("All files")
        self.path = PathEdit(False, f"{arrays} (*.npz *.npy *idx* *.gz);;{every_file} (*)",
                             placeholder=self.tr(".npz, .npy or IDX file"))
        self.path.setToolTip(self.tr("NumPy arrays or MNIST-style IDX files (a folder of them works too)"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("File"), self.path)
        form.addRow(_hint(self.tr("npz: keys images/labels or x/y. Images N×H×W or N×H×W×C, "
                                  "uint8 or floats in 0–1.")))

    def request(self) -> LoadRequest:
        path = self.path.text()
        if not path:
            raise DataError(self.tr("Choose an array file first."))
        suffix = Path(path).suffix.lower()
        kind = suffix[1:] if suffix in (".npz", ".npy") else "idx"
        return LoadRequest(str(DatasetSpec(kind, path)))

    def show_spec(self, spec: DatasetSpec, download: bool, image_size: int | None,
                  color: str) -> None:
        self.path.setText(spec.path)


class SourcePicker(QWidget):
    """Source combo (objectName ``sourceCombo``) over a stack of option panels."""

    pathChosen = Signal()  # a folder or file was picked with Browse…: what a user means is "load it"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder_panel, self.array_panel = FolderPanel(), ArrayPanel()
        self.panels: list[SourcePanel] = [BundledPanel(), TorchvisionPanel(), self.folder_panel,
                                          self.array_panel]
        for panel in (self.folder_panel, self.array_panel):
            panel.path.chosen.connect(lambda _path: self.pathChosen.emit())
        self.combo = QComboBox()
        self.combo.setObjectName("sourceCombo")
        self.combo.setToolTip(self.tr("Where the images come from"))
        self.stack = QStackedWidget()
        for panel in self.panels:
            self.combo.addItem(translate("SourcePicker", panel.title))
            self.stack.addWidget(panel)
        self.combo.currentIndexChanged.connect(self.stack.setCurrentIndex)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.stack)

    def current_panel(self) -> SourcePanel:
        return self.panels[self.combo.currentIndex()]

    def request(self) -> LoadRequest:
        """What the controls describe; raises DataError when a path is missing."""
        return self.current_panel().request()

    def show_spec(self, spec: str, download: bool = False, image_size: int | None = None,
                  color: str = "auto") -> DatasetSpec:
        """Select the panel for ``spec`` and fill it in; returns the parsed spec."""
        parsed = parse_spec(spec)
        for index, panel in enumerate(self.panels):
            if parsed.kind in panel.kinds:
                panel.show_spec(parsed, download, image_size, color)
                self.combo.setCurrentIndex(index)
                break
        return parsed
