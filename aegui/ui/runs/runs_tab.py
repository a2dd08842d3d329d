"""The Runs tab: every run this app, ``aegui train`` or a cluster job wrote, in one table;
the selected runs compared below it, and the latent-size study beside the comparison.

It is a tab, not a dock: comparing needs the window's width for the curves and the
settings table, and a dock beside the other tabs would leave too little of either at
1024×700. Opening a run makes it the current experiment, shown in the other tabs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QFile, QItemSelectionModel, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aegui.core.catalog import RunNotes, RunSummary, find_runs, read_notes, read_run, write_notes
from aegui.core.text import plural
from aegui.ui.app_state import AppState
from aegui.ui.i18n import translate_plural
from aegui.ui.paths import app_data_dir, app_settings
from aegui.ui.runs.compare_view import CompareView
from aegui.ui.runs.run_follow import RunFollower
from aegui.ui.runs.run_table import NAME, STARTED, RunFilter, RunTableModel
from aegui.ui.runs.study_panel import StudyPanel
from aegui.workers.tasks import TaskRunner

FOLDERS_KEY = "runs/folders"
MAX_COMPARED = 10


def runs_words(count: int) -> str:
    """"3 runs", in the window's language."""
    return translate_plural("RunsTab", "%n run(s)", count, plural(count, "run"))


class RunsTab(QWidget):
    openRequested = Signal(str)  # the experiment.pt of a run to open
    listed = Signal()  # a listing of the run folders has been shown

    def __init__(self, state: AppState, parent: QWidget | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.state = state
        self.settings = settings or app_settings()
        self.stale = True  # listed again when next shown
        # Listing reads a few small files per run folder, any of which may sit on a slow or
        # shared disk: it runs on a worker thread, never the GUI's.
        self.lister = TaskRunner("aegui-runs", self, inference=False)
        self.lister.failed.connect(lambda _key, message: self.state.report_error(
            self.tr("Could not list the runs"), message, "file"))
        self.follower = RunFollower(self)
        self.follower.runChanged.connect(self._run_changed)
        self.follower.runsAdded.connect(self.refresh)
        self.follower.recheck.connect(self._recheck_running)

        self.model = RunTableModel(self)
        self.proxy = RunFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="runsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STARTED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.filter_edit = QLineEdit(objectName="runsFilter",
                                     placeholderText=self.tr("Filter: name, model, tag, status…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Show the runs whose columns contain every word typed."))
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.folders_button = QToolButton(text=self.tr("Folders"), objectName="runsFolders")
        self.folders_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.folders_button.setToolTip(self.tr("Where runs are looked for: the app's own runs folder and any you add "
                                               "(a folder of 'aegui train' runs, a cluster's output on a shared "
                                               "disk)."))
        self.folders_button.setMenu(QMenu(self.folders_button))
        self.folders_button.menu().aboutToShow.connect(self._fill_folders_menu)
        self.count_label = QLabel("", objectName="runsCount")
        self.open_button = QPushButton(self.tr("Open"), objectName="runsOpen")
        self.open_button.setToolTip(self.tr("Open the selected run as the current experiment (or double-click it)."))
        self.rename_button = QPushButton(self.tr("Rename…"), objectName="runsRename")
        self.rename_button.setToolTip(self.tr("Give the run a name of your own; its folder keeps its name (F2)."))
        self.tags_button = QPushButton(self.tr("Tags…"), objectName="runsTags")
        self.tags_button.setToolTip(self.tr("Tag the selected runs (comma-separated), to find them with the filter."))
        self.delete_button = QPushButton(self.tr("Delete…"), objectName="runsDelete")
        self.delete_button.setToolTip(self.tr("Move the selected runs' folders to the trash, after asking (Delete)."))
        self.open_button.clicked.connect(self.open_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.tags_button.clicked.connect(self.tag_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for key, slot in ((QKeySequence.StandardKey.Delete, self.delete_selected),
                          (QKeySequence(Qt.Key.Key_F2), self.rename_selected)):
            action = QAction(self.table)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.folders_button)
        bar.addWidget(self.count_label, 1)
        for button in (self.open_button, self.rename_button, self.tags_button, self.delete_button):
            bar.addWidget(button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.table, 1)

        self.compare = CompareView()
        self.study = StudyPanel(state)
        self.study.runWritten.connect(lambda _folder: self.refresh())
        self.study.openRunRequested.connect(self.openRequested)
        self.lower = QTabWidget(objectName="runsLowerTabs")
        self.lower.addTab(self.compare, self.tr("Compare"))
        self.lower.addTab(self.study, self.tr("Latent-size study"))
        splitter = QSplitter(Qt.Orientation.Vertical, objectName="runsSplitter")
        splitter.addWidget(top)
        splitter.addWidget(self.lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    # -- where runs are ------------------------------------------------------------------------------
    def roots(self) -> list[Path]:
        return [app_data_dir() / "runs"] + self.added_folders()

    def added_folders(self) -> list[Path]:
        value = self.settings.value(FOLDERS_KEY, [])
        if isinstance(value, str):  # QSettings gives one string for a one-item list
            value = [value]
        return [Path(v) for v in value or []]

    def add_folder(self, folder: str | Path) -> None:
        folders = [str(f) for f in self.added_folders()]
        if str(folder) not in folders:
            self.settings.setValue(FOLDERS_KEY, folders + [str(folder)])
        self.refresh()

    def remove_folder(self, folder: str | Path) -> None:
        self.settings.setValue(FOLDERS_KEY, [str(f) for f in self.added_folders() if f != Path(folder)])
        self.refresh()

    # -- the list ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the runs again (on a worker thread), keeping the selection."""
        self.stale = False
        roots = self.roots()
        self.follower.set_roots(roots)
        if not self.model.runs:
            self.count_label.setText(self.tr("Listing runs…"))
        self.lister.submit("list", lambda _ctx: find_runs(roots), self._show_listing)

    def _show_listing(self, runs: list[RunSummary]) -> None:
        selected = {r.folder for r in self.selected_runs()}
        first = not self.model.runs
        self.model.set_runs(runs)
        if first and self.model.runs:  # columns fit their contents once; then they are the user's
            self.table.resizeColumnsToContents()
        self.select_folders(selected)
        # A model reset drops the selection without a word: the comparison and buttons follow
        # what is selected now (a deleted run is no longer compared).
        self._follow()
        self._show_comparison()
        self._update_buttons()
        self._update_count()
        self.study.describe_saved()  # a deleted run of the shown study is said there too
        self.listed.emit()

    def select_folders(self, folders) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for folder in folders:
            row = self.model.row_of(Path(folder))
            if row is not None:
                index = self.proxy.mapFromSource(self.model.index(row, NAME))
                if index.isValid():
                    selection.select(index, flags)

    def selected_runs(self) -> list[RunSummary]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.run_at(r) for r in rows if 0 <= r < len(self.model.runs)]

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()
        self.follower.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.follower.stop()
        self.stale = True  # what landed while hidden is listed when shown again

    def shutdown(self) -> None:
        """The window is closing: stop polling and ask a study to stop (its finished runs stay)."""
        self.follower.stop()
        self.lister.close()
        self.study.cancel()

    # -- following runs as they are written -----------------------------------------------------------
    def _follow(self) -> None:
        """Follow the running runs (their rows move on) and the selected ones (their curves)."""
        running = [r.folder for r in self.model.runs if r.status == "running"]
        self.follower.follow(set(running) | {r.folder for r in self.selected_runs()[:MAX_COMPARED]})

    def _run_changed(self, folder: str) -> None:
        path = Path(folder)
        rows = self.follower.history(path)
        summary = read_run(path, epochs_done=len(rows))
        if summary is None:
            return
        self.model.update_run(summary)
        self._update_count()
        if any(r.folder == path for r in self.selected_runs()):
            self._show_comparison()

    def _recheck_running(self) -> None:
        """A run listed as running whose writer died (killed outright) changed no file: look
        at its journal again, which asks whether the writer still runs."""
        for run in [r for r in self.model.runs if r.status == "running"]:
            summary = read_run(run.folder, epochs_done=len(self.follower.history(run.folder)) or None)
            if summary is not None and summary.status != run.status:
                self._run_changed(str(run.folder))

    def _selection_changed(self, *_args) -> None:
        self._follow()
        self._show_comparison()
        self._update_buttons()

    def _show_comparison(self) -> None:
        runs = self.selected_runs()[:MAX_COMPARED]
        self.compare.show_runs(runs, {r.folder: self.follower.history(r.folder) for r in runs})

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), len(self.model.runs)
        running = sum(r.status == "running" for r in self.model.runs)
        runs = runs_words(total)
        text = runs if shown == total else self.tr("{shown} of {runs}").format(shown=shown, runs=runs)
        if running:
            text = self.tr("{runs} · {running} running").format(runs=text, running=running)
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        runs = self.selected_runs()
        self.open_button.setEnabled(len(runs) == 1 and runs[0].can_open)
        self.rename_button.setEnabled(len(runs) == 1)
        self.tags_button.setEnabled(bool(runs))
        self.delete_button.setEnabled(bool(runs))

    # -- acting on runs -----------------------------------------------------------------------------------
    def open_selected(self) -> None:
        runs = self.selected_runs()
        if len(runs) == 1 and runs[0].can_open:
            self.openRequested.emit(str(runs[0].experiment_file))

    def rename_selected(self) -> None:
        runs = self.selected_runs()
        if len(runs) != 1:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename run"), self.tr("Name (empty keeps the folder's name):"),
                                        text=runs[0].name if runs[0].name != runs[0].folder.name else "")
        if ok:
            self.rename(runs[0], name)

    def rename(self, run: RunSummary, name: str) -> None:
        notes = read_notes(run.folder)
        self._write_notes(run, RunNotes(name=name, tags=notes.tags))

    def tag_selected(self) -> None:
        runs = self.selected_runs()
        if not runs:
            return
        current = ", ".join(runs[0].tags) if len(runs) == 1 else ""
        text, ok = QInputDialog.getText(self, self.tr("Tag runs"),
                                        self.tr("Tags for {runs}, separated by commas:").format(
                                            runs=runs_words(len(runs))), text=current)
        if ok:
            for run in runs:
                self.set_tags(run, text)

    def set_tags(self, run: RunSummary, tags: str) -> None:
        self._write_notes(run, RunNotes(name=read_notes(run.folder).name, tags=tuple(tags.split(","))))

    def _write_notes(self, run: RunSummary, notes: RunNotes) -> None:
        try:
            write_notes(run.folder, notes)
        except OSError as exc:
            self.state.report_error(self.tr("Could not change the run"),
                                    self.tr("Writing to {folder} failed ({reason}).").format(
                                        folder=run.folder, reason=exc.strerror or exc), "file")
            return
        if (summary := read_run(run.folder)) is not None:
            self.model.update_run(summary)
            self._show_comparison()

    def delete_selected(self) -> None:
        runs = self.selected_runs()
        if not runs:
            return
        running = [r.name for r in runs if r.status == "running"]
        if running:
            self.state.report_error(self.tr("Could not delete"),
                                    self.tr("{names} is still being trained; stop it first.").format(
                                        names=", ".join(running)), "file")
            return
        names = "\n".join(f"• {r.name}" for r in runs[:12]) + ("\n…" if len(runs) > 12 else "")
        answer = QMessageBox.question(self, self.tr("Delete runs"),
                                      self.tr("Move {runs} to the trash?\n\n{names}").format(
                                          runs=runs_words(len(runs)), names=names))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(runs)

    def delete(self, runs: list[RunSummary], confirm_permanent=None) -> list[Path]:
        """Move each run's folder to the trash; where there is none, delete it for good only if
        ``confirm_permanent()`` (by default a question) says so. The folders removed."""
        ask = confirm_permanent or (lambda: QMessageBox.question(
            self, self.tr("No trash"), self.tr("These runs cannot be moved to a trash here. Delete them for good?"))
            == QMessageBox.StandardButton.Yes)
        removed, permanent = [], None
        for run in runs:
            if QFile.moveToTrash(str(run.folder)):
                removed.append(run.folder)
                continue
            permanent = ask() if permanent is None else permanent
            if permanent:
                try:
                    shutil.rmtree(run.folder)
                    removed.append(run.folder)
                except OSError as exc:
                    self.state.report_error(self.tr("Could not delete"),
                                            self.tr("Removing {folder} failed ({reason}).").format(
                                                folder=run.folder, reason=exc.strerror or exc), "file")
        if removed:
            done = self.tr("Moved {runs} to the trash.") if not permanent else self.tr("Deleted {runs}.")
            self.state.statusMessage.emit(done.format(runs=runs_words(len(removed))))
        self.refresh()
        return removed

    # -- menus ------------------------------------------------------------------------------------------------
    def _fill_folders_menu(self) -> None:
        menu = self.folders_button.menu()
        menu.clear()
        menu.addAction(self.tr("Add folder…"), self._choose_folder)
        own = menu.addAction(self.tr("{folder} (the app's runs)").format(folder=app_data_dir() / "runs"))
        own.setEnabled(False)
        for folder in self.added_folders():
            menu.addAction(self.tr("Stop listing {folder}").format(folder=folder),
                           lambda f=folder: self.remove_folder(f))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of runs"), str(Path.home()))
        if folder:
            self.add_folder(folder)

    def _context_menu(self, point) -> None:
        runs = self.selected_runs()
        if not runs:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), self.open_selected).setEnabled(self.open_button.isEnabled())
        menu.addAction(self.tr("Rename…"), self.rename_selected).setEnabled(len(runs) == 1)
        menu.addAction(self.tr("Tags…"), self.tag_selected)
        menu.addAction(self.tr("Show folder"),
                       lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(runs[0].folder))))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(point))
