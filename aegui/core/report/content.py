"""What a report shows, computed from an experiment and its validation images."""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
from PIL import Image

from aegui import __version__
from aegui.core.checkpoint import Experiment
from aegui.core.data import ImageDataset
from aegui.core.evaluation import comparison_rows
from aegui.core.imaging import comparison_grid, tile
from aegui.core.latent import decode, encode, grid_points, project
from aegui.core.models import MODEL_TITLES, count_parameters
from aegui.core.report import charts
from aegui.core.report.words import ENGLISH, ReportWords
from aegui.core.text import plural

GRID_IMAGES = 12  # reconstruction grid: this many validation images
SCATTER_POINTS = 2000  # latent scatter: at most this many validation codes
MANIFOLD_SIDE = 15  # the 2-D manifold grid: side × side decoded points
IMAGE_SCALE = 3  # the most pixels per image pixel in the inlined PNGs
PAGE_WIDTH = 1060  # what the report's column holds, in CSS pixels


@dataclass(frozen=True)
class Figure:
    title: str
    caption: str
    svg: str = ""  # either an inline SVG ...
    png_data_uri: str = ""  # ... or an inlined PNG


@dataclass(frozen=True)
class AnalysisSection:
    """One computed analysis (anomaly detection, a probe, PCA), as name/value rows."""

    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass
class ReportContent:
    title: str
    created: str
    aegui_version: str
    summary: str
    settings: list[tuple[str, str]]
    metrics: list[tuple[str, str]]
    curves: Figure | None = None
    reconstructions: Figure | None = None
    latent: list[Figure] = field(default_factory=list)  # the scatter, and the manifold for 2-D codes
    analyses: list[AnalysisSection] = field(default_factory=list)
    history: list[dict[str, float]] = field(default_factory=list)
    words: ReportWords = ENGLISH  # the template's texts, in the report's language


def png_data_uri(pixels: np.ndarray, scale: int = IMAGE_SCALE) -> str:
    """H×W or H×W×3 uint8 pixels as a ``data:`` URI, so the report has no side files."""
    array = pixels[..., 0] if pixels.ndim == 3 and pixels.shape[-1] == 1 else pixels
    image = Image.fromarray(np.ascontiguousarray(array))
    if scale > 1:
        image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if math.isfinite(value) else str(value)
    return str(value)


def metric_names(w: ReportWords) -> dict[str, str]:
    return {
        "val_loss": w("Validation loss"), "val_mse": w("Validation MSE"), "val_psnr": w("Validation PSNR (dB)"),
        "val_ssim": w("Validation SSIM"), "input_mse": w("Corrupted input MSE"),
        "input_psnr": w("Corrupted input PSNR (dB)"), "input_ssim": w("Corrupted input SSIM"),
        "val_kl": w("Validation KL (nats)"), "val_elbo": w("Negative ELBO (nats)"),
        "pca_val_mse": w("PCA MSE, same number of components"),
        "mean_image_mse": w("MSE of the average image (a constant guess)"),
    }


def _settings(experiment: Experiment, w: ReportWords) -> list[tuple[str, str]]:
    """The experiment's settings under their names in the experiment file (``latent dim`` is
    ``latent_dim``), which stay as they are in every language."""
    config = experiment.config
    rows = [(w("model"), w.title(MODEL_TITLES.get(config.model, config.model))),
            (w("weights"), f"{count_parameters(experiment.model):,}"),
            (w("epochs trained"), str(experiment.epochs_done))]
    rows += [(name.replace("_", " "), _setting(name, value, experiment, w)) for name, value
             in sorted(config.to_dict().items()) if name != "model"]
    return rows


def _setting(name: str, value: object, experiment: Experiment, w: ReportWords) -> str:
    """A setting as the report shows it; an automatic depth with the depth it came to."""
    if name == "depth" and value is None:
        return w("auto ({depth})").format(depth=experiment.spec.depth)
    if name == "widths" and isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if name == "widths":
        return w("×2 per stage")
    return _number(value)


def _loss_figure(history: list[dict[str, float]], w: ReportWords) -> Figure:
    epochs = tuple(float(r.get("epoch", i + 1)) for i, r in enumerate(history))
    series = [charts.Series(w("train loss"), epochs, tuple(float(r.get("train_loss", math.nan)) for r in history)),
              charts.Series(w("validation loss"), epochs,
                            tuple(float(r.get("val_loss", math.nan)) for r in history), dashed=True)]
    return Figure(w("Loss curves"), w("Loss per image, by epoch (log scale)."),
                  svg=charts.line_chart(series, w("epoch"), w("loss"), log_y=True))


def grid_layout(width: int, count: int) -> tuple[int, int]:
    """``(images, scale)`` for a row of ``count`` images ``width`` pixels wide: as many as fit
    the page at their own size (at least 4), magnified by a whole number (at most
    IMAGE_SCALE) while the row still fits. Never shrunk, so 64–128 px photos stay sharp."""
    images = min(count, max(4, PAGE_WIDTH // (width + 2)))
    scale = max(1, min(IMAGE_SCALE, PAGE_WIDTH // (images * (width + 2))))
    return images, scale


def _reconstruction_figure(experiment: Experiment, data: ImageDataset, w: ReportWords) -> Figure:
    count, scale = grid_layout(data.width, min(GRID_IMAGES, len(data)))
    labels = data.labels[:count] if data.labels is not None else None
    rows = comparison_rows(experiment.model, data.images[:count], labels, experiment.config.corruption_spec(),
                           experiment.config.seed)
    caption = (w("Top: validation images. Middle: the corrupted input. Bottom: the reconstruction.")
               if len(rows) == 3 else w("Top: validation images. Bottom: the reconstruction."))
    return Figure(w("Reconstructions"), caption, png_data_uri=png_data_uri(comparison_grid(rows), scale=scale))


def _latent_figures(experiment: Experiment, data: ImageDataset, w: ReportWords) -> list[Figure]:
    count = min(SCATTER_POINTS, len(data))
    labels = data.labels[:count] if data.labels is not None else None
    model = experiment.model.eval()
    codes = encode(model, data.images[:count], labels if model.conditional else None)
    view = project(codes, "pca")
    how = (w("{count} validation images, placed by the latent codes, coloured by class.") if codes.shape[1] <= 2
           else w("{count} validation images, placed by the first two principal components of the {size}-D codes, "
                  "coloured by class."))
    figures = [Figure(w("Latent space"), how.format(count=f"{count:,}", size=codes.shape[1]),
                      svg=charts.scatter(view.coords, None if labels is None else labels.numpy(),
                                         data.class_names))]
    if codes.shape[1] == 2 and not model.conditional:
        low, high = np.percentile(codes, 2, axis=0), np.percentile(codes, 98, axis=0)
        z = grid_points((float(low[0]), float(high[0])), (float(low[1]), float(high[1])), MANIFOLD_SIDE)
        images = decode(model, z)
        figures.append(Figure(w("Manifold"), w("Images decoded from a {side}×{side} grid over the middle 96 % of "
                                               "the codes.").format(side=MANIFOLD_SIDE),
                              png_data_uri=png_data_uri(tile(images, MANIFOLD_SIDE, pad=0),
                                                        scale=max(1, 420 // (MANIFOLD_SIDE * model.spec.width)))))
    return figures


def build_report(experiment: Experiment, data: ImageDataset, title: str,
                 analyses: list[AnalysisSection] | None = None, words: ReportWords = ENGLISH) -> ReportContent:
    """The report's content; ``data`` is the validation split the figures are drawn from,
    ``words`` the language it is written in."""
    config, w = experiment.config, words
    names = metric_names(w)
    metrics = [(names.get(k, k.replace("_", " ")), _number(v)) for k, v in sorted(experiment.metrics.items())]
    epochs = w.count("%n epoch(s)", experiment.epochs_done, plural(experiment.epochs_done, "epoch"))
    summary = w("{model} with a {size}-D code, trained for {epochs} on {dataset}, task: {task}.").format(
        model=w.title(MODEL_TITLES.get(config.model, config.model)), size=config.latent_dim, epochs=epochs,
        dataset=config.dataset, task=config.task)
    content = ReportContent(
        title=title, created=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        aegui_version=__version__, summary=summary, settings=_settings(experiment, w), metrics=metrics,
        analyses=list(analyses or []), history=[dict(r) for r in experiment.history], words=w)
    if experiment.history:
        content.curves = _loss_figure(experiment.history, w)
    if len(data):
        content.reconstructions = _reconstruction_figure(experiment, data, w)
        content.latent = _latent_figures(experiment, data, w)
    return content
