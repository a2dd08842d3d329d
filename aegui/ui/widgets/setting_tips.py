"""Tooltips for the training settings: what each one does and a sensible range, so a
first-time user can pick values without reading the documentation.

The texts are marked for translation (context "SettingTips"): the constants with
``QT_TRANSLATE_NOOP``, shown with ``translate("SettingTips", tips.MODEL)``; the tips that state
limits taken from the code are built, translated, by the functions below."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from aegui.core.config import MAX_LATENT, MAX_WIDTH
from aegui.core.corruptions import LEVEL_RANGES
from aegui.ui.i18n import translate

MIN_WIDTH_SHOWN = 4  # narrower networks are valid but learn nothing useful: the window starts at 4

MODEL = QT_TRANSLATE_NOOP(
    "SettingTips",
    "What the network is. Dense models flatten the image (quick, fine for 28×28 digits); "
    "convolutional ones keep its 2-D layout and do better from 32×32 up. A VAE (variational "
    "autoencoder) learns a smooth latent space you can sample new images from; the conditional "
    "VAE is also told each image's class (labelled data with 2 or more classes).")

_R = LEVEL_RANGES  # the ranges the corruptions accept, so the tips cannot drift from them


def task_tip() -> str:
    return translate(
        "SettingTips",
        "What the model learns to undo: it sees a corrupted image and is scored against the clean "
        "one. Reconstruct: no corruption. Denoise: Gaussian noise (σ up to {noise}). "
        "Inpaint: a masked rectangle (up to {mask} of the image). Deblur: Gaussian "
        "blur (σ up to {blur} pixels). Super-resolve: downscaled by a factor of "
        "{low}–{high}. Colorize: grey input, RGB data only.",
    ).format(noise=f"{_R['gaussian'][1]:g}", mask=f"{_R['mask'][1]:.0%}", blur=f"{_R['blur'][1]:g}",
             low=f"{_R['downscale'][0]:g}", high=f"{_R['downscale'][1]:g}")


# corruption kind -> what its level means and a good starting value; the range is added
# from the spin box, so the tooltip always states the limits the widget really has.
LEVELS = {
    "gaussian": (QT_TRANSLATE_NOOP("SettingTips", "Noise σ: the standard deviation of the Gaussian noise added "
                                                  "to every pixel (pixels run from 0 to 1)."),
                 QT_TRANSLATE_NOOP("SettingTips", "0.3–0.5 is clearly visible yet learnable")),
    "salt-pepper": (QT_TRANSLATE_NOOP("SettingTips", "Flipped fraction p: the share of pixels set to black or white."),
                    QT_TRANSLATE_NOOP("SettingTips", "0.1–0.3 is a good start")),
    "mask": (QT_TRANSLATE_NOOP("SettingTips", "Masked area fraction: how much of the image one rectangle hides."),
             QT_TRANSLATE_NOOP("SettingTips", "0.25 hides a quarter")),
    "blur": (QT_TRANSLATE_NOOP("SettingTips", "Blur σ in pixels: the width of the Gaussian blur."),
             QT_TRANSLATE_NOOP("SettingTips", "1–2 pixels clearly blurs 28×28 digits")),
    "downscale": (QT_TRANSLATE_NOOP("SettingTips", "Downscale factor: the image is shrunk by this factor, then "
                                                   "scaled back up."),
                  QT_TRANSLATE_NOOP("SettingTips", "2 halves the resolution, 4 quarters it")),
}


def level_tip(kind: str, low: float, high: float) -> str:
    if kind not in LEVELS:
        return translate("SettingTips", "This task has no level (it stays at 0). Denoise, inpaint, deblur and "
                                        "super-resolve have one, e.g. noise σ up to {noise}.").format(
            noise=f"{_R['gaussian'][1]:g}")
    meaning, advice = LEVELS[kind]
    return translate("SettingTips", "{meaning} Range {low}–{high}; {advice}.").format(
        meaning=translate("SettingTips", meaning), low=f"{low:g}", high=f"{high:g}",
        advice=translate("SettingTips", advice))


def latent_tip() -> str:
    return translate("SettingTips", "Latent size: how many numbers each image is squeezed into. 2 lets the Latent "
                                    "tab plot the codes directly; 8–32 reconstructs far better. Range 1–{max}.").format(
        max=MAX_LATENT)


def width_tip() -> str:
    return translate("SettingTips", "Width: channels of the first convolution stage (doubling at each further "
                                    "stage); dense models get 16× this many units in their first layer. Range "
                                    "{min}–{max}; 16–64 is typical, and wider trains slower.").format(
        min=MIN_WIDTH_SHOWN, max=MAX_WIDTH)


DEPTH = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Depth: how many stages (each convolution stage halves the image size) or dense "
    "layers. Auto halves the image down to 8×8 or less (2 stages for 28–32 px, 3 for 64, "
    "4 for 128) and gives dense models 2 layers. Range 1–6.")
LAYOUT = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Layout of the convolutional models. Residual blocks with GroupNorm suit photos and "
    "behave the same at any batch size; the plain layout is aegui's first, which older "
    "runs use. BatchNorm is the option for either.")


def epochs_tip(continuing: bool, epochs_done: int) -> str:
    if continuing:
        return translate("SettingTips", "More epochs: how many epochs to train on top of the model's {epochs}. "
                                        "Range 1–10,000.").format(epochs=f"{epochs_done:,}")
    return translate("SettingTips", "Epochs: full passes over the training images. Range 1–10,000; 10–30 is enough "
                                    "for MNIST digits. To train an existing model further, tick Continue: this then "
                                    "counts the additional epochs.")


BATCH = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Batch size: images per optimisation step. Range 1–8,192; 64–256 is typical. Larger "
    "batches train faster on a GPU but need more memory: if it runs out, halve this.")
LR = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Learning rate: the optimizer's step size. Range 0.00001–10; 0.001 suits Adam, "
    "0.01–0.1 suits SGD. Too high makes the loss jump about or turn NaN.")
OPTIMIZER = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Adam adapts the step of every weight and works at a learning rate of 0.001 almost "
    "always. SGD (with momentum 0.9) needs a larger rate, about 0.01–0.1, and more care.")
LOSS = QT_TRANSLATE_NOOP(
    "SettingTips",
    "How a reconstruction is scored, summed over the pixels of each image. Binary "
    "cross-entropy suits mostly black-and-white images such as digits and is the usual VAE "
    "choice; mean squared error suits photos and gives smaller numbers (0 is perfect).")
BETA = QT_TRANSLATE_NOOP(
    "SettingTips",
    "β: the weight of a VAE's KL term, which pulls the codes towards a standard normal "
    "distribution. 1 is the standard VAE; 0.1–0.5 gives sharper reconstructions, 2–10 a "
    "smoother latent space. Range 0–100. VAEs only.")
KL_WARMUP = QT_TRANSLATE_NOOP(
    "SettingTips",
    "KL warm-up: ramp β up from 0 over this many epochs, so the model learns to "
    "reconstruct before the KL term pulls the codes together. 0 turns it off; 5–10 is "
    "typical. Range 0–1,000. VAEs only.")
SEED = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Seeds the initial weights, the batch order and the noise: the same seed and settings "
    "repeat a run. Any whole number from 0 to 2,147,483,647. The split has its own seed, "
    "in the Data tab.")
DEVICE = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Where the model trains. CUDA (an NVIDIA GPU) is often 10–50× faster than the CPU "
    "for convolutional models; MPS is the GPU of Apple silicon Macs.")
AMP = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Automatic mixed precision: compute in 16-bit floats on a CUDA GPU, often 1.5–3× faster "
    "and using about half the memory. bfloat16 where the GPU has it (Ampere and newer), "
    "float16 with loss scaling otherwise. It has no effect on the CPU or MPS.")
COMPILE = QT_TRANSLATE_NOOP(
    "SettingTips",
    "Compile the model with torch.compile before training: the first batches wait for the "
    "compiler (10–60 seconds), later ones run faster, most of all on a GPU. The results "
    "are the same. It needs a C++ compiler on the CPU.")
