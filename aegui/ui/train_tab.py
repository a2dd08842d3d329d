"""The Train tab: model and task settings, run controls, live curves and preview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aegui.core.config import ExperimentConfig
from aegui.core.corruptions import LEVEL_LABELS, LEVEL_RANGES, TASKS
from aegui.core.device import available_devices
from aegui.core.errors import AeguiError
from aegui.core.models import MODEL_KINDS, MODEL_TITLES, VARIATIONAL_KINDS
from aegui.core.reports import EpochReport, StepReport
from aegui.ui.app_state import AppState
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.ui.widgets.loss_plot import LossPlot

TASK_TITLES = {
    "reconstruct": "Reconstruct (no corruption)",
    "denoise": "Denoise (Gaussian noise)",
    "inpaint": "Inpaint (masked rectangle)",
    "deblur": "Deblur (Gaussian blur)",
    "superres": "Super-resolve (downscaled)",
    "colorize": "Colorize (grayscale input, RGB data)",
}


def _format_seconds(seconds: float) -> str:
    seconds = int(max(0, seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


class TrainTab(QWidget):
    startRequested = Signal(bool)  # True: continue the current model
    pauseRequested = Signal()
    stopRequested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainTab")
        self.state = state
        self._build()
        self.apply_config(state.config)
        state.runStateChanged.connect(self._on_run_state)
        state.historyChanged.connect(self._on_history)
        state.configChanged.connect(self._on_config)
        state.experimentChanged.connect(self._update_continue)
        self._on_run_state(state.run_state)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.modelCombo = self._combo("modelCombo", [(MODEL_TITLES[k], k) for k in MODEL_KINDS])
        self.taskCombo = self._combo("taskCombo", [(TASK_TITLES[k], k) for k in TASKS])
        self.levelSpin = QDoubleSpinBox(objectName="corruptionLevelSpin", decimals=2, singleStep=0.05)
        self.levelLabel = QLabel("Level")
        self.latentDimSpin = QSpinBox(objectName="latentDimSpin", minimum=1, maximum=512)
        self.hiddenSpin = QSpinBox(objectName="hiddenSpin", minimum=4, maximum=512, singleStep=8)
        self.depthSpin = QSpinBox(objectName="depthSpin", minimum=1, maximum=5)
        self.epochsSpin = QSpinBox(objectName="epochsSpin", minimum=1, maximum=10000)
        self.batchSpin = QSpinBox(objectName="batchSizeSpin", minimum=1, maximum=8192)
        self.lrSpin = QDoubleSpinBox(objectName="lrSpin", decimals=5, minimum=1e-5, maximum=10.0,
                                     singleStep=1e-4)
        self.betaSpin = QDoubleSpinBox(objectName="betaSpin", decimals=2, minimum=0.0,
                                       maximum=100.0, singleStep=0.1)
        self.lossCombo = self._combo("lossCombo", [("Binary cross-entropy", "bce"), ("Mean squared error", "mse")])
        self.deviceCombo = self._combo("deviceCombo", [(d.upper() if d != "cpu" else "CPU", d)
                                                       for d in available_devices()])
        self.seedSpin = QSpinBox(objectName="seedSpin", minimum=0, maximum=2**31 - 1)
        self.seedSpin.setToolTip("Seeds the initial weights, the batch order and the noise. The split "
                                 "has its own seed, in the Data tab.")
        self.continueCheck = QCheckBox("Continue from the current model", objectName="continueCheck")
        self.continueCheck.setToolTip("Keep training the model of the last run or loaded experiment")

        settings = QGroupBox("Model and task")
        form = QFormLayout(settings)
        form.addRow("Model", self.modelCombo)
        form.addRow("Task", self.taskCombo)
        form.addRow(self.levelLabel, self.levelSpin)
        form.addRow("Latent dimensions", self.latentDimSpin)
        form.addRow("Width", self.hiddenSpin)
        form.addRow("Depth", self.depthSpin)
        optim = QGroupBox("Optimisation")
        form2 = QFormLayout(optim)
        form2.addRow("Epochs", self.epochsSpin)
        form2.addRow("Batch size", self.batchSpin)
        form2.addRow("Learning rate", self.lrSpin)
        form2.addRow("β (KL weight)", self.betaSpin)
        form2.addRow("Loss", self.lossCombo)
        form2.addRow("Device", self.deviceCombo)
        form2.addRow("Training seed", self.seedSpin)

        self.startButton = QPushButton("Train", objectName="startButton")
        self.startButton.setToolTip("Start training (Ctrl+Return)")
        self.pauseButton = QPushButton("Pause", objectName="pauseButton")
        self.stopButton = QPushButton("Stop", objectName="stopButton")
        self.startButton.clicked.connect(lambda: self.startRequested.emit(self.continueCheck.isChecked()))
        self.pauseButton.clicked.connect(self.pauseRequested)
        self.stopButton.clicked.connect(self.stopRequested)
        buttons = QHBoxLayout()
        for b in (self.startButton, self.pauseButton, self.stopButton):
            buttons.addWidget(b)

        left = QVBoxLayout()
        left.addWidget(settings)
        left.addWidget(optim)
        left.addWidget(self.continueCheck)
        left.addLayout(buttons)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(380)

        self.trainProgress = QProgressBar(objectName="trainProgress")
        self.trainProgress.setRange(0, 1000)
        self.trainProgress.setValue(0)
        self.trainProgress.setFormat("Ready")
        self.speedLabel = QLabel("", objectName="speedLabel")
        self.lossPlot = LossPlot()
        self.previewGrid = ImageGrid(columns=8, placeholder=(
            "After each epoch, 8 validation images appear here with the model's reconstructions."))
        self.previewGrid.setObjectName("trainPreview")
        self.previewGrid.setMinimumHeight(150)
        self.previewLegend = QLabel("", objectName="previewLegend")
        preview_box = QGroupBox("Validation preview")
        pv = QVBoxLayout(preview_box)
        pv.addWidget(self.previewGrid, 1)
        pv.addWidget(self.previewLegend)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.lossPlot)
        split.addWidget(preview_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.trainProgress, 1)
        progress_row.addWidget(self.speedLabel)
        right = QVBoxLayout()
        right.addLayout(progress_row)
        right.addWidget(split, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(left_widget)
        layout.addLayout(right, 1)

        self.taskCombo.currentIndexChanged.connect(self._on_task)
        self.modelCombo.currentIndexChanged.connect(self._on_model)
        for spin in (self.levelSpin, self.latentDimSpin, self.hiddenSpin, self.depthSpin, self.epochsSpin,
                     self.batchSpin, self.lrSpin, self.betaSpin, self.seedSpin):
            spin.valueChanged.connect(self._push_config)
        for combo in (self.lossCombo, self.deviceCombo):
            combo.currentIndexChanged.connect(self._push_config)

    @staticmethod
    def _combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(objectName=name)
        for title, key in items:
            combo.addItem(title, key)
        return combo

    # -- config <-> widgets ---------------------------------------------------------------------
    def apply_config(self, config: ExperimentConfig) -> None:
        self._applying = True
        try:
            self._select(self.modelCombo, config.model)
            self._select(self.taskCombo, config.task)
            self._on_task()
            self.levelSpin.setValue(config.corruption_spec().level)
            self.latentDimSpin.setValue(config.latent_dim)
            self.hiddenSpin.setValue(config.hidden)
            self.depthSpin.setValue(config.depth)
            self.epochsSpin.setValue(config.epochs)
            self.batchSpin.setValue(config.batch_size)
            self.lrSpin.setValue(config.lr)
            self.betaSpin.setValue(config.beta)
            self._select(self.lossCombo, config.loss)
            if not self._select(self.deviceCombo, config.device):
                self.deviceCombo.setCurrentIndex(0)
            self.seedSpin.setValue(config.seed)
        finally:
            self._applying = False
        self._on_model()

    @staticmethod
    def _select(combo: QComboBox, key: str) -> bool:
        index = combo.findData(key)
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def config_from_widgets(self) -> ExperimentConfig:
        task = self.taskCombo.currentData()
        kind, _ = TASKS[task]
        # The data fields and the split belong to the Data tab: they come from the config as is.
        return self.state.config.with_changes(
            # A corruption override (e.g. salt-and-pepper from the CLI) stays with its task.
            model=self.modelCombo.currentData(), task=task,
            corruption=self.state.config.corruption if task == self.state.config.task else None,
            noise=self.levelSpin.value() if kind not in ("none", "grayscale") else None,
            latent_dim=self.latentDimSpin.value(), hidden=self.hiddenSpin.value(),
            depth=self.depthSpin.value(), epochs=self.epochsSpin.value(),
            batch_size=self.batchSpin.value(), lr=self.lrSpin.value(), beta=self.betaSpin.value(),
            loss=self.lossCombo.currentData(), device=self.deviceCombo.currentData(),
            seed=self.seedSpin.value(),
        )

    def _push_config(self) -> None:
        if getattr(self, "_applying", False):
            return
        self._pushing = True
        try:
            self.state.set_config(self.config_from_widgets())
        except AeguiError as exc:
            self.state.statusMessage.emit(str(exc))
        finally:
            self._pushing = False

    def _on_task(self) -> None:
        kind, default = TASKS[self.taskCombo.currentData()]
        low, high = LEVEL_RANGES[kind]
        has_level = kind not in ("none", "grayscale")
        self.levelSpin.setEnabled(has_level)
        self.levelLabel.setText(LEVEL_LABELS[kind].capitalize() if has_level else "Level")
        if has_level:
            self.levelSpin.setRange(max(low, 0.01 if kind != "downscale" else 1.0), high)
            if not getattr(self, "_applying", False):
                self.levelSpin.setValue(default)
        self._push_config()

    def _on_model(self) -> None:
        variational = self.modelCombo.currentData() in VARIATIONAL_KINDS
        self.betaSpin.setEnabled(variational)
        self.lossPlot.set_variational(variational)
        self._push_config()

    def _on_config(self) -> None:
        """The config changed elsewhere (an opened experiment, restored settings): show it."""
        if getattr(self, "_applying", False) or getattr(self, "_pushing", False):
            return
        try:
            if self.config_from_widgets() == self.state.config:
                return
        except AeguiError:
            pass
        self.apply_config(self.state.config)

    def _update_continue(self) -> None:
        s = self.state
        can_continue = s.experiment is not None and not s.is_demo and s.run_state == "idle"
        self.continueCheck.setEnabled(can_continue)
        if not can_continue and s.run_state == "idle":
            self.continueCheck.setChecked(False)

    # -- run feedback ---------------------------------------------------------------------------
    def _on_run_state(self, run_state: str) -> None:
        idle = run_state == "idle"
        self.startButton.setEnabled(idle)
        self.pauseButton.setEnabled(run_state in ("training", "paused"))
        self.pauseButton.setText("Resume" if run_state == "paused" else "Pause")
        self.stopButton.setEnabled(run_state in ("training", "paused"))
        for w in (self.modelCombo, self.taskCombo, self.latentDimSpin, self.hiddenSpin, self.depthSpin,
                  self.batchSpin, self.lossCombo, self.deviceCombo, self.seedSpin, self.lrSpin,
                  self.betaSpin, self.epochsSpin, self.levelSpin):
            w.setEnabled(idle)
        if idle:
            self._on_task()
            self._on_model()
        self._update_continue()
        if run_state == "paused":
            self.trainProgress.setFormat(self.trainProgress.format().split(" (paused)")[0] + " (paused)")

    def _on_history(self) -> None:
        state = self.state
        if not state.step_reports and not state.epoch_reports:
            self.lossPlot.clear()
            self.trainProgress.setValue(0)
            self.trainProgress.setFormat("Ready")
            self.speedLabel.setText("")
            return
        drawn = self.lossPlot.point_count("train_step")
        self.lossPlot.add_steps(state.step_reports[drawn:])
        epochs_drawn = self.lossPlot.point_count("train")
        for report in state.epoch_reports[epochs_drawn:]:
            self.lossPlot.add_epoch(report)
            self._show_preview(report)
        last = state.step_reports[-1] if state.step_reports else None
        if last is not None:
            self._show_progress(last)

    def _show_progress(self, r: StepReport) -> None:
        self.trainProgress.setValue(int(1000 * r.fraction_done))
        self.trainProgress.setFormat(
            f"Epoch {r.epoch + 1}/{r.epochs} · batch {r.step}/{r.steps_per_epoch}"
            + (" (paused)" if self.state.run_state == "paused" else ""))
        self.speedLabel.setText(f"{r.images_per_s:,.0f} img/s · ETA {_format_seconds(r.eta_s)}")

    def _show_preview(self, report: EpochReport) -> None:
        p = report.preview
        if p is None:
            return
        import numpy as np

        rows = [p.original]
        names = ["original"]
        if not np.array_equal(p.corrupted, p.original):
            rows.append(p.corrupted)
            names.append("model input")
        rows.append(p.reconstructed)
        names.append("reconstruction")
        self.previewGrid.columns = len(p.original)
        self.previewGrid.set_images(np.concatenate(rows))
        self.previewLegend.setText(f"Rows: {', '.join(names)} — after epoch {report.epoch}, "
                                   f"validation PSNR {report.val_psnr:.1f} dB")
