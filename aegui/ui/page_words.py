"""What the Reconstruct tab writes: its orders and hints, the captions under the tiles, the
page's summary and its place among the pages, in the window's language (context
"ReconstructTab")."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP

from aegui.core.metrics import SSIM_WINDOW
from aegui.core.reconstruction import PageResult
from aegui.ui.i18n import translate

# Titles of core.paging.ORDER_KEYS; translated where shown: translate("ReconstructTab", title).
ORDERS = [(QT_TRANSLATE_NOOP("ReconstructTab", "Dataset order"), "dataset"),
          (QT_TRANSLATE_NOOP("ReconstructTab", "Worst first"), "worst"),
          (QT_TRANSLATE_NOOP("ReconstructTab", "Best first"), "best"),
          (QT_TRANSLATE_NOOP("ReconstructTab", "Shuffled"), "shuffled")]
NO_MODEL = QT_TRANSLATE_NOOP("ReconstructTab", "No model yet. Train one in the Train tab, or open an experiment with "
                             "File › Open experiment…, to see its reconstructions here.")
DEMO = QT_TRANSLATE_NOOP("ReconstructTab", "Bundled demo model ({title}, trained on the bundled MNIST digits) — "
                         "train your own in the Train tab, or open one with File › Open experiment…")


def short_number(value: float, digits: int) -> str:
    """0.0213 -> '.021': captions under small tiles need every pixel."""
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("0.") else text.replace("-0.", "-.")


def input_captions(page: PageResult) -> list[str]:
    decibels = translate("ReconstructTab", "{psnr} dB")
    return [decibels.format(psnr=f"{p:.1f}") for p in page.input_psnr]


def output_captions(page: PageResult) -> list[str]:
    decibels, mse_text = translate("ReconstructTab", "{psnr} dB"), translate("ReconstructTab", "MSE {mse}")
    ssim_text = translate("ReconstructTab", "SSIM {ssim}")
    return [mse_text.format(mse=short_number(m, 3)) + "\n" + decibels.format(psnr=f"{p:.1f}")
            + ("\n" + ssim_text.format(ssim=short_number(s, 2)) if np.isfinite(s) else "")
            for m, p, s in zip(page.mse, page.psnr, page.ssim)]


def page_summary(page: PageResult) -> str:
    """"Page mean: input … dB → output … dB (gain … dB) · MSE … · SSIM …"."""
    output_psnr = f"{page.mean_output_psnr:.1f}"
    if page.corrupted_input:
        gain = translate("ReconstructTab", "input {input_psnr} dB → output {output_psnr} dB (gain {gain} dB)").format(
            input_psnr=f"{page.mean_input_psnr:.1f}", output_psnr=output_psnr, gain=f"{page.gain_db:+.1f}")
    else:
        gain = translate("ReconstructTab", "output PSNR {output_psnr} dB").format(output_psnr=output_psnr)
    if np.isfinite(page.ssim).any():
        structural = translate("ReconstructTab", "SSIM {ssim}").format(ssim=f"{np.nanmean(page.ssim):.3f}")
    else:
        structural = translate("ReconstructTab", "no SSIM (images under {size}×{size} px)").format(size=SSIM_WINDOW)
    return translate("ReconstructTab", "Page mean: {gain} · MSE {mse} · {structural}").format(
        gain=gain, mse=f"{page.mse.mean():.4f}", structural=structural)


def page_label(index: int, count: int, size: int, wanted: int) -> str:
    """"page 2 of 63", and how many of the images asked for fit when fewer do."""
    page, pages = f"{index + 1:,}", f"{count:,}"
    if size < wanted:
        return translate("ReconstructTab", "page {page} of {pages} ({size} of {wanted} images fit)").format(
            page=page, pages=pages, size=size, wanted=wanted)
    return translate("ReconstructTab", "page {page} of {pages}").format(page=page, pages=pages)
