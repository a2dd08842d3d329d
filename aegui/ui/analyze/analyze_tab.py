"""The Analyze tab: three panels over the current experiment and its own validation
split. Each computes on the background runner when shown, and can be cancelled."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from aegui.ui.analyze.anomaly_panel import AnomalyPanel
from aegui.ui.analyze.panel import AnalysisPanel
from aegui.ui.analyze.pca_panel import PcaPanel
from aegui.ui.analyze.probe_panel import ProbePanel
from aegui.ui.app_state import AppState
from aegui.workers.tasks import TaskRunner


class AnalyzeTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("analyzeTab")
        self.state = state
        # Analysis is optional work: it yields the CPU to a training run.
        self.runner = TaskRunner("aegui-analyze", self, background=True)
        self.anomaly = AnomalyPanel(state, self.runner)
        self.probe = ProbePanel(state, self.runner)
        self.pca = PcaPanel(state, self.runner)
        self.panels = QTabWidget(objectName="analyzePanels")
        self.panels.addTab(self.anomaly, self.tr("Anomalies"))
        self.panels.addTab(self.probe, self.tr("Features for a classifier"))
        self.panels.addTab(self.pca, self.tr("Against PCA"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panels)

    def all_panels(self) -> list[AnalysisPanel]:
        return [self.anomaly, self.probe, self.pca]

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        return self.runner.shutdown(timeout_s)
