"""What differs between runs: their settings side by side, and their final metrics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aegui.core.catalog.summary import RunSummary

# The settings shown first, in the order a reader thinks of them; the rest follow by name.
SETTING_ORDER = ("dataset", "image_size", "color", "classes", "val_fraction", "split_seed", "model",
                 "latent_dim", "hidden", "depth", "block", "norm", "widths", "task", "noise", "corruption", "epochs",
                 "batch_size", "lr", "optimizer", "weight_decay", "loss", "beta", "kl_warmup_epochs", "seed",
                 "device", "amp")
METRIC_ORDER = ("val_loss", "val_mse", "val_psnr", "val_ssim", "val_elbo", "val_kl", "pca_val_mse", "mean_image_mse",
                "input_mse", "input_psnr", "input_ssim")
HIGHER_IS_BETTER = ("val_psnr", "val_ssim", "input_psnr", "input_ssim")
NOT_RANKED = ("pca_components", "pca_fit_rows", "mean_image_mse")  # baselines, not results
SKIPPED = ("format_version",)


@dataclass(frozen=True)
class SettingRow:
    name: str
    values: tuple[str, ...]  # one per run, as text ("" where a run has no such setting)
    differs: bool
    best: int | None = None  # for a metric: the run with the best value


def setting_rows(runs: Sequence[RunSummary]) -> list[SettingRow]:
    names = {k for run in runs for k in run.config if k not in SKIPPED}
    ordered = [n for n in SETTING_ORDER if n in names] + sorted(names - set(SETTING_ORDER))
    rows = []
    for name in ordered:
        values = tuple(_text(run.config.get(name, "")) for run in runs)
        rows.append(SettingRow(name, values, differs=len(set(values)) > 1))
    return rows


def metric_rows(runs: Sequence[RunSummary]) -> list[SettingRow]:
    """Final metrics side by side; the best run of each marked, where more than one has it."""
    names = {k for run in runs for k in run.metrics}
    ordered = [n for n in METRIC_ORDER if n in names] + sorted(names - set(METRIC_ORDER))
    rows = []
    for name in ordered:
        numbers = [run.metrics.get(name) for run in runs]
        values = tuple("" if v is None else f"{v:.4g}" for v in numbers)
        present = [(v, i) for i, v in enumerate(numbers) if v is not None]
        best = None
        if len(present) > 1 and name not in NOT_RANKED:
            best = (max if name in HIGHER_IS_BETTER else min)(present)[1]
        rows.append(SettingRow(name, values, differs=len(set(values)) > 1, best=best))
    return rows


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if value is None:
        return "—"
    return str(value)
