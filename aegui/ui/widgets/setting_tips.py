"""Tooltips for the training settings: what each one does and a sensible range, so a
first-time user can pick values without reading the documentation."""

from __future__ import annotations

from aegui.core.config import MAX_LATENT, MAX_WIDTH
from aegui.core.corruptions import LEVEL_RANGES

MIN_WIDTH_SHOWN = 4  # narrower networks are valid but learn nothing useful: the window starts at 4

MODEL = (
    "What the network is. Dense models flatten the image (quick, fine for 28×28 digits); "
    "convolutional ones keep its 2-D layout and do better from 32×32 up. A VAE (variational "
    "autoencoder) learns a smooth latent space you can sample new images from; the conditional "
    "VAE is also told each image's class (labelled data with 2 or more classes)."
)

_R = LEVEL_RANGES  # the ranges the corruptions accept, so the tips cannot drift from them
TASK = (
    "What the model learns to undo: it sees a corrupted image and is scored against the clean "
    f"one. Reconstruct: no corruption. Denoise: Gaussian noise (σ up to {_R['gaussian'][1]:g}). "
    f"Inpaint: a masked rectangle (up to {_R['mask'][1]:.0%} of the image). Deblur: Gaussian "
    f"blur (σ up to {_R['blur'][1]:g} pixels). Super-resolve: downscaled by a factor of "
    f"{_R['downscale'][0]:g}–{_R['downscale'][1]:g}. Colorize: grey input, RGB data only."
)

# corruption kind -> what its level means and a good starting value; the range is added
# from the spin box, so the tooltip always states the limits the widget really has.
LEVELS = {
    "gaussian": ("Noise σ: the standard deviation of the Gaussian noise added to every pixel "
                 "(pixels run from 0 to 1).", "0.3–0.5 is clearly visible yet learnable"),
    "salt-pepper": ("Flipped fraction p: the share of pixels set to black or white.",
                    "0.1–0.3 is a good start"),
    "mask": ("Masked area fraction: how much of the image one rectangle hides.",
             "0.25 hides a quarter"),
    "blur": ("Blur σ in pixels: the width of the Gaussian blur.",
             "1–2 pixels clearly blurs 28×28 digits"),
    "downscale": ("Downscale factor: the image is shrunk by this factor, then scaled back up.",
                  "2 halves the resolution, 4 quarters it"),
}

NO_LEVEL = ("This task has no level (it stays at 0). Denoise, inpaint, deblur and super-resolve "
            f"have one, e.g. noise σ up to {_R['gaussian'][1]:g}.")


def level_tip(kind: str, low: float, high: float) -> str:
    if kind not in LEVELS:
        return NO_LEVEL
    meaning, advice = LEVELS[kind]
    return f"{meaning} Range {low:g}–{high:g}; {advice}."


LATENT = ("Latent size: how many numbers each image is squeezed into. 2 lets the Latent tab "
          f"plot the codes directly; 8–32 reconstructs far better. Range 1–{MAX_LATENT}.")
WIDTH = ("Width: channels of the first convolution stage (doubling at each further stage); "
         f"dense models get 16× this many units in their first layer. Range {MIN_WIDTH_SHOWN}–{MAX_WIDTH}; "
         "16–64 is typical, and wider trains slower.")
DEPTH = ("Depth: how many stages (each convolution stage halves the image size) or dense "
         "layers. Auto halves the image down to 8×8 or less (2 stages for 28–32 px, 3 for 64, "
         "4 for 128) and gives dense models 2 layers. Range 1–6.")
LAYOUT = ("Layout of the convolutional models. Residual blocks with GroupNorm suit photos and "
          "behave the same at any batch size; the plain layout is aegui's first, which older "
          "runs use. BatchNorm is the option for either.")


def epochs_tip(continuing: bool, epochs_done: int) -> str:
    if continuing:
        return (f"More epochs: how many epochs to train on top of the model's {epochs_done:,}. "
                "Range 1–10,000.")
    return ("Epochs: full passes over the training images. Range 1–10,000; 10–30 is enough "
            "for MNIST digits. To train an existing model further, tick Continue: this then "
            "counts the additional epochs.")


BATCH = ("Batch size: images per optimisation step. Range 1–8,192; 64–256 is typical. Larger "
         "batches train faster on a GPU but need more memory: if it runs out, halve this.")
LR = ("Learning rate: the optimizer's step size. Range 0.00001–10; 0.001 suits Adam, "
      "0.01–0.1 suits SGD. Too high makes the loss jump about or turn NaN.")
OPTIMIZER = ("Adam adapts the step of every weight and works at a learning rate of 0.001 almost "
             "always. SGD (with momentum 0.9) needs a larger rate, about 0.01–0.1, and more care.")
LOSS = ("How a reconstruction is scored, summed over the pixels of each image. Binary "
        "cross-entropy suits mostly black-and-white images such as digits and is the usual VAE "
        "choice; mean squared error suits photos and gives smaller numbers (0 is perfect).")
BETA = ("β: the weight of a VAE's KL term, which pulls the codes towards a standard normal "
        "distribution. 1 is the standard VAE; 0.1–0.5 gives sharper reconstructions, 2–10 a "
        "smoother latent space. Range 0–100. VAEs only.")
KL_WARMUP = ("KL warm-up: ramp β up from 0 over this many epochs, so the model learns to "
             "reconstruct before the KL term pulls the codes together. 0 turns it off; 5–10 is "
             "typical. Range 0–1,000. VAEs only.")
SEED = ("Seeds the initial weights, the batch order and the noise: the same seed and settings "
        "repeat a run. Any whole number from 0 to 2,147,483,647. The split has its own seed, "
        "in the Data tab.")
DEVICE = ("Where the model trains. CUDA (an NVIDIA GPU) is often 10–50× faster than the CPU "
          "for convolutional models; MPS is the GPU of Apple silicon Macs.")
AMP = ("Automatic mixed precision: compute in 16-bit floats on a CUDA GPU, often 1.5–3× faster "
       "and using about half the memory. bfloat16 where the GPU has it (Ampere and newer), "
       "float16 with loss scaling otherwise. It has no effect on the CPU or MPS.")
COMPILE = ("Compile the model with torch.compile before training: the first batches wait for the "
           "compiler (10–60 seconds), later ones run faster, most of all on a GPU. The results "
           "are the same. It needs a C++ compiler on the CPU.")
