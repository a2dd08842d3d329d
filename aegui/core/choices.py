"""The names a user chooses among (models, tasks, corruptions, losses, layouts, precisions),
kept apart from the code that implements them so that reading them imports no PyTorch:
``aegui --help`` builds its parser from these in a fraction of a second."""

from __future__ import annotations

MODEL_KINDS = ("dense-ae", "conv-ae", "vae", "conv-vae", "cvae")
CORRUPTIONS = ("none", "gaussian", "salt-pepper", "mask", "blur", "downscale", "grayscale")
# task -> (corruption, default level)
TASKS: dict[str, tuple[str, float]] = {
    "reconstruct": ("none", 0.0),
    "denoise": ("gaussian", 0.5),
    "inpaint": ("mask", 0.25),
    "deblur": ("blur", 1.5),
    "superres": ("downscale", 2.0),
    "colorize": ("grayscale", 0.0),
}
RECON_LOSSES = ("mse", "bce")
BLOCKS = ("residual", "plain")  # the convolutional layouts (see aegui.core.models.conv)
NORMS = ("group", "batch")
AMP_DTYPES = ("auto", "bfloat16", "float16")
DEFAULT_CHECKPOINT_MINUTES = 10.0  # how often a long epoch leaves a mid-epoch checkpoint
