"""The window's menus, toolbar and status bar. The actions become attributes of the window
(``window.trainAction`` …) so that the window can enable them as the run state changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStyle

from aegui.core.device import describe_device, resolve_device
from aegui.ui.graph_export import GRAPH_FORMATS
from aegui.ui.job_dialog import ask_and_export
from aegui.ui.plain_text import plain_label

if TYPE_CHECKING:
    from aegui.ui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_menus(window: MainWindow) -> None:
    """File, Run and Help menus, and the training toolbar."""
    std, files, w = QKeySequence.StandardKey, window.files, window
    w.openDatasetAction = _action(w, "Open &dataset…", files.open_dataset_dialog, std.Open,
                                  "Open an image folder or an npz/npy/IDX file")
    w.openExperimentAction = _action(w, "Open &experiment…", files.open_experiment_dialog, "Ctrl+Shift+O",
                                     "Open a saved experiment (.pt)")
    save = _action(w, "&Save experiment", files.save_experiment, std.Save)
    save_as = _action(w, "Save experiment &as…", files.save_experiment_as, std.SaveAs)
    export_model = _action(w, "E&xport model…", files.export_model_dialog, None,
                           "Save the weights as safetensors, or a slim .pt experiment")
    w.exportGraphActions = {
        what: _action(w, f.title, lambda _checked=False, what=what: files.export_graphs_dialog(what), None, f.tip)
        for what, f in GRAPH_FORMATS.items()
    }
    w.graph_exporter.busyChanged.connect(  # one export at a time
        lambda busy: [action.setEnabled(not busy) for action in w.exportGraphActions.values()])
    w.saveReportAction = _action(w, "Save &report…", files.save_report_dialog, "Ctrl+Shift+R",
                                 "Write a one-page HTML report of the model: settings, curves, metrics, "
                                 "images and the analyses shown")
    w.report_writer.busyChanged.connect(lambda busy: w.saveReportAction.setEnabled(not busy))
    export_job = _action(
        w, "Export training &job…",
        lambda: ask_and_export(w, w.job_exporter, w.state.config, Path(files.dialog_folder())),
        None, "Write a folder that trains this experiment with torchrun, here or on a Slurm cluster")
    preferences = _action(w, "&Preferences…", w.show_preferences, std.Preferences,
                          "Settings of the app: training threads")
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    w.trainAction = _action(w, "Train", w.start_from_toolbar, "Ctrl+Return",
                            "Start training with the settings of the Train tab")
    # Not Ctrl+P: that is Print in every application.
    w.pauseAction = _action(w, "Pause", w.controller.toggle_pause, "Ctrl+Shift+P", "Pause or resume training")
    w.stopAction = _action(w, "Stop", w.controller.stop, "Ctrl+.",
                           "Stop training and keep the last completed epoch")
    style, pixmaps = w.style(), QStyle.StandardPixmap
    w.trainAction.setIcon(style.standardIcon(pixmaps.SP_MediaPlay))
    w.pauseAction.setIcon(style.standardIcon(pixmaps.SP_MediaPause))
    w.stopAction.setIcon(style.standardIcon(pixmaps.SP_MediaStop))

    file_menu = w.menuBar().addMenu("&File")
    file_menu.addActions([w.openDatasetAction, w.openExperimentAction])
    w.recentMenu = file_menu.addMenu("Open &recent")
    files.recent.attach(w.recentMenu)
    file_menu.addSeparator()
    file_menu.addActions([save, save_as, export_model, *w.exportGraphActions.values(), w.saveReportAction,
                          export_job])
    file_menu.addSeparator()
    file_menu.addAction(preferences)
    file_menu.addSeparator()
    file_menu.addAction(_action(w, "&Quit", w.close, std.Quit))
    run_menu = w.menuBar().addMenu("&Run")
    run_menu.addActions([w.trainAction, w.pauseAction, w.stopAction])
    help_menu = w.menuBar().addMenu("&Help")
    help_menu.addAction(_action(w, "&About aegui", w.show_about))
    toolbar = w.addToolBar("Training")
    toolbar.setObjectName("trainingToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([w.trainAction, w.pauseAction, w.stopAction])


def build_status_bar(window: MainWindow) -> None:
    """The dataset, the device and the run state, always in view."""
    window.device_text = describe_device(resolve_device("auto"))
    window.deviceLabel = QLabel(window.device_text, objectName="deviceLabel")
    window.datasetLabel = plain_label("No dataset", objectName="datasetLabel")
    window.runStateLabel = QLabel("Idle", objectName="runStateLabel")
    bar = window.statusBar()
    for label in (window.datasetLabel, window.deviceLabel, window.runStateLabel):
        label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(label)
