"""The window's menus, toolbar and status bar. The actions become attributes of the window
(``window.trainAction`` …) so that the window can enable them as the run state changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStyle

from aegui.core.device import resolve_device
from aegui.ui.graph_export import GRAPH_FORMATS
from aegui.ui.i18n import translate
from aegui.ui.job_dialog import ask_and_export
from aegui.ui.plain_text import plain_label
from aegui.ui.words import describe_device_words

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
    w.openDatasetAction = _action(w, translate("Menus", "Open &dataset…"), files.open_dataset_dialog, std.Open,
                                  translate("Menus", "Open an image folder or an npz/npy/IDX file"))
    w.openExperimentAction = _action(w, translate("Menus", "Open &experiment…"), files.open_experiment_dialog,
                                     "Ctrl+Shift+O", translate("Menus", "Open a saved experiment (.pt)"))
    save = _action(w, translate("Menus", "&Save experiment"), files.save_experiment, std.Save)
    save_as = _action(w, translate("Menus", "Save experiment &as…"), files.save_experiment_as, std.SaveAs)
    export_model = _action(w, translate("Menus", "E&xport model…"), files.export_model_dialog, None,
                           translate("Menus", "Save the weights as safetensors, or a slim .pt experiment"))
    w.exportGraphActions = {
        what: _action(w, translate("Menus", f.title),
                      lambda _checked=False, what=what: files.export_graphs_dialog(what), None,
                      translate("Menus", f.tip))
        for what, f in GRAPH_FORMATS.items()
    }
    w.graph_exporter.busyChanged.connect(  # one export at a time
        lambda busy: [action.setEnabled(not busy) for action in w.exportGraphActions.values()])
    w.saveReportAction = _action(
        w, translate("Menus", "Save &report…"), files.save_report_dialog, "Ctrl+Shift+R",
        translate("Menus", "Write a one-page HTML report of the model: settings, curves, metrics, images "
                           "and the analyses shown"))
    w.report_writer.busyChanged.connect(lambda busy: w.saveReportAction.setEnabled(not busy))
    export_job = _action(
        w, translate("Menus", "Export training &job…"),
        lambda: ask_and_export(w, w.job_exporter, w.state.config, Path(files.dialog_folder())),
        None, translate("Menus", "Write a folder that trains this experiment with torchrun, here or on a Slurm "
                                 "cluster"))
    preferences = _action(w, translate("Menus", "&Preferences…"), w.show_preferences, std.Preferences,
                          translate("Menus", "Settings of the app: training threads"))
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    w.trainAction = _action(w, translate("Menus", "Train"), w.start_from_toolbar, "Ctrl+Return",
                            translate("Menus", "Start training with the settings of the Train tab"))
    # Not Ctrl+P: that is Print in every application.
    w.pauseAction = _action(w, translate("Menus", "Pause"), w.controller.toggle_pause, "Ctrl+Shift+P",
                            translate("Menus", "Pause or resume training"))
    w.stopAction = _action(w, translate("Menus", "Stop"), w.controller.stop, "Ctrl+.",
                           translate("Menus", "Stop training and keep the last completed epoch"))
    style, pixmaps = w.style(), QStyle.StandardPixmap
    w.trainAction.setIcon(style.standardIcon(pixmaps.SP_MediaPlay))
    w.pauseAction.setIcon(style.standardIcon(pixmaps.SP_MediaPause))
    w.stopAction.setIcon(style.standardIcon(pixmaps.SP_MediaStop))

    file_menu = w.menuBar().addMenu(translate("Menus", "&File"))
    file_menu.addActions([w.openDatasetAction, w.openExperimentAction])
    w.recentMenu = file_menu.addMenu(translate("Menus", "Open &recent"))
    files.recent.attach(w.recentMenu)
    file_menu.addSeparator()
    file_menu.addActions([save, save_as, export_model, *w.exportGraphActions.values(), w.saveReportAction,
                          export_job])
    file_menu.addSeparator()
    file_menu.addAction(preferences)
    file_menu.addSeparator()
    file_menu.addAction(_action(w, translate("Menus", "&Quit"), w.close, std.Quit))
    run_menu = w.menuBar().addMenu(translate("Menus", "&Run"))
    run_menu.addActions([w.trainAction, w.pauseAction, w.stopAction])
    help_menu = w.menuBar().addMenu(translate("Menus", "&Help"))
    help_menu.addAction(_action(w, translate("Menus", "&About aegui"), w.show_about))
    toolbar = w.addToolBar(translate("Menus", "Training"))
    toolbar.setObjectName("trainingToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([w.trainAction, w.pauseAction, w.stopAction])


def build_status_bar(window: MainWindow) -> None:
    """The dataset, the device and the run state, always in view."""
    window.device_text = describe_device_words(resolve_device("auto"))
    window.deviceLabel = QLabel(window.device_text, objectName="deviceLabel")
    window.datasetLabel = plain_label(translate("Menus", "No dataset"), objectName="datasetLabel")
    window.runStateLabel = QLabel(translate("Menus", "Idle"), objectName="runStateLabel")
    bar = window.statusBar()
    for label in (window.datasetLabel, window.deviceLabel, window.runStateLabel):
        label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(label)
