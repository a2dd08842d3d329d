"""Descriptions the window shows of things core describes in English for the command line:
the device and the dataset, in the window's language (core never imports Qt)."""

from __future__ import annotations

import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP

from aegui.core.data import ImageDataset
from aegui.core.device import describe_device
from aegui.core.text import plural
from aegui.ui.i18n import translate, translate_plural

QT_TRANSLATE_NOOP("Words", "grayscale")  # the kinds of images, as describe_dataset names them
QT_TRANSLATE_NOOP("Words", "RGB")
# The titles core gives its models, layouts and corruption levels (core never imports Qt):
# listed here for the catalogue, translated where the window shows them (core_words).
CORE_TITLES = (
    QT_TRANSLATE_NOOP("Words", "Dense autoencoder"),
    QT_TRANSLATE_NOOP("Words", "Convolutional autoencoder"),
    QT_TRANSLATE_NOOP("Words", "Variational autoencoder (dense)"),
    QT_TRANSLATE_NOOP("Words", "Convolutional VAE"),
    QT_TRANSLATE_NOOP("Words", "Conditional VAE (convolutional)"),
    QT_TRANSLATE_NOOP("Words", "Residual, GroupNorm"),
    QT_TRANSLATE_NOOP("Words", "Residual, BatchNorm"),
    QT_TRANSLATE_NOOP("Words", "Plain, BatchNorm"),
    QT_TRANSLATE_NOOP("Words", "Plain, GroupNorm"),
    QT_TRANSLATE_NOOP("Words", "noise σ"),
    QT_TRANSLATE_NOOP("Words", "flipped fraction p"),
    QT_TRANSLATE_NOOP("Words", "masked area fraction"),
    QT_TRANSLATE_NOOP("Words", "blur σ (pixels)"),
    QT_TRANSLATE_NOOP("Words", "downscale factor"),
    QT_TRANSLATE_NOOP("Words", "The model learned nothing"),  # core.run.verdict.COLLAPSED, a banner title
)


def core_words(text: str) -> str:
    """A title from core (a model's, a layout's, a level's), in the window's language."""
    return translate("Words", text) if text else text


def describe_device_words(device: torch.device) -> str:
    """"CPU, 2 threads" or a GPU's name (names stay as they are)."""
    if device.type != "cpu":
        return describe_device(device)
    threads = torch.get_num_threads()
    return translate_plural("Words", "CPU, %n thread(s)", threads, describe_device(device))


def describe_dataset(dataset: ImageDataset) -> str:
    """The status bar's one line: "mnist-10k: 10,000 grayscale images 28×28, 10 classes"."""
    kind = translate("Words", "RGB" if dataset.channels == 3 else "grayscale")
    classes = (translate_plural("Words", "%n class(es)", dataset.num_classes, plural(dataset.num_classes, "class",
                                                                                     "classes"))
               if dataset.has_labels else translate("Words", "unlabeled"))
    return translate("Words", "{name}: {count} {kind} images {height}×{width}, {classes}").format(
        name=dataset.name, count=f"{len(dataset):,}", kind=kind, height=dataset.height, width=dataset.width,
        classes=classes)
