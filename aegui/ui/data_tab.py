"""The Data tab: pick a source, load it off the GUI thread, inspect and split it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.text import plural
from aegui.ui.app_state import AppState, RunState, data_key, data_key_of
from aegui.ui.i18n import error_text, translate, translate_plural, translate_said
from aegui.ui.widgets.class_count_plot import ClassCountPlot, short_name
from aegui.ui.widgets.class_picker import ClassPicker
from aegui.ui.widgets.dataset_summary import DatasetSummary
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.ui.widgets.source_picker import SourcePicker
from aegui.workers.dataset_loader import LoadRequest, load_job
from aegui.workers.tasks import TaskRunner

ERROR_TITLE = QT_TRANSLATE_NOOP("DataTab", "Could not load the dataset")
PREVIEW_COUNT = 32



def request_key(request: LoadRequest) -> tuple:
    """The data a load request names, as AppState compares it with the config."""
    return data_key_of(request.spec, request.image_size, request.color)


class SplitControls(QGroupBox):
    """Validation fraction and split seed: fields of the experiment config. Every change
    re-splits through the state, with the function the CLI uses."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(translate("SplitControls", "Split"), parent)
        self.state = state
        self.fraction = QDoubleSpinBox()
        self.fraction.setObjectName("valFractionSpin")
        self.fraction.setRange(0.05, 0.5)
        self.fraction.setSingleStep(0.05)
        self.fraction.setDecimals(2)
        self.fraction.setToolTip(self.tr("Share of the images held out to measure validation loss"))
        self.seed = QSpinBox()
        self.seed.setObjectName("splitSeedSpin")
        self.seed.setRange(0, 999_999)
        self.seed.setToolTip(self.tr("The same seed always gives the same split, whatever the training seed"))
        self.classes = ClassPicker()
        for spin in (self.fraction, self.seed):
            spin.setKeyboardTracking(False)  # re-split on Enter or focus-out, not per keystroke
        self.sync_from_state()
        self.fraction.valueChanged.connect(self._apply)
        self.seed.valueChanged.connect(self._apply)
        self.classes.changed.connect(self._apply_classes)
        form = QFormLayout(self)
        form.addRow(self.tr("Validation"), self.fraction)
        form.addRow(self.tr("Split seed"), self.seed)
        form.addRow(self.tr("Train on"), self.classes)

    def sync_from_state(self) -> None:
        config, dataset = self.state.config, self.state.dataset
        names = dataset.class_names if dataset is not None and dataset.has_labels else ()
        self.classes.set_classes(names, config.classes if names else None)
        for spin, value in ((self.fraction, config.val_fraction), (self.seed, config.split_seed)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def _apply_classes(self, kept: tuple[int, ...] | None) -> None:
        try:
            self.state.update_config(classes=kept)
        except AeguiError as exc:
            self.sync_from_state()
            self.state.report_error(self.tr("Could not keep those classes"), error_text(exc), "data")
            return
        self.state.clear_error("data")

    def _apply(self) -> None:
        try:
            self.state.update_config(val_fraction=round(self.fraction.value(), 4),
                                     split_seed=self.seed.value())
        except AeguiError as exc:  # e.g. a dataset too small to split: the config is unchanged
            self.sync_from_state()
            self.state.report_error(self.tr("Could not split the dataset"), error_text(exc), "data")
            return
        self.state.clear_error("data")


class DataTab(QWidget):
    """Public API for the main window: :meth:`load_spec`, :attr:`loadFinished`, :meth:`shutdown`."""

    loadFinished = Signal(bool)  # True once the state holds the new dataset
    loadProgress = Signal(int, int)  # files done, total (folder loads)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dataTab")
        self.state = state
        self.loader = TaskRunner("aegui-dataset-load", self)
        self._loading_key: tuple | None = None  # data_key of the load in flight
        self._failed_key: tuple | None = None  # data_key of the last load that failed
        self._rng = np.random.default_rng()
        self._shown: ImageDataset | None = None
        self._own: ImageDataset | None = None  # the last dataset this tab put into the state
        self.preview_indices = np.zeros(0, dtype=np.int64)

        self.picker = SourcePicker()
        self.load_button = QPushButton(self.tr("Load"))
        self.load_button.setObjectName("loadButton")
        self.load_button.setToolTip(self.tr("Load the chosen source into memory"))
        self.load_button.setDefault(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("loadProgress")
        self.progress.setTextVisible(True)
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # no layout jump when loading starts and ends
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelLoadButton")
        self.cancel_button.setToolTip(self.tr("Stop loading; the dataset shown stays"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_load)
        self.split_controls = SplitControls(state)
        self.summary = DatasetSummary()
        self.preview = ImageGrid(columns=8, placeholder=self.tr("Load a dataset to see samples here."))
        self.preview.setObjectName("previewGrid")
        self.reshuffle_button = QPushButton(self.tr("Reshuffle"))
        self.reshuffle_button.setObjectName("reshuffleButton")
        self.reshuffle_button.setToolTip(self.tr("Show a different random sample"))
        self.reshuffle_button.setEnabled(False)
        self.class_plot = ClassCountPlot(self)
        self.class_plot.setObjectName("classCountPlot")
        self.preview_box = QGroupBox(self.tr("Preview"))
        self._build_layout()

        self.load_button.clicked.connect(self._load_from_picker)
        self.picker.pathChosen.connect(self._load_from_picker)  # Browse… then load at once
        self.reshuffle_button.clicked.connect(self._draw_preview)
        state.datasetChanged.connect(self._on_dataset_changed)
        state.configChanged.connect(self._follow_config)
        state.runStateChanged.connect(self._on_run_state)
        self._on_dataset_changed()

    def _build_layout(self) -> None:
        source = QGroupBox(self.tr("Source"))
        source_layout = QVBoxLayout(source)
        source_layout.addWidget(self.picker)
        source_layout.addWidget(self.load_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        source_layout.addLayout(progress_row)
        left = QVBoxLayout()
        left.addWidget(source)
        left.addWidget(self.split_controls)
        left.addStretch(1)
        left_panel = QWidget()
        left_panel.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        left_panel.setMinimumWidth(270)  # narrow windows give the room to the preview
        left_panel.setMaximumWidth(340)

        summary_box = QGroupBox(self.tr("Summary"))
        QVBoxLayout(summary_box).addWidget(self.summary)
        chart_box = QGroupBox(self.tr("Images per class"))
        QVBoxLayout(chart_box).addWidget(self.class_plot)
        top = QHBoxLayout()
        top.addWidget(summary_box, 1)
        top.addWidget(chart_box, 1)

        preview_layout = QVBoxLayout(self.preview_box)
        preview_layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reshuffle_button)
        preview_layout.addLayout(buttons)

        right = QVBoxLayout()
        right.addLayout(top, 2)
        right.addWidget(self.preview_box, 3)
        root = QHBoxLayout(self)
        root.addWidget(left_panel)
        root.addLayout(right, 1)
        self.summary.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- loading ------------------------------------------------------------------------------
    def load_spec(self, spec: str, download: bool = False, image_size: int | None = None,
                  color: str = "auto") -> None:
        """Start loading ``spec`` (any spec string or bare path) and show it in the picker."""
        try:
            parsed = self.picker.show_spec(spec, download, image_size, color)
        except AeguiError as exc:
            self.loader.cancel("load")  # a newer request, even a broken one, wins
            self._loading_key = None
            self._set_busy(False)
            self._fail(error_text(exc))
            return
        self._start(LoadRequest(str(parsed), download, image_size, color))

    def load_config_data(self) -> None:
        """Load what the config's data fields name (at start-up, or for an opened experiment)."""
        c = self.state.config
        self.load_spec(c.dataset, image_size=c.image_size, color=c.color)

    def _follow_config(self) -> None:
        """An opened experiment (or restored settings) changed the data fields: load them,
        once. A load that failed is retried only on request (the Load button)."""
        wanted = data_key(self.state.config)
        if self.state.data_matches_config() or wanted in (self._loading_key, self._failed_key):
            return
        self.load_config_data()

    def cancel_load(self) -> None:
        """Stop the load under way (a big folder or array); what was shown before stays."""
        if self._loading_key is None:
            return
        self.loader.cancel("load")
        self._failed_key, self._loading_key = self._loading_key, None  # not loaded again by itself
        self._set_busy(False)
        if self.state.dataset is not None:
            self.state.revert_data_fields()  # the config keeps describing the loaded data
        self.state.statusMessage.emit(self.tr("Loading cancelled; the dataset shown is unchanged."))
        self.loadFinished.emit(False)

    def is_loading(self) -> bool:
        return self.loader.is_busy("load")

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        """Cancel a running load (its result is dropped). True if its thread ended."""
        return self.loader.shutdown(timeout_s)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _load_from_picker(self) -> None:
        if self.state.run_state != RunState.IDLE:
            return  # a run keeps its data until it ends (Browse… is live during a run)
        self._failed_key = None  # the user asks again: try again
        try:
            request = self.picker.request()
        except AeguiError as exc:
            self._fail(error_text(exc))
            return
        self._start(request)

    def _start(self, request: LoadRequest) -> None:
        self.progress.setRange(0, 0)  # busy until the first (done, total) arrives
        self.progress.setFormat(self.tr("Loading {spec}…").format(spec=request.spec))
        self._loading_key = request_key(request)
        self._set_busy(True)
        self.loader.submit("load", load_job(request, split_like=self.state.config),
                           lambda dataset: self._on_loaded(dataset, request),
                           on_progress=self._on_progress,
                           on_error=lambda message: self._on_failed(message, request))

    def _set_busy(self, busy: bool) -> None:
        self.load_button.setEnabled(not busy and self.state.run_state == RunState.IDLE)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _on_run_state(self, run_state: str) -> None:
        # The data of a running experiment stays put until the run ends.
        idle = run_state == RunState.IDLE
        self.load_button.setEnabled(idle and not self.is_loading())
        self.picker.setEnabled(idle)
        self.split_controls.setEnabled(idle)

    def _on_progress(self, progress: tuple[int, int]) -> None:
        done, total = progress
        if total == 0:  # a dataset past the memory limit: its split's files are written
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Splitting into training and validation files…"))
            return
        self.loadProgress.emit(done, total)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if self._loading_key is not None and "folder:" in str(self._loading_key):
            text = self.tr("{done} / {total} files")
        else:
            text = self.tr("{done} / {total} images")
        self.progress.setFormat(text.format(done=f"{done:,}", total=f"{total:,}"))

    def _on_loaded(self, dataset: ImageDataset, request: LoadRequest) -> None:
        self._loading_key = self._failed_key = None
        self._set_busy(False)
        self._own = dataset
        try:
            self.state.set_dataset(dataset, request.spec, request.image_size, request.color)
        except AeguiError as exc:  # e.g. too few images to split: the old dataset stays
            self._fail(error_text(exc))
            return
        # The status bar's dataset label already names it; say only what is new.
        if dataset.skipped:
            skipped = translate_plural("DataTab", "%n unreadable file(s)", dataset.skipped,
                                       plural(dataset.skipped, "unreadable file"))
            self.state.statusMessage.emit(self.tr("Loaded; {files} skipped (see the summary).").format(files=skipped))
        self.loadFinished.emit(True)

    def _on_failed(self, message: str, request: LoadRequest) -> None:
        self._loading_key = None
        self._failed_key = request_key(request)
        self._set_busy(False)
        self._fail(message)

    def _fail(self, message: str) -> None:
        if self.state.dataset is not None:
            message = self.tr("{message} The previous dataset is still loaded.").format(message=translate_said(message))
            self.state.revert_data_fields()  # the config keeps describing the loaded data
        # One message, in the window's banner; the next dataset that loads clears it.
        self.state.report_error(translate("DataTab", ERROR_TITLE), message, "data")
        self.loadFinished.emit(False)

    # -- showing the dataset ----------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        dataset = self.state.dataset
        self.summary.show_dataset(dataset, self.state.split, self.state.config.classes)
        self.split_controls.sync_from_state()
        if dataset is self._shown:
            return  # only the split changed: keep the preview and chart as they are
        self._shown = dataset
        self.reshuffle_button.setEnabled(dataset is not None)
        if dataset is None:
            self.preview.set_images(None)
            self.class_plot.show_message(self.tr("no dataset loaded"))
            return
        if dataset is not self._own:  # set elsewhere (e.g. an opened experiment): mirror it
            c = self.state.config
            try:
                self.picker.show_spec(c.dataset, image_size=c.image_size, color=c.color)
            except AeguiError:
                pass  # a spec the picker cannot show leaves it as it was
        self.class_plot.set_counts(dataset.class_counts(), dataset.class_names)
        self._draw_preview()

    def _draw_preview(self) -> None:
        dataset = self._shown
        if dataset is None:
            return
        count = min(PREVIEW_COUNT, len(dataset))
        self.preview_indices = self._rng.choice(len(dataset), count, replace=False)
        images = dataset.images[self.preview_indices].numpy()
        captions = None
        if dataset.labels is not None:
            labels = dataset.labels[self.preview_indices].tolist()
            names = dataset.class_names
            captions = [short_name(names[i], 12) if i < len(names) else str(i) for i in labels]
        self.preview.set_images(images, captions)
        if count < len(dataset):
            self.preview_box.setTitle(self.tr("Preview: {count} random images of {total}").format(
                count=count, total=f"{len(dataset):,}"))
        else:
            self.preview_box.setTitle(self.tr("Preview: all {count} images").format(count=count))
