"""The autoencoder against PCA: the same code size, the MSE curve over the number of
components, the equivalent PCA size, and what the code costs in bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from aegui.core.analysis.pca_basis import pca_basis_for
from aegui.core.data import DataSplit
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.evaluation import as_float, to_uint8
from aegui.core.metrics import mse, psnr, ssim, ssim_fits
from aegui.core.models import Autoencoder
from aegui.core.words import say

MAX_COMPONENTS = 256
EXAMPLES = 8
BATCH = 500


@dataclass(frozen=True)
class PcaComparison:
    """All numbers are means over the validation images, on [0, 1] pixels.

    ``pca_mse[i]`` is the validation MSE with ``components[i]`` components (unclipped
    reconstructions, see :meth:`PcaBasis.mse_curve`); the same-size numbers clip the PCA
    reconstruction to [0, 1], as the images shown and ``metrics.json``'s ``pca_val_mse``.
    """

    components: np.ndarray  # 1..K
    pca_mse: np.ndarray  # K, non-increasing
    ae_mse: float
    ae_psnr: float
    ae_ssim: float
    pca_same_mse: float
    pca_same_psnr: float
    pca_same_ssim: float
    latent_dim: int
    equivalent_components: int | None  # smallest k with pca_mse <= ae_mse; None if K does not reach it
    bytes_raw: int  # one image as uint8 pixels
    bytes_code_f32: int
    bytes_code_f16: int
    examples: tuple[np.ndarray, np.ndarray, np.ndarray]  # uint8 N×C×H×W: originals, PCA-k, AE

    @property
    def ratio_f32(self) -> float:
        return self.bytes_raw / self.bytes_code_f32

    @property
    def ratio_f16(self) -> float:
        return self.bytes_raw / self.bytes_code_f16

    def summary(self) -> dict:
        """The numbers as plain JSON-ready Python (what ``aegui analyze pca --json`` prints);
        an undefined SSIM (images under 11×11 pixels) is None."""
        return {
            "latent_dim": int(self.latent_dim),
            "max_components": int(self.components[-1]),
            "autoencoder": {"mse": self.ae_mse, "psnr": self.ae_psnr, "ssim": _finite(self.ae_ssim)},
            "pca_same_size": {"mse": self.pca_same_mse, "psnr": self.pca_same_psnr,
                              "ssim": _finite(self.pca_same_ssim)},
            "equivalent_components": self.equivalent_components,
            "sentence": self.sentence(),
            "bytes_raw": int(self.bytes_raw),
            "bytes_code_f32": int(self.bytes_code_f32),
            "bytes_code_f16": int(self.bytes_code_f16),
            "ratio_f32": float(self.ratio_f32),
            "ratio_f16": float(self.ratio_f16),
            "pca_mse": [float(v) for v in self.pca_mse],
        }

    def sentence(self) -> str:
        """The headline, e.g. "This 16-number code reconstructs like PCA with 41 components."."""
        if self.equivalent_components is None:
            return (f"This {self.latent_dim}-number code reconstructs better than PCA with "
                    f"{int(self.components[-1])} components.")
        n = self.equivalent_components
        if n == 1 and self.pca_mse[0] < self.ae_mse:
            return f"This {self.latent_dim}-number code reconstructs worse than PCA with 1 component."
        return (f"This {self.latent_dim}-number code reconstructs like PCA with {n} "
                f"component{'s' if n != 1 else ''}.")


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def equivalent_components(pca_mse: np.ndarray, ae_mse: float) -> int | None:
    """The smallest k (1-based) whose PCA MSE is at most ``ae_mse``."""
    reached = np.flatnonzero(np.asarray(pca_mse) <= ae_mse)
    return int(reached[0]) + 1 if len(reached) else None


def clipped_mse(basis, images: torch.Tensor, k: int, stop: Callable[[], bool]) -> float:
    """Validation MSE of rank-``k`` PCA with its reconstructions clipped to [0, 1], as the
    same-size row, the images shown and ``metrics.json`` measure it."""
    return _pca_metrics(basis, images, k, stop, with_ssim=False)[0]


def clipped_equivalent(basis, images: torch.Tensor, ae_mse: float, curve: np.ndarray,
                       stop: Callable[[], bool]) -> int | None:
    """The smallest k whose *clipped* PCA matches the autoencoder (whose output is in
    [0, 1] too), so the sentence agrees with the same-size row. Clipping only lowers the
    error, so the unclipped curve bounds the answer from above; a bisection over k then
    costs a handful of reconstructions instead of K."""
    high = equivalent_components(curve, ae_mse) or basis.k
    if clipped_mse(basis, images, high, stop) > ae_mse:
        return None
    low = 1
    while low < high:
        mid = (low + high) // 2
        if clipped_mse(basis, images, mid, stop) <= ae_mse:
            high = mid
        else:
            low = mid + 1
    return high


def compare_with_pca(
    model: Autoencoder,
    split: DataSplit,
    *,
    max_components: int = MAX_COMPONENTS,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PcaComparison:
    """Fit PCA on ``split.train`` (cached per training tensor) and compare it with ``model``
    on the clean ``split.val`` images. K = min(max(max_components, latent size), pixels,
    training images). Raises :class:`Cancelled` when ``should_stop()`` returns True."""
    train, val = split.train, split.val
    if val.shape != model.spec.image_shape or train.shape != model.spec.image_shape:
        raise AeguiError(say(
            "The model expects {expected} images, but the data "
            "has {shape}; compare it on data like it was trained on.",
            expected="×".join(map(str, model.spec.image_shape)), shape="×".join(map(str, val.shape))
        ))
    stop = should_stop or (lambda: False)
    total_steps = 4
    step = _stepper(progress, total_steps)
    pixels = int(np.prod(val.shape))
    latent = model.latent_dim
    k_max = max(1, min(max(max_components, latent), pixels, len(train)))
    basis = pca_basis_for(train.images, k_max, should_stop=stop)
    step()
    curve = basis.mse_curve(val.images, stop)
    step()
    k_same = min(latent, basis.k)
    pca_same = _pca_metrics(basis, val.images, k_same, stop)
    step()
    ae, ae_examples = _ae_metrics(model, val.images, val.labels, stop)
    step()
    n_ex = min(EXAMPLES, len(val))
    originals = val.images[:n_ex].cpu().numpy()
    pca_examples = to_uint8(basis.reconstruct(val.images[:n_ex], k_same)).numpy()
    return PcaComparison(
        components=np.arange(1, basis.k + 1),
        pca_mse=curve,
        ae_mse=ae[0], ae_psnr=ae[1], ae_ssim=ae[2],
        pca_same_mse=pca_same[0], pca_same_psnr=pca_same[1], pca_same_ssim=pca_same[2],
        latent_dim=latent,
        equivalent_components=clipped_equivalent(basis, val.images, ae[0], curve, stop),
        bytes_raw=pixels,
        bytes_code_f32=4 * latent,
        bytes_code_f16=2 * latent,
        examples=(originals, pca_examples, ae_examples[:n_ex]),
    )


def _stepper(progress: Callable[[int, int], None] | None, total: int) -> Callable[[], None]:
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    return step


def _metric_sums(recon: torch.Tensor, clean: torch.Tensor) -> np.ndarray:
    # SSIM's window does not fit images smaller than it: NaN says "not defined".
    structural = ssim(recon, clean).sum().item() if ssim_fits(*clean.shape[2:]) else float("nan")
    return np.array([mse(recon, clean).sum().item(), psnr(recon, clean).sum().item(), structural],
                    dtype=np.float64)


def _pca_metrics(basis, images: torch.Tensor, k: int, stop: Callable[[], bool],
                 with_ssim: bool = True) -> tuple[float, float, float]:
    sums = np.zeros(3)
    for s in range(0, len(images), BATCH):
        if stop():
            raise Cancelled("The PCA comparison was stopped.")
        chunk = images[s : s + BATCH]
        recon, clean = basis.reconstruct(chunk, k), as_float(chunk, torch.device("cpu"))
        if with_ssim:
            sums += _metric_sums(recon, clean)
        else:
            sums[0] += float(((recon - clean) ** 2).flatten(1).mean(1).sum())
    mean = sums / len(images)
    return float(mean[0]), float(mean[1]), float(mean[2])


def _ae_metrics(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None,
                stop: Callable[[], bool]) -> tuple[tuple[float, float, float], np.ndarray]:
    if model.conditional and labels is None:
        raise AeguiError(say("A conditional VAE needs the class label of every image, and these images have none."))
    device = next(model.parameters()).device
    sums, first = np.zeros(3), None
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            for s in range(0, len(images), BATCH):
                if stop():
                    raise Cancelled("The PCA comparison was stopped.")
                clean = as_float(images[s : s + BATCH], device)
                y = labels[s : s + BATCH].to(device) if model.conditional and labels is not None else None
                recon = model(clean, y).recon.float()
                sums += _metric_sums(recon, clean)
                if first is None:
                    first = to_uint8(recon[:EXAMPLES]).numpy()
    finally:
        model.train(was_training)
    mean = sums / len(images)
    if first is None:  # no images: no examples
        first = np.zeros((0, *images.shape[1:]), np.uint8)
    return (float(mean[0]), float(mean[1]), float(mean[2])), first
