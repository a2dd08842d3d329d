"""File › Export training job…: the experiment being set up, as a folder that trains it with
torchrun here or on a Slurm cluster (``aegui job`` writes the same folder)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aegui.core.config import ExperimentConfig
from aegui.core.data import BUNDLED_NAME, ImageDataset, parse_spec
from aegui.core.errors import AeguiError
from aegui.core.job_package import DEFAULT_COPY_LIMIT_MB, RUNS_FOLDER, JobPackage, write_job
from aegui.core.runs import load_for_config
from aegui.ui.app_state import AppState
from aegui.ui.i18n import translate_plural
from aegui.workers.tasks import TaskContext, TaskRunner


class JobDialog(QDialog):
    """Where to write the job, and up to what size the data is copied into it."""

    def __init__(self, config: ExperimentConfig, data: ImageDataset | None, folder: Path,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export training job"))
        self.config, self.data = config, data
        self.folder_edit = QLineEdit(str(folder / f"aegui-job-{time.strftime('%Y%m%d-%H%M%S')}"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        self.limit_spin = QDoubleSpinBox(minimum=0, maximum=1_000_000, decimals=0, suffix=self.tr(" MB"))
        self.limit_spin.setValue(DEFAULT_COPY_LIMIT_MB)
        self.limit_spin.setToolTip(self.tr("Data up to this size travels inside the job; larger data stays "
                                           "where it is, and the job names its path."))
        self.limit_spin.valueChanged.connect(self._update_note)
        self.note = QLabel(wordWrap=True, objectName="jobDataNote")
        form = QFormLayout()
        form.addRow(self.tr("Job folder"), row)
        form.addRow(self.tr("Copy data up to"), self.limit_spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        epochs = translate_plural("JobDialog", "%n epoch(s)", config.epochs, f"{config.epochs} epochs")
        layout.addWidget(QLabel(self.tr("{model}, latent size {latent}, {task}, {epochs}, global batch {batch}, "
                                        "on {dataset}.").format(model=config.model, latent=config.latent_dim,
                                                                task=config.task, epochs=epochs,
                                                                batch=config.batch_size, dataset=config.dataset)))
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        self._update_note()

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    @property
    def copy_limit_mb(self) -> float:
        return self.limit_spin.value()

    def _update_note(self) -> None:
        if parse_spec(self.config.dataset).kind == BUNDLED_NAME:
            text = self.tr("The bundled digits ship with aegui: nothing is copied.")
        elif self.data is None:
            text = self.tr("The data is loaded and copied when the job is written, if it fits the limit.")
        else:
            size = self.data.images.numel() / 1e6
            text = (self.tr("The data takes {size} MB: copied into the job.")
                    if size <= self.copy_limit_mb * 1.048576 else
                    self.tr("The data takes {size} MB: not copied: the job names its path, which must exist "
                            "where it runs.")).format(size=f"{size:.1f}")
        self.note.setText(text)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the job"), str(self.folder.parent))
        if folder:
            self.folder_edit.setText(str(Path(folder) / self.folder.name))


class JobExporter(QObject):
    """Writes a job on a worker thread; ``written(JobPackage)`` when it is there."""

    written = Signal(object)

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.runner = TaskRunner("aegui-job", self)

    def loaded_data(self, config: ExperimentConfig) -> ImageDataset | None:
        """The dataset already in memory, when it is this config's."""
        return self.state.dataset if self.state.data_matches_config() else None

    def start(self, config: ExperimentConfig, folder: Path, copy_limit_mb: float,
              data: ImageDataset | None) -> None:
        if (folder / "experiment.json").exists():
            self.state.report_error(self.tr("Could not export the job"),
                                    self.tr("{folder} already holds a job; pick another folder.").format(folder=folder),
                                    "file")
            return

        def job(ctx: TaskContext) -> JobPackage:
            loaded = data
            if loaded is None and parse_spec(config.dataset).kind != BUNDLED_NAME and copy_limit_mb > 0:
                loaded = load_for_config(config)
            try:
                return write_job(config, folder, loaded, copy_limit_mb)
            except OSError as exc:
                raise AeguiError(self.tr("Writing {path} failed ({error}).").format(
                    path=folder, error=exc.strerror or exc)) from exc

        def done(package: JobPackage) -> None:
            self.state.clear_error("file")
            self.state.statusMessage.emit(self.tr(
                "Wrote the job {folder}: run ./run_local.sh there, or sbatch run_slurm.sbatch on a cluster. "
                "Its runs ({runs}) are listed in the Runs tab.").format(folder=package.folder,
                                                                         runs=package.folder / RUNS_FOLDER))
            self.written.emit(package)

        self.runner.submit("job", job, done, on_error=lambda message: self.state.report_error(
            self.tr("Could not export the job"), message, "file"))


def ask_and_export(parent: QWidget, exporter: JobExporter, config: ExperimentConfig, folder: Path) -> bool:
    """Show the dialog, then write the job on the worker; False when cancelled."""
    dialog = JobDialog(config, exporter.loaded_data(config), folder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.folder_edit.text().strip():
        return False
    exporter.start(config, dialog.folder, dialog.copy_limit_mb, dialog.data)
    return True
