"""File › Export to ONNX / for PyTorch (torch.export): the encoder and decoder written and
checked on a worker thread, the outcome in the status bar or the banner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from aegui.core.checkpoint import Experiment
from aegui.core.errors import AeguiError
from aegui.core.graph_export import ExportResult, graph_paths
from aegui.core.model_export import GRAPH_SUFFIXES, check_graph_path, export_graphs
from aegui.ui.app_state import AppState
from aegui.ui.i18n import error_text, translate, translate_said
from aegui.workers.tasks import TaskContext, TaskRunner


@dataclass(frozen=True)
class GraphFormat:
    title: str  # the menu entry and the file dialog's title (English; translated where shown)
    description: str  # the file dialog's filter, less its pattern (English; translated where shown)
    tip: str
    pattern: str  # the filter's file pattern: "(*.onnx)"

    @property
    def dialog_title(self) -> str:
        return translate("Menus", self.title).replace("&", "").removesuffix("…")

    @property
    def filter(self) -> str:
        """The file dialog's filter, in the window's language."""
        return f"{translate('GraphExporter', self.description)} {self.pattern}"


GRAPH_FORMATS = {
    "onnx": GraphFormat(QT_TRANSLATE_NOOP("Menus", "Export to &ONNX…"),
                        QT_TRANSLATE_NOOP("GraphExporter", "ONNX graphs, NAME.encoder.onnx and NAME.decoder.onnx"),
                        QT_TRANSLATE_NOOP("Menus", "Write the encoder and decoder as ONNX graphs for onnxruntime "
                                                   "and other runtimes"),
                        "(*.onnx)"),
    "pt2": GraphFormat(QT_TRANSLATE_NOOP("Menus", "Export for &PyTorch (torch.export)…"),
                       QT_TRANSLATE_NOOP("GraphExporter",
                                         "torch.export programs, NAME.encoder.pt2 and NAME.decoder.pt2"),
                       QT_TRANSLATE_NOOP("Menus", "Write the encoder and decoder as torch.export programs that "
                                                  "plain PyTorch loads"),
                       "(*.pt2)"),
}


class GraphExporter(QObject):
    """Runs one export at a time; ``finished(ok)`` once it has succeeded or failed."""

    finished = Signal(bool)
    busyChanged = Signal(bool)

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        # Outside inference_mode, as on the command line: the GUI writes the files the CLI would.
        self.runner = TaskRunner("aegui-export", self, inference=False)
        self.runner.busyChanged.connect(self.busyChanged)

    def is_busy(self) -> bool:
        return self.runner.is_busy()

    def start(self, what: str, experiment: Experiment, path: str) -> bool:
        """Check what can be checked at once (the file type, the images), then export on
        the worker thread. False, with the banner saying why, when it cannot start."""
        out = Path(path)
        title = self.tr("Could not export to {format}").format(format="ONNX" if what == "onnx" else "torch.export")
        try:
            check_graph_path(what, out)
            images, labels, other_data = self._check_images(experiment)
        except AeguiError as exc:
            self.state.report_error(title, error_text(exc), "file")
            return False
        encoder, decoder = graph_paths(out, GRAPH_SUFFIXES[what])
        self.state.statusMessage.emit(self.tr("Exporting {encoder} and {decoder}…").format(
            encoder=encoder.name, decoder=decoder.name))

        def job(ctx: TaskContext) -> ExportResult:
            try:
                return export_graphs(what, experiment, out, images, labels, other_data=other_data, step=ctx.check)
            except OSError as exc:  # an unwritable folder, a full disk: the user's to fix
                raise AeguiError(self.tr("Writing {path} failed ({error}).").format(
                    path=exc.filename or out, error=exc.strerror or exc)) from exc

        def done(result: ExportResult) -> None:
            self.state.clear_error("file")
            self.state.statusMessage.emit(translate_said(result.describe()))
            self.finished.emit(True)

        def failed(message: str) -> None:
            self.state.report_error(title, message, "file")
            self.finished.emit(False)

        self.runner.submit("export", job, done, on_error=failed)
        return True

    def _check_images(self, experiment: Experiment) -> tuple[torch.Tensor, torch.Tensor | None, str | None]:
        """The images the export is checked on: the experiment's validation split, else the
        loaded dataset when the model fits it."""
        split = self.state.experiment_split() if self.state.experiment is experiment else None
        data = split.val if split is not None else self.state.dataset
        spec = experiment.spec
        if data is None or data.shape != spec.image_shape:
            raise AeguiError(self.tr("The export is checked on the model's validation images: load its dataset "
                                     "in the Data tab first."))
        if spec.conditional and (data.labels is None or data.num_classes != spec.num_classes):
            raise AeguiError(self.tr("A conditional VAE is checked on labelled images of its classes: load its "
                                     "dataset in the Data tab first."))
        return data.images, data.labels if spec.conditional else None, None if split is not None else data.name
