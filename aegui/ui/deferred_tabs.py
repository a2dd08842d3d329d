"""The main window's tabs that are not on screen at start: Reconstruct, Latent, Analyze and
Runs. Each is imported and built when first needed (``lazy.DeferredPages``: when shown,
when read, or after the window's first paint once no background job runs), so the window
paints before their modules, plots and workers exist. Each builds from the state as it is
then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegui.ui.i18n import translate
from aegui.ui.lazy import DeferredPages
from aegui.workers.tasks import all_runners

if TYPE_CHECKING:
    from aegui.ui.analyze.analyze_tab import AnalyzeTab
    from aegui.ui.latent.latent_tab import LatentTab
    from aegui.ui.main_window import MainWindow
    from aegui.ui.reconstruct_tab import ReconstructTab
    from aegui.ui.runs.runs_tab import RunsTab


def add_deferred_tabs(window: MainWindow, pages: DeferredPages) -> None:
    state = window.state
    pages.busy = lambda: any(runner.is_busy() for runner in all_runners())

    def reconstruct() -> ReconstructTab:
        from aegui.ui.reconstruct_tab import ReconstructTab

        return ReconstructTab(state)

    def latent() -> LatentTab:
        from aegui.ui.latent.latent_tab import LatentTab

        return LatentTab(state)

    def analyze() -> AnalyzeTab:
        from aegui.ui.analyze.analyze_tab import AnalyzeTab

        return AnalyzeTab(state)

    def runs() -> RunsTab:
        from aegui.ui.runs.runs_tab import RunsTab

        return RunsTab(state, settings=window.settings)

    pages.add("reconstruct_tab", translate("MainWindow", "Reconstruct"), reconstruct)
    pages.add("latent_tab", translate("MainWindow", "Latent"), latent)
    pages.add("analyze_tab", translate("MainWindow", "Analyze"), analyze)
    pages.add("runs_tab", translate("MainWindow", "Runs"), runs,
              lambda tab: tab.openRequested.connect(window.files.open_from_runs))
