"""The Reconstruct tab: original, corrupted and reconstructed images side by side,
with live corruption controls, per-image metrics, error maps, sorting and a noise sweep."""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aegui.core.corruptions import Corruption
from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.models import MODEL_TITLES
from aegui.core.paging import NEEDS_ERRORS, ordered_rows, page_count, page_of, rows_of_class
from aegui.core.reconstruction import (
    PageResult,
    load_user_image,
    noise_sweep,
    reconstruct_page,
    reconstruction_errors,
    sweep_levels,
    write_page_csv,
)
from aegui.ui.app_state import AppState
from aegui.ui.i18n import error_text, translate
from aegui.ui.lazy import LazyRefresh
from aegui.ui.page_words import DEMO, NO_MODEL, ORDERS, input_captions, output_captions, page_label, page_summary
from aegui.ui.plain_text import plain_label
from aegui.ui.widgets.color_scale import ColorScaleBar, colorize
from aegui.ui.widgets.comparison_rows import ComparisonRows
from aegui.ui.widgets.corruption_controls import CorruptionControls, has_level
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.ui.widgets.notice_strip import NoticeStrip
from aegui.ui.widgets.page_export import save_page_png
from aegui.ui.widgets.sweep_plot import SweepPlot
from aegui.ui.widgets.zoom_dialog import ZoomDialog, ZoomPanel
from aegui.ui.words import core_words
from aegui.workers.tasks import TaskRunner


class ReconstructTab(QWidget):
    pageShown = Signal()  # the views were updated with a new page
    sweepFinished = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reconstructTab")
        self.setAcceptDrops(True)
        self.state = state
        self.worker = TaskRunner("aegui-reconstruct", self, yields_to_gui=True)
        self.worker.failed.connect(self._on_failed)
        self.lazy = LazyRefresh(self, self._run_page)
        self.page_index = 0
        self.noise_seed = 0
        self.order: np.ndarray | None = None  # validation rows in display order
        self.errors: np.ndarray | None = None  # per-row MSE, for sorting
        self.page: PageResult | None = None  # None once the model or data it came from is gone
        self.user_image: torch.Tensor | None = None
        self.user_image_name = ""
        self.zoom: ZoomDialog | None = None
        self._model: object = object()  # the model the results on screen belong to (none yet)
        self._config: object = None  # that model's experiment config (one per run)
        self._page_size = 0  # images per page of the paging in use
        self._build()
        state.experimentChanged.connect(self._on_model)
        state.datasetChanged.connect(self._on_dataset)
        self._on_model()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.corruptionControls = CorruptionControls()
        self.corruptionCombo = self.corruptionControls.combo
        self.corruptionLevel = self.corruptionControls.level
        self.reseedButton = QPushButton(self.tr("New noise"), objectName="reseedButton")
        self.pageSizeSpin = QSpinBox(objectName="pageSizeSpin", minimum=8, maximum=64, singleStep=8, value=16)
        self.pageSizeSpin.setToolTip(self.tr("Images per page, at most: a small window shows fewer, never tiny ones"))
        self.classCombo = QComboBox(objectName="classFilterCombo")
        self.orderCombo = QComboBox(objectName="orderCombo")
        for title, key in ORDERS:
            self.orderCombo.addItem(translate("ReconstructTab", title), key)
        self.prevButton = QPushButton("◀", objectName="prevPageButton", toolTip=self.tr("Previous page"))
        self.nextButton = QPushButton("▶", objectName="nextPageButton", toolTip=self.tr("Next page"))
        self.pageLabel = QLabel("", objectName="pageLabel")
        for button in (self.prevButton, self.nextButton):
            button.setFixedWidth(36)
        self.errorCheck = QCheckBox(self.tr("Error map"), objectName="errorMapCheck", checked=True)
        self.sweepButton = QPushButton(self.tr("Noise sweep"), objectName="sweepButton")
        self.openImageButton = QPushButton(self.tr("Your image…"), objectName="openImageButton")
        self.exportPngButton = QPushButton(self.tr("Save PNG…"), objectName="exportPngButton")
        self.exportCsvButton = QPushButton(self.tr("Save CSV…"), objectName="exportCsvButton")
        self.sourceLabel = plain_label(translate("ReconstructTab", NO_MODEL), objectName="modelSourceLabel",
                                       wordWrap=True)
        self.summaryLabel = QLabel("", objectName="pageSummary", wordWrap=True)
        self.userImageBar = NoticeStrip(self.tr("Back to the dataset"), "userImageBar")
        self.userImageBar.button.clicked.connect(self.back_to_dataset)

        row1 = QHBoxLayout()
        for w in (self.corruptionControls, self.reseedButton, self.errorCheck, self.sweepButton):
            row1.addWidget(w)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for w in (QLabel(self.tr("Images")), self.pageSizeSpin, QLabel(self.tr("Class")), self.classCombo,
                  QLabel(self.tr("Order")), self.orderCombo, self.prevButton, self.pageLabel, self.nextButton):
            row2.addWidget(w)
        row2.addStretch(1)
        row3 = QHBoxLayout()
        row3.addWidget(self.summaryLabel, 1)
        for w in (self.openImageButton, self.exportPngButton, self.exportCsvButton):
            row3.addWidget(w)

        self.originalView = self._grid("originalView", translate("ReconstructTab", NO_MODEL))
        self.corruptedView = self._grid("corruptedView", "")
        self.reconstructedView = self._grid("reconstructedView", "")
        self.errorView = self._grid("errorView", "")
        self.scaleBar = ColorScaleBar()
        self.rows = ComparisonRows()
        self.rows.setObjectName("comparisonRows")
        for title, view in ((self.tr("Original"), self.originalView),
                            (self.tr("Model input (corrupted)"), self.corruptedView),
                            (self.tr("Reconstruction"), self.reconstructedView)):
            self.rows.add_row(title, view)
        self.rows.add_row(self.tr("Error map"), self.errorView, self.scaleBar)
        self.rows.layoutChanged.connect(self._on_rows_placed)
        self.sweepPlot = SweepPlot()
        self.sweepPlot.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="reconstructSplitter")
        splitter.addWidget(self.rows)
        splitter.addWidget(self.sweepPlot)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sourceLabel)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addLayout(row3)
        layout.addWidget(self.userImageBar)
        layout.addWidget(splitter, 1)

        self.corruptionControls.kindChanged.connect(self._on_corruption_kind)
        self.corruptionControls.levelChanged.connect(self._invalidate_errors)
        self.reseedButton.clicked.connect(self.new_noise)
        for control in (self.pageSizeSpin.valueChanged, self.classCombo.currentIndexChanged,
                        self.orderCombo.currentIndexChanged):
            control.connect(self._on_paging_control)
        self.prevButton.clicked.connect(lambda: self.go_to_page(self.page_index - 1))
        self.nextButton.clicked.connect(lambda: self.go_to_page(self.page_index + 1))
        self.errorCheck.toggled.connect(self._on_error_check)
        self.sweepButton.clicked.connect(self.run_sweep)
        self.openImageButton.clicked.connect(self._open_image_dialog)
        self.exportPngButton.clicked.connect(lambda: self._export_dialog(
            self.tr("Save comparison"), "reconstructions.png", self.tr("PNG"), self.export_png))
        self.exportCsvButton.clicked.connect(lambda: self._export_dialog(
            self.tr("Save metrics"), "metrics.csv", self.tr("CSV"), self.export_csv))
        self._on_kind_shown()

    def _grid(self, name: str, placeholder: str) -> ImageGrid:
        grid = ImageGrid(columns=16, placeholder=placeholder)
        grid.setObjectName(name)
        grid.clicked.connect(self.open_zoom)
        return grid

    # -- corruption ---------------------------------------------------------------------------
    def corruption(self) -> Corruption:
        return self.corruptionControls.corruption()

    def _on_kind_shown(self) -> None:
        """Another corruption kind: the sweep button and the rows follow it, and a sweep of
        the previous kind goes (its axis is another quantity)."""
        if self.sweepPlot.kind is not None and self.sweepPlot.kind != self.corruption().kind:
            self.sweepPlot.clear()
            self.sweepPlot.hide()
        self._sweep_done()
        self._update_rows()

    def _on_corruption_kind(self) -> None:
        self._on_kind_shown()
        self._invalidate_errors()

    def new_noise(self) -> None:
        self.noise_seed += 1
        if self.orderCombo.currentData() == "shuffled":
            self.page_index, self.order = 0, None  # the shuffle is drawn from the same seed
        self._invalidate_errors()

    # -- model and data -----------------------------------------------------------------------
    def _on_model(self) -> None:
        """A new current experiment: show its corruption, the one it was trained with, and
        drop everything the old model produced."""
        experiment, model = self.state.experiment, self.state.model
        self._show_source()
        if model is self._model:
            return  # the same model again (a new name for it, say): its results still hold
        config = experiment.config if experiment is not None else None
        newer_snapshot = config is not None and config == self._config and not self.state.is_demo
        self._model, self._config = model, config
        if newer_snapshot:
            self._measure_again()
            return
        if experiment is not None:
            self.corruptionControls.set_corruption(experiment.config.corruption_spec())
            self._on_kind_shown()
        self._drop_results()
        self._sync_data()  # which validation images depends on the experiment's split

    def _measure_again(self) -> None:
        """A newer epoch of the run on screen: the same settings and images with newer
        weights. The user's corruption, page, order and own image stay, measured anew."""
        self._forget_measurements()
        if self.orderCombo.currentData() in NEEDS_ERRORS:
            self.order = None  # ranked by the old weights' errors
        self.refresh()

    def _show_source(self) -> None:
        model = self.state.model
        if model is None:
            self.sourceLabel.setText(translate("ReconstructTab", NO_MODEL))
            return
        if self.state.is_demo:
            kind = core_words(MODEL_TITLES.get(model.spec.kind, model.spec.kind))
            title = self.tr("{model}, latent {latent}").format(model=kind, latent=model.latent_dim)
            self.sourceLabel.setText(translate("ReconstructTab", DEMO).format(title=title))
        else:
            self.sourceLabel.setText(self.tr("Model: {source}").format(source=self.state.experiment_source))

    def _on_dataset(self) -> None:
        self._drop_results()
        self._sync_data()

    def _drop_results(self) -> None:
        """Forget what the previous model or data produced, and your image (it was fitted
        to the old model's image size)."""
        self._forget_measurements()
        self._leave_user_image()

    def _forget_measurements(self) -> None:
        """The page, ranking, sweep and zoom were the old weights': they go."""
        for key in ("page", "errors", "sweep"):
            self.worker.cancel(key)
        self.page, self.errors = None, None
        self.sweepPlot.clear()
        self.sweepPlot.hide()
        self._sweep_done()
        if self.zoom is not None:
            self.zoom.close()
            self.zoom.deleteLater()
            self.zoom = None
        if not self.isVisible():  # else the new page replaces the old in a moment
            self._clear_views()

    def validation_data(self) -> ImageDataset | None:
        """The experiment's own validation images when its data is loaded (what ``aegui eval``
        measures), else the validation part of whatever data is loaded."""
        split = self.state.experiment_split() or self.state.split
        return None if split is None else split.val

    def _sync_data(self) -> None:
        data = self.validation_data()
        names = data.class_names if data is not None and data.has_labels else ()
        shown = tuple(self.classCombo.itemText(i) for i in range(1, self.classCombo.count()))
        if names != shown:  # a new epoch's model keeps the class filter as the user set it
            self.classCombo.blockSignals(True)
            self.classCombo.clear()
            self.classCombo.addItem(self.tr("All classes"), -1)
            for i, name in enumerate(names):
                self.classCombo.addItem(name, i)
            self.classCombo.blockSignals(False)
        self.corruptionControls.allow_grayscale(data is not None and data.channels == 3)
        self.page_index, self.order = 0, None
        self._update_rows()
        self._invalidate_errors()

    def _invalidate_errors(self) -> None:
        # A ranking or page still being computed is for the old model, data, corruption or noise.
        self.worker.cancel("errors")
        self.worker.cancel("page")
        self.errors = None
        if self.orderCombo.currentData() in NEEDS_ERRORS:
            self.page_index, self.order = 0, None  # the order itself changes
        self.refresh()

    # -- ordering and paging ------------------------------------------------------------------
    def _on_paging_control(self) -> None:
        """Page size, class or order: these page through the dataset, so they leave your image."""
        self._leave_user_image()
        self.page_index, self.order = 0, None
        self._update_rows()
        self.refresh()

    def _rows(self) -> np.ndarray:
        val = self.validation_data()
        if val is None:
            return np.arange(0)
        labels = val.labels.numpy() if val.labels is not None else None
        return rows_of_class(len(val), labels, self.classCombo.currentData())

    def _ordered_rows(self) -> np.ndarray | None:
        """Rows in display order; None while the errors for sorting are computed."""
        if self.order is not None:
            return self.order
        key = self.orderCombo.currentData()
        if key in NEEDS_ERRORS and self.errors is None:
            self._request_errors()
            return None
        self.order = ordered_rows(self._rows(), key, errors=self.errors, seed=self.noise_seed)
        return self.order

    def page_size(self) -> int:
        """Images per page: as many as asked for, or as fit at a readable size."""
        return self.rows.capacity(self.pageSizeSpin.value())

    def page_count(self) -> int:
        rows = self.order if self.order is not None else self._rows()
        return page_count(len(rows), self.page_size())

    def go_to_page(self, index: int) -> None:
        if self._leave_user_image():
            self._update_rows()
        self.page_index = int(np.clip(index, 0, self.page_count() - 1))
        self.refresh()

    def _update_rows(self) -> None:
        """Which rows show and how many caption lines they get, known before any page is."""
        val = self.validation_data()
        labelled = self.user_image is None and val is not None and val.labels is not None
        rows = self.rows
        rows.set_row(self.originalView, caption_lines=1 if labelled else 0)
        rows.set_row(self.corruptedView, shown=not self.corruption().is_identity, caption_lines=1)
        rows.set_row(self.reconstructedView, caption_lines=3)
        rows.set_row(self.errorView, shown=self.errorCheck.isChecked())
        rows.slots = 1 if self.user_image is not None else self.page_size()
        rows.place()

    def _on_rows_placed(self) -> None:
        """The window was resized: keep the first image shown when more or fewer now fit."""
        if self.user_image is not None:
            return
        size = self.page_size()
        if self.rows.slots != size:
            self.rows.slots = size
            self.rows.place()  # emits again, with nothing left to change
        if self._page_size and size != self._page_size:
            self.page_index = self.page_index * self._page_size // size
            self._page_size = size
            self.refresh()

    def _on_error_check(self) -> None:
        self._update_rows()
        self._show_page()

    # -- inference ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-run the current page through the model, off the GUI thread; when the tab is
        hidden, only once it is shown again."""
        self.lazy.request()

    def _run_page(self) -> None:
        model, val = self.state.model, self.validation_data()
        if model is None or val is None:
            self._clear_views()
            return
        if model.spec.image_shape != val.shape and self.user_image is None:
            self._clear_views()
            want, have = ("×".join(map(str, s)) for s in (model.spec.image_shape, val.shape))
            if self.state.is_demo:
                self.summaryLabel.setText(self.tr(
                    "The bundled demo model reads {want} digits, and this dataset has {have} images: train a "
                    "model on it in the Train tab, or open one that fits with File › Open experiment….").format(
                    want=want, have=have))
            else:
                self.summaryLabel.setText(self.tr(
                    "This model expects {want} images, but the dataset has {have}. Load matching data in the "
                    "Data tab, or open another model.").format(want=want, have=have))
            return
        if self.user_image is not None:
            images, labels, rows = self.user_image, None, np.array([-1])
        else:
            order = self._ordered_rows()
            if order is None:  # waiting for the error ranking
                if self.page is None:
                    self._clear_views()
                self.summaryLabel.setText(self.tr("Ranking images by reconstruction error…"))
                return
            size = self._page_size = self.page_size()
            self.page_index, rows = page_of(order, self.page_index, size)
            if not len(rows):  # a class the validation images do not hold
                self._clear_views()
                self.summaryLabel.setText(self.tr("No validation images to show: the class chosen has none."))
                self.pageShown.emit()
                return
            index = torch.as_tensor(rows, dtype=torch.long)
            images = val.images.index_select(0, index)
            labels = val.labels.index_select(0, index) if val.labels is not None else None
        corruption, seed = self.corruption(), self.noise_seed
        if model.conditional and labels is None:
            if self.page is None:
                self._clear_views()
            self.state.report_error(self.tr("Needs labels"),
                                    self.tr("A conditional VAE reconstructs labelled images only."), "reconstruct")
            return
        self.worker.submit("page", lambda ctx: reconstruct_page(model, images, labels, corruption,
                                                                seed, rows), self._on_page)

    def _request_errors(self) -> None:
        model, val = self.state.model, self.validation_data()
        corruption, seed = self.corruption(), self.noise_seed
        self.worker.submit("errors", lambda ctx: reconstruction_errors(model, val.images, val.labels,
                                                                       corruption, seed),
                           self._on_errors)

    def run_sweep(self) -> None:
        model, val = self.state.model, self.validation_data()
        if model is None or val is None:
            return
        kind = self.corruptionControls.kind()
        count = min(256, len(val))
        images, labels = val.images[:count], (val.labels[:count] if val.labels is not None else None)
        levels, seed = sweep_levels(kind), self.noise_seed
        self.sweepButton.setEnabled(False)
        self.sweepButton.setText(self.tr("Sweeping…"))
        self.worker.submit("sweep", lambda ctx: (kind, levels, *noise_sweep(model, images, labels, kind,
                                                                            levels, seed)),
                           self._on_sweep)

    def _on_page(self, page: PageResult) -> None:
        self.page = page
        self._show_page()
        self.state.clear_error("reconstruct")  # the model ran: a message that it could not is stale

    def _on_errors(self, errors: np.ndarray) -> None:
        self.errors = errors
        self.order = None
        self.refresh()

    def _on_sweep(self, result) -> None:
        kind, levels, inputs, outputs = result
        self.sweepPlot.show_sweep(kind, levels, inputs, outputs)
        self.sweepPlot.show()
        self._sweep_done()
        self.sweepFinished.emit()

    def _sweep_done(self) -> None:
        if not self.worker.is_busy("sweep"):
            self.sweepButton.setText(self.tr("Noise sweep"))
            self.sweepButton.setEnabled(has_level(self.corruptionControls.kind()))

    @Slot(str, str)
    def _on_failed(self, key: str, message: str) -> None:
        self._sweep_done()
        if key == "page" and self.page is None:
            self._clear_views()
        self.state.report_error(self.tr("Could not run the model"), message, "reconstruct")

    # -- showing ------------------------------------------------------------------------------
    def _views(self) -> list[ImageGrid]:
        return [self.originalView, self.corruptedView, self.reconstructedView, self.errorView]

    def _clear_views(self) -> None:
        self.page = None
        # "No model yet" only where there is none: beside a model that does not fit the data,
        # the summary says why nothing is shown, and the grid says nothing to contradict it.
        self.originalView.placeholder = translate("ReconstructTab", NO_MODEL) if self.state.model is None else ""
        for view in self._views():
            view.set_images(None)
        self.summaryLabel.setText("")
        self.pageLabel.setText("")

    def _show_page(self) -> None:
        page = self.page
        if page is None:
            return
        labels = self._label_names(page)
        self.originalView.set_images(page.original, labels)
        self.corruptedView.set_images(page.corrupted, input_captions(page))
        self.reconstructedView.set_images(page.reconstructed, output_captions(page))
        vmax = float(page.error.max()) if page.error.size else 1.0
        self.errorView.set_images(colorize(page.error, vmax))
        self.scaleBar.set_range(vmax)
        self.summaryLabel.setText(page_summary(page))
        if self.user_image is not None:
            self.pageLabel.setText(self.tr("your image"))
        else:
            self.pageLabel.setText(page_label(self.page_index, self.page_count(), self.page_size(),
                                              self.pageSizeSpin.value()))
        self.pageShown.emit()

    def _label_names(self, page: PageResult) -> list[str]:
        val = self.validation_data()
        if self.user_image is not None or val is None or val.labels is None:
            return []
        return [val.class_names[int(val.labels[i])] for i in page.indices]

    def open_zoom(self, index: int) -> ZoomDialog | None:
        page = self.page
        if page is None or index >= len(page.original):
            return None
        vmax = float(page.error.max()) or 1.0  # the colour bar's scale
        panels = [ZoomPanel(self.tr("original"), page.original[index])]
        if page.corrupted_input:
            panels.append(ZoomPanel(self.tr("model input"), page.corrupted[index]))
        panels.append(ZoomPanel(self.tr("reconstruction"), page.reconstructed[index]))
        if self.errorCheck.isChecked():
            panels.append(ZoomPanel(self.tr("error"), colorize(page.error[index : index + 1], vmax)[0],
                                    page.error[index]))
        psnr, mse = f"{page.psnr[index]:.1f}", f"{page.mse[index]:.4f}"
        title = self.tr("Your image {name} — PSNR {psnr} dB, MSE {mse}").format(
            name=self.user_image_name, psnr=psnr, mse=mse) if self.user_image is not None else \
            self.tr("Image {index} — PSNR {psnr} dB, MSE {mse}").format(index=f"{page.indices[index]:,}", psnr=psnr,
                                                                        mse=mse)
        if self.zoom is not None:
            self.zoom.close()
            self.zoom.deleteLater()
        self.zoom = ZoomDialog(panels, title, self)
        self.zoom.show()
        return self.zoom

    # -- your own image -----------------------------------------------------------------------
    def _open_image_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Reconstruct your image"), "",
                                              self.tr("Images") + " (*.png *.jpg *.jpeg *.bmp *.webp)")
        if path:
            self.open_user_image(path)

    def open_user_image(self, path: str) -> bool:
        model = self.state.model
        if model is None:
            self.state.report_error(self.tr("No model"), translate("ReconstructTab", NO_MODEL), "experiment")
            return False
        try:
            self.user_image = load_user_image(Path(path), model.spec.image_shape)
        except AeguiError as exc:
            self.state.report_error(self.tr("Could not open the image"), error_text(exc), "reconstruct")
            return False
        self.user_image_name = Path(path).name
        _, h, w = model.spec.image_shape
        self.userImageBar.show_text(self.tr(
            "Showing your image <b>{name}</b> (fitted to {width}×{height}), not the dataset. The corruption "
            "controls apply to it; paging, class and order go back to the dataset.").format(
            name=html.escape(self.user_image_name), width=w, height=h))
        self._update_rows()
        self.refresh()
        return True

    def _leave_user_image(self) -> bool:
        """Forget your image; True if it was shown."""
        was_shown = self.user_image is not None
        self.user_image, self.user_image_name = None, ""
        self.userImageBar.hide()
        return was_shown

    def back_to_dataset(self) -> None:
        self._leave_user_image()
        self._update_rows()
        self.refresh()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls:
            event.acceptProposedAction()
            self.open_user_image(urls[0].toLocalFile())

    # -- export -------------------------------------------------------------------------------
    def export_png(self, path: str) -> None:
        save_page_png(self.page, Path(path), self.errorCheck.isChecked())

    def export_csv(self, path: str) -> None:
        write_page_csv(self.page, Path(path), self._label_names(self.page) or None)

    def _export_dialog(self, title: str, name: str, kind: str, save) -> None:
        if self.page is not None:
            path, _ = QFileDialog.getSaveFileName(self, title, name, f"{kind} (*{Path(name).suffix})")
            if path:
                save(path)

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        return self.worker.shutdown(timeout_s)
