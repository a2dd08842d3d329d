"""Studies of one setting: a short run per value (the latent size above all), and PCA's
curve beside them. See :func:`run_sweep`."""

from aegui.core.sweep.pca_curve import PcaCurve, pca_curve
from aegui.core.sweep.result import PLOT_FILE, SWEEP_FILE, SweepPoint, SweepResult, load_sweep, save_sweep
from aegui.core.sweep.run import (
    STUDY_WRITER,
    RunDone,
    RunProgress,
    RunStarted,
    SweepEvent,
    SweepFinished,
    SweepStarted,
    run_sweep,
)
from aegui.core.sweep.settings import SETTINGS, SweepSetting, setting_for, sweep_values

__all__ = [
    "PLOT_FILE", "SETTINGS", "STUDY_WRITER", "SWEEP_FILE", "PcaCurve", "RunDone", "RunProgress", "RunStarted",
    "SweepEvent",
    "SweepFinished", "SweepPoint", "SweepResult", "SweepSetting", "SweepStarted", "load_sweep", "pca_curve",
    "run_sweep", "save_sweep", "setting_for", "sweep_values",
]
