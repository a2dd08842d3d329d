"""What a trained autoencoder is for: anomaly scores, features for a classifier (the
linear probe), and the comparison with PCA at the same code size.

Pure numpy, torch and scikit-learn: the Analyze tab and ``aegui analyze`` call these same
functions, so both report the same numbers for the same experiment.
"""

from aegui.core.analysis.anomaly import (
    SCORE_KINDS,
    SCORE_TITLES,
    Separation,
    anomaly_scores,
    auroc,
    flagged,
    mean_auroc,
    per_class_auroc,
    separation,
    threshold_at_fpr,
    threshold_at_percentile,
    top_k,
)
from aegui.core.analysis.anomaly_run import AnomalyAnalysis, ComparedSet, run_anomaly
from aegui.core.analysis.export import SCORES_HEADER, write_columns_csv, write_scores_csv
from aegui.core.analysis.pca_basis import PcaBasis, clear_pca_cache, fit_pca_basis, pca_basis_for
from aegui.core.analysis.pca_compare import PcaComparison, compare_with_pca, equivalent_components
from aegui.core.analysis.probe import (
    FEATURE_SETS,
    FEATURE_TITLES,
    LABELS_PER_CLASS,
    ProbeResult,
    balanced_subset,
    check_probe_input,
    knn_accuracy,
    linear_probe,
    probe_features,
)

__all__ = [
    "AnomalyAnalysis",
    "ComparedSet",
    "FEATURE_SETS",
    "FEATURE_TITLES",
    "LABELS_PER_CLASS",
    "SCORES_HEADER",
    "SCORE_KINDS",
    "SCORE_TITLES",
    "PcaBasis",
    "PcaComparison",
    "ProbeResult",
    "Separation",
    "anomaly_scores",
    "auroc",
    "balanced_subset",
    "check_probe_input",
    "clear_pca_cache",
    "compare_with_pca",
    "equivalent_components",
    "fit_pca_basis",
    "flagged",
    "knn_accuracy",
    "linear_probe",
    "mean_auroc",
    "pca_basis_for",
    "per_class_auroc",
    "probe_features",
    "run_anomaly",
    "separation",
    "threshold_at_fpr",
    "threshold_at_percentile",
    "top_k",
    "write_columns_csv",
    "write_scores_csv",
]
