"""The Train tab: model and task settings, run controls, live curves and preview."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from aegui.core.config import ARCHITECTURE_FIELDS, MAX_LATENT, MAX_WIDTH, ExperimentConfig
from aegui.core.corruptions import LEVEL_LABELS, LEVEL_RANGES, TASKS
from aegui.core.device import available_devices
from aegui.core.errors import AeguiError
from aegui.core.models import MODEL_KINDS, MODEL_TITLES, VARIATIONAL_KINDS
from aegui.core.models.base import DENSE_KINDS, LAYOUT_TITLES, MAX_DEPTH
from aegui.core.text import plural
from aegui.ui.app_state import AppState, RunState
from aegui.ui.i18n import error_text, translate, translate_plural
from aegui.ui.widgets import setting_tips as tips
from aegui.ui.widgets.loss_plot import LossPlot
from aegui.ui.widgets.preview_box import PreviewBox
from aegui.ui.widgets.run_progress import RunProgress
from aegui.ui.words import core_words

TASK_TITLES = {  # translated where shown: translate("TrainTab", TASK_TITLES[task])
    "reconstruct": QT_TRANSLATE_NOOP("TrainTab", "Reconstruct (no corruption)"),
    "denoise": QT_TRANSLATE_NOOP("TrainTab", "Denoise (Gaussian noise)"),
    "inpaint": QT_TRANSLATE_NOOP("TrainTab", "Inpaint (masked rectangle)"),
    "deblur": QT_TRANSLATE_NOOP("TrainTab", "Deblur (Gaussian blur)"),
    "superres": QT_TRANSLATE_NOOP("TrainTab", "Super-resolve (downscaled)"),
    "colorize": QT_TRANSLATE_NOOP("TrainTab", "Colorize (grayscale input, RGB data)"),
}


class TrainTab(QWidget):
    startRequested = Signal(bool)  # True: continue the current model
    pauseRequested = Signal()
    stopRequested = Signal()
    startLabelChanged = Signal(str)  # what starting will do, e.g. "Train 5 more epochs"

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainTab")
        self.state = state
        self._run_active = False  # between a run's start and its return to idle
        self._stop_seen = False
        self._run_steps_from = 0  # the index of the run's first step report
        self._build()
        self._link_label_tips()
        self.apply_config(state.config)
        state.runStateChanged.connect(self._on_run_state)
        state.historyChanged.connect(self._on_history)
        state.configChanged.connect(self._on_config)
        state.experimentChanged.connect(self._update_continue)
        state.datasetChanged.connect(self._update_continue)  # continuing needs the model's own data
        self._on_run_state(state.run_state)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.modelCombo = self._combo("modelCombo", [(core_words(MODEL_TITLES[k]), k) for k in MODEL_KINDS])
        self.taskCombo = self._combo("taskCombo", [(translate("TrainTab", TASK_TITLES[k]), k) for k in TASKS])
        self.levelSpin = QDoubleSpinBox(objectName="corruptionLevelSpin", decimals=2, singleStep=0.05)
        self.levelLabel = QLabel(self.tr("Level"))
        self.latentDimSpin = QSpinBox(objectName="latentDimSpin", minimum=1, maximum=MAX_LATENT)
        self.hiddenSpin = QSpinBox(objectName="hiddenSpin", minimum=tips.MIN_WIDTH_SHOWN, maximum=MAX_WIDTH,
                                    singleStep=8)
        # 0 is "Auto": the depth follows the image size (28–32 px: 2 stages, 64: 3, 128: 4).
        self.depthSpin = QSpinBox(objectName="depthSpin", minimum=0, maximum=MAX_DEPTH,
                                  specialValueText=self.tr("Auto"))
        self.layoutCombo = self._combo("layoutCombo", [(core_words(title), f"{block}/{norm}")
                                                       for (block, norm), title in LAYOUT_TITLES.items()])
        self.epochsSpin = QSpinBox(objectName="epochsSpin", minimum=1, maximum=10000)
        self.epochsLabel = QLabel(self.tr("Epochs"))
        self.batchSpin = QSpinBox(objectName="batchSizeSpin", minimum=1, maximum=8192)
        self.lrSpin = QDoubleSpinBox(objectName="lrSpin", decimals=5, minimum=1e-5, maximum=10.0,
                                     singleStep=1e-4)
        self.optimizerCombo = self._combo("optimizerCombo", [("Adam", "adam"),
                                                             (self.tr("SGD with momentum"), "sgd")])
        self.betaSpin = QDoubleSpinBox(objectName="betaSpin", decimals=2, minimum=0.0,
                                       maximum=100.0, singleStep=0.1)
        self.klWarmupSpin = QSpinBox(objectName="klWarmupSpin", minimum=0, maximum=1000)
        self.lossCombo = self._combo("lossCombo", [(self.tr("Binary cross-entropy"), "bce"),
                                                   (self.tr("Mean squared error"), "mse")])
        self.deviceCombo = self._combo("deviceCombo", [(d.upper() if d != "cpu" else "CPU", d)
                                                       for d in available_devices()])
        self.ampCheck = QCheckBox(self.tr("AMP"), objectName="ampCheck")
        self.compileCheck = QCheckBox(self.tr("Compile"), objectName="compileCheck")
        self.seedSpin = QSpinBox(objectName="seedSpin", minimum=0, maximum=2**31 - 1)
        self.continueCheck = QCheckBox(self.tr("Continue from the current model"), objectName="continueCheck")
        self.continueCheck.setToolTip(self.tr("Keep training the model of the last run or opened experiment: "
                                              "Epochs then counts the epochs to add (1–10,000)."))
        self._set_tips()

        settings = QGroupBox(self.tr("Model and task"))
        form = QFormLayout(settings)
        form.addRow(self.tr("Model"), self.modelCombo)
        form.addRow(self.tr("Task"), self.taskCombo)
        form.addRow(self.levelLabel, self.levelSpin)
        form.addRow(self.tr("Latent dimensions"), self.latentDimSpin)
        form.addRow(self.tr("Width"), self.hiddenSpin)
        form.addRow(self.tr("Depth"), self.depthSpin)
        form.addRow(self.tr("Layout"), self.layoutCombo)
        optim = QGroupBox(self.tr("Optimisation"))
        form2 = QFormLayout(optim)
        form2.addRow(self.epochsLabel, self.epochsSpin)
        form2.addRow(self.tr("Batch size"), self.batchSpin)
        form2.addRow(self.tr("Learning rate"), self.lrSpin)
        form2.addRow(self.tr("Optimizer"), self.optimizerCombo)
        form2.addRow(self.tr("Loss"), self.lossCombo)
        form2.addRow(self.tr("β (KL weight)"), self.betaSpin)
        form2.addRow(self.tr("KL warm-up (epochs)"), self.klWarmupSpin)
        device_row = QHBoxLayout()
        device_row.addWidget(self.deviceCombo, 1)
        device_row.addWidget(self.ampCheck)
        device_row.addWidget(self.compileCheck)
        form2.addRow(self.tr("Device"), device_row)
        form2.addRow(self.tr("Training seed"), self.seedSpin)
        # Not a setting of the experiment: how it is run. More than 1 is a torchrun job.
        self.processSpin = QSpinBox(objectName="processSpin", minimum=1, maximum=64)
        self.processSpin.setToolTip(self.tr(
            "1 trains in this window. More starts torchrun with that many processes (one per GPU, "
            "or 2 on the CPU to try it): the batch size is the global batch, the curves come from "
            "the run folder, and the run cannot pause."))
        form2.addRow(self.tr("Processes"), self.processSpin)

        icons = QStyle.StandardPixmap
        self.playIcon = self.style().standardIcon(icons.SP_MediaPlay)
        self.pauseIcon = self.style().standardIcon(icons.SP_MediaPause)
        self.startButton = QPushButton(self.tr("Train"), objectName="startButton", icon=self.playIcon)
        self.pauseButton = QPushButton(self.tr("Pause"), objectName="pauseButton", icon=self.pauseIcon)
        self.stopButton = QPushButton(self.tr("Stop"), objectName="stopButton",
                                      icon=self.style().standardIcon(icons.SP_MediaStop))
        self.stopButton.setToolTip(self.tr("Stop after this batch and keep the last completed epoch"))
        self.startButton.clicked.connect(lambda: self.startRequested.emit(self.continueCheck.isChecked()))
        self.pauseButton.clicked.connect(self.pauseRequested)
        self.stopButton.clicked.connect(self.stopRequested)
        run_controls = QHBoxLayout()
        run_controls.addWidget(self.pauseButton)
        run_controls.addWidget(self.stopButton)

        settings_column = QVBoxLayout()
        settings_column.setContentsMargins(0, 0, 0, 0)
        settings_column.addWidget(settings)
        settings_column.addWidget(optim)
        settings_column.addStretch(1)
        settings_widget = QWidget()
        settings_widget.setLayout(settings_column)
        # The settings scroll on a small screen; the run buttons below them stay in view.
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(settings_widget)
        scroll.setMinimumWidth(settings_widget.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width())
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(scroll, 1)
        left.addWidget(self.continueCheck)
        left.addWidget(self.startButton)
        left.addLayout(run_controls)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(420)

        self.progress = RunProgress()
        self.trainProgress = self.progress.bar
        self.speedLabel = self.progress.speed
        self.lossPlot = LossPlot()
        self.preview = PreviewBox()
        self.previewGrid, self.previewLegend, self.fitHint = (self.preview.grid, self.preview.legend,
                                                              self.preview.hint)
        split = QSplitter(Qt.Orientation.Vertical, objectName="trainSplitter")
        split.addWidget(self.lossPlot)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        right = QVBoxLayout()
        right.addWidget(self.progress)
        right.addWidget(split, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(left_widget)
        layout.addLayout(right, 1)

        self.taskCombo.currentIndexChanged.connect(self._on_task)
        self.modelCombo.currentIndexChanged.connect(self._on_model)
        self.deviceCombo.currentIndexChanged.connect(self._on_device)
        for spin in (self.levelSpin, self.latentDimSpin, self.hiddenSpin, self.depthSpin, self.epochsSpin,
                     self.batchSpin, self.lrSpin, self.betaSpin, self.klWarmupSpin, self.seedSpin,
                     self.processSpin):
            spin.valueChanged.connect(self._push_config)
        for combo in (self.lossCombo, self.deviceCombo, self.optimizerCombo, self.layoutCombo):
            combo.currentIndexChanged.connect(self._push_config)
        self.ampCheck.toggled.connect(self._push_config)
        self.compileCheck.toggled.connect(self._push_config)
        self.epochsSpin.valueChanged.connect(self._update_start_label)
        self.continueCheck.toggled.connect(self._update_start_label)
        self.continueCheck.toggled.connect(self._lock_architecture)

    def _set_tips(self) -> None:
        for widget, tip in ((self.modelCombo, tips.MODEL),
                            (self.depthSpin, tips.DEPTH), (self.layoutCombo, tips.LAYOUT),
                            (self.batchSpin, tips.BATCH),
                            (self.lrSpin, tips.LR), (self.optimizerCombo, tips.OPTIMIZER),
                            (self.lossCombo, tips.LOSS), (self.betaSpin, tips.BETA),
                            (self.klWarmupSpin, tips.KL_WARMUP), (self.seedSpin, tips.SEED),
                            (self.deviceCombo, tips.DEVICE), (self.ampCheck, tips.AMP),
                            (self.compileCheck, tips.COMPILE)):
            widget.setToolTip(translate("SettingTips", tip))
        # The tips that state limits from the code are built, translated, with the limits filled in.
        self.taskCombo.setToolTip(tips.task_tip())
        self.latentDimSpin.setToolTip(tips.latent_tip())
        self.hiddenSpin.setToolTip(tips.width_tip())

    def _link_label_tips(self) -> None:
        """A row's label explains its setting too: people point at the words, not the box."""
        for form in self.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label is not None and field is not None and isinstance(label.widget(), QLabel):
                    label.widget().setBuddy(field.widget() or label.widget())
                    label.widget().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """A label's tooltip is its setting's, read when shown (level tips follow the task)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QLabel):
            buddy = watched.buddy()
            tip = buddy.toolTip() if buddy is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, watched)
                return True
        return super().eventFilter(watched, event)

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
            self.depthSpin.setValue(config.depth or 0)
            self._select(self.layoutCombo, f"{config.block}/{config.norm}")
            self.epochsSpin.setValue(config.epochs)
            self.batchSpin.setValue(config.batch_size)
            self.lrSpin.setValue(config.lr)
            self._select(self.optimizerCombo, config.optimizer)
            self.betaSpin.setValue(config.beta)
            self.klWarmupSpin.setValue(config.kl_warmup_epochs)
            self._select(self.lossCombo, config.loss)
            if not self._select(self.deviceCombo, config.device):
                self.deviceCombo.setCurrentIndex(0)
            self.ampCheck.setChecked(config.amp)
            self.compileCheck.setChecked(config.compile)
            self.seedSpin.setValue(config.seed)
            self.processSpin.setValue(config.processes)
        finally:
            self._applying = False
        self._on_model()
        self._on_device()

    @staticmethod
    def _select(combo: QComboBox, key: str) -> bool:
        index = combo.findData(key)
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def config_from_widgets(self) -> ExperimentConfig:
        task = self.taskCombo.currentData()
        kind, _ = TASKS[task]
        depth = self.depthSpin.value() or None
        block, norm = self.layoutCombo.currentData().split("/")
        # Stage widths (from a file or the CLI) stay while they fit the depth shown.
        widths = self.state.config.widths
        if widths is not None and depth is not None and len(widths) != depth:
            widths = None
        # The data fields and the split belong to the Data tab: they come from the config as is.
        return self.state.config.with_changes(
            # A corruption override (e.g. salt-and-pepper from the CLI) stays with its task.
            model=self.modelCombo.currentData(), task=task,
            corruption=self.state.config.corruption if task == self.state.config.task else None,
            noise=self.levelSpin.value() if kind not in ("none", "grayscale") else None,
            latent_dim=self.latentDimSpin.value(), hidden=self.hiddenSpin.value(),
            depth=depth, block=block, norm=norm, widths=widths, epochs=self.epochsSpin.value(),
            batch_size=self.batchSpin.value(), lr=self.lrSpin.value(),
            optimizer=self.optimizerCombo.currentData(), beta=self.betaSpin.value(),
            kl_warmup_epochs=self.klWarmupSpin.value(), loss=self.lossCombo.currentData(),
            device=self.deviceCombo.currentData(), amp=self.ampCheck.isChecked(),
            compile=self.compileCheck.isChecked(),
            seed=self.seedSpin.value(), processes=self.processSpin.value(),
        )

    def _push_config(self) -> None:
        if getattr(self, "_applying", False):
            return
        self._pushing = True
        try:
            self.state.set_config(self.config_from_widgets())
        except AeguiError as exc:
            self.state.statusMessage.emit(error_text(exc))
        finally:
            self._pushing = False

    def _on_task(self) -> None:
        """Another task: its level starts at the task's default."""
        kind, default = TASKS[self.taskCombo.currentData()]
        self._show_level()
        if kind not in ("none", "grayscale") and not getattr(self, "_applying", False):
            self.levelSpin.setValue(default)
        self._push_config()

    def _show_level(self) -> None:
        """The level's name, range and tooltip for the task; its value stays."""
        kind, _ = TASKS[self.taskCombo.currentData()]
        low, high = LEVEL_RANGES[kind]
        has_level = kind not in ("none", "grayscale")
        self.levelSpin.setEnabled(has_level and self.state.run_state == RunState.IDLE)
        self.levelLabel.setText(core_words(LEVEL_LABELS[kind]).capitalize() if has_level else self.tr("Level"))
        if has_level:
            self.levelSpin.setRange(max(low, 0.01 if kind != "downscale" else 1.0), high)
        tip = tips.level_tip(kind, self.levelSpin.minimum(), self.levelSpin.maximum())
        self.levelSpin.setToolTip(tip)
        self.levelLabel.setToolTip(tip)

    def _on_model(self) -> None:
        variational = self.modelCombo.currentData() in VARIATIONAL_KINDS
        idle = self.state.run_state == RunState.IDLE
        self.betaSpin.setEnabled(variational and idle)
        self.klWarmupSpin.setEnabled(variational and idle)
        self.lossPlot.set_variational(variational)
        self._enable_layout()
        self._push_config()

    def _on_device(self) -> None:
        # Mixed precision only runs on CUDA; elsewhere the box keeps its value but is inert.
        self.ampCheck.setEnabled(self.deviceCombo.currentData() == "cuda"
                                 and self.state.run_state == RunState.IDLE)

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

    def _has_model(self) -> bool:
        return self.state.experiment is not None and not self.state.is_demo

    def _update_continue(self) -> None:
        s = self.state
        own_data = self._has_model() and s.experiment_split() is not None
        can_continue = own_data and s.run_state == RunState.IDLE
        self.continueCheck.setEnabled(can_continue)
        self.continueCheck.setToolTip(
            self.tr("Train the current model further, on the data and split it was trained on.")
            if own_data or not self._has_model() else
            self.tr("The model was trained on {dataset}: load it in the Data tab to continue training it.").format(
                dataset=s.experiment.config.dataset))
        if not can_continue and s.run_state == RunState.IDLE:
            self.continueCheck.setChecked(False)
        self._update_start_label()
        self._lock_architecture()

    def _lock_architecture(self) -> None:
        """Continuing trains the current weights, so their shape is fixed: the model, latent
        size, width and depth show the experiment's and cannot be changed until Continue
        is unticked."""
        widgets = (self.modelCombo, self.latentDimSpin, self.hiddenSpin, self.depthSpin, self.layoutCombo)
        s = self.state
        locked = self._architecture_locked()
        if locked and s.run_state == RunState.IDLE:
            c = s.experiment.config
            s.update_config(**{name: getattr(c, name) for name in ARCHITECTURE_FIELDS})
        for widget in widgets:
            widget.setEnabled(s.run_state == RunState.IDLE and not locked)
            widget.setStatusTip(self.tr("Continuing keeps the model's shape; untick Continue to change it.")
                                if locked else "")
        self._enable_layout()

    def _enable_layout(self) -> None:
        """The layout is a choice for the convolutional models, while idle and not continuing."""
        self.layoutCombo.setEnabled(self.modelCombo.currentData() not in DENSE_KINDS
                                    and self.state.run_state == RunState.IDLE and not self._architecture_locked())

    def _architecture_locked(self) -> bool:
        return self.continueCheck.isChecked() and self._has_model()

    def _update_start_label(self) -> None:
        """Say what the start button will do: when continuing, Epochs counts epochs to add."""
        n = self.epochsSpin.value()
        continuing = self.continueCheck.isChecked()
        if continuing:
            text = self.tr("Train {epochs}").format(
                epochs=translate_plural("TrainTab", "%n more epoch(s)", n, plural(n, "more epoch", "more epochs")))
        elif self._has_model():
            text = self.tr("Train from scratch ({epochs})").format(
                epochs=translate_plural("TrainTab", "%n epoch(s)", n, plural(n, "epoch")))
        else:
            text = self.tr("Train {epochs}").format(
                epochs=translate_plural("TrainTab", "%n epoch(s)", n, plural(n, "epoch")))
        self.startButton.setText(text)
        self.startButton.setToolTip(f"{text} (Ctrl+Return)")
        self.startLabelChanged.emit(text)
        self.epochsLabel.setText(self.tr("More epochs") if continuing else self.tr("Epochs"))
        done = self.state.experiment.epochs_done if self._has_model() else 0
        tip = tips.epochs_tip(continuing, done)
        self.epochsSpin.setToolTip(tip)
        self.epochsLabel.setToolTip(tip)

    # -- run feedback ---------------------------------------------------------------------------
    def _on_run_state(self, run_state: str) -> None:
        idle = run_state == RunState.IDLE
        paused = run_state == RunState.PAUSED
        self.startButton.setEnabled(idle)
        self.pauseButton.setEnabled(run_state in (RunState.TRAINING, RunState.PAUSED))
        self.pauseButton.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pauseButton.setIcon(self.playIcon if paused else self.pauseIcon)
        self.pauseButton.setToolTip(self.tr("Go on training") if paused else self.tr("Pause between two batches"))
        self.stopButton.setEnabled(run_state in (RunState.TRAINING, RunState.PAUSED))
        for w in (self.modelCombo, self.taskCombo, self.latentDimSpin, self.hiddenSpin, self.depthSpin,
                  self.layoutCombo, self.batchSpin, self.lossCombo, self.deviceCombo, self.seedSpin, self.lrSpin,
                  self.optimizerCombo, self.betaSpin, self.klWarmupSpin, self.ampCheck,
                  self.compileCheck, self.epochsSpin, self.levelSpin):
            w.setEnabled(idle)
        if idle:
            self._show_level()
            self._on_model()
            self._on_device()
        self._update_continue()
        if not idle and not self._run_active:  # a run starts; its history starts here
            self._run_active, self._stop_seen = True, False
            self._run_steps_from = len(self.state.step_reports)
            self.progress.show_starting()
        if run_state == RunState.STOPPING:
            self._stop_seen = True
        if idle and self._run_active:
            self._run_active = False
            self._show_outcome()
        elif not idle:
            self.progress.set_note(self._run_note(run_state))

    def _on_history(self) -> None:
        state = self.state
        if not state.step_reports and not state.epoch_reports:
            self.lossPlot.clear()
            self.progress.reset()
            self.preview.hide_hint()
            return
        if self.lossPlot.point_count("train_step") > len(state.step_reports) \
                or self.lossPlot.point_count("train") > len(state.epoch_reports):
            self.lossPlot.clear()  # history was cut back (a continued run replays an epoch)
        drawn = self.lossPlot.point_count("train_step")
        self.lossPlot.add_steps(state.step_reports[drawn:])
        new_epochs = state.epoch_reports[self.lossPlot.point_count("train"):]
        for report in new_epochs:
            self.lossPlot.add_epoch(report)
        if new_epochs:
            self.preview.show_epoch(new_epochs[-1], self.modelCombo.currentData() in VARIATIONAL_KINDS)
        if self._run_active and len(state.step_reports) > self._run_steps_from:
            self.progress.show_step(state.step_reports[-1], self._run_note(state.run_state))

    def _run_note(self, run_state: str) -> str:
        """The progress bar's note while a run pauses or stops."""
        return {RunState.PAUSED: self.tr("paused"), RunState.STOPPING: self.tr("stopping")}.get(run_state, "")

    def _show_outcome(self) -> None:
        """The run is over: say how it ended instead of where it was."""
        self.progress.show_run_end(self.state.step_reports[self._run_steps_from:],
                                   self.state.epoch_reports, self._stop_seen)
